from datetime import timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sitegen.dates import DateFormatError, parse_datetime

PARIS = ZoneInfo("Europe/Paris")


def test_naive_date_time_is_taken_in_the_site_zone() -> None:
    moment = parse_datetime("2023-10-19T18:40:00", PARIS)
    assert moment.utcoffset() == timedelta(hours=2)
    assert (moment.hour, moment.minute) == (18, 40)


def test_explicit_offset_and_z_are_kept() -> None:
    assert parse_datetime("2023-10-19T18:40:00Z", PARIS).tzinfo == timezone.utc
    assert parse_datetime("2023-10-19 18:40+05:30", PARIS).utcoffset() == timedelta(hours=5.5)


def test_plain_date_is_midnight() -> None:
    assert parse_datetime("2023-10-19", PARIS).hour == 0


@pytest.mark.parametrize("text", ["2023-02-30", "19/10/2023", "2023-13-01T00:00", "yesterday",
                                  "2023-10-19T25:00"])
def test_impossible_or_malformed_dates_are_rejected(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_datetime(text, PARIS)
