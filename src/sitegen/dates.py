"""ISO 8601 dates from front matter, made time-zone aware."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)

DATE_FORMAT_HINT = "write an ISO 8601 date such as 2023-10-19 or 2023-10-19T18:40:00+02:00"


class DateFormatError(ValueError):
    """The text is not an ISO 8601 date, or names a day that does not exist."""


def parse_datetime(value: object, zone: tzinfo) -> datetime:
    """Parse an ISO 8601 date or date-time; naive values are taken in zone."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    text = str(value).strip()
    match = _ISO.match(text)
    if not match:
        raise DateFormatError(f"{text!r} is not an ISO 8601 date")
    parts = match.groupdict()
    try:
        moment = datetime(
            int(parts["y"]), int(parts["mo"]), int(parts["d"]),
            int(parts["h"] or 0), int(parts["mi"] or 0), int(parts["s"] or 0),
            int((parts["f"] or "0").ljust(6, "0")),
        )
    except ValueError as exc:
        raise DateFormatError(f"{text!r} is not a real date: {exc}") from None
    return moment.replace(tzinfo=_zone_of(parts["tz"], zone))


def _zone_of(offset: str | None, default: tzinfo) -> tzinfo:
    if offset is None:
        return default
    if offset == "Z":
        return timezone.utc
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise DateFormatError(f"{offset!r} is not a valid UTC offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
