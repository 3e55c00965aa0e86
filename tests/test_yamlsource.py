import pytest

from sitegen.yamlsource import YamlSyntaxError, load_located


def test_key_lines_count_from_the_file_start() -> None:
    doc = load_located("headline: Un\nimage:\n  src: a.svg\n  alt: b\n", first_line=2)
    assert doc.line_of("headline") == 2
    assert doc.line_of("image", "alt") == 5
    assert doc.col_of("image", "alt") == 3


def test_dates_stay_text_for_the_schema() -> None:
    assert load_located("date: 2023-10-19T18:40:00\n").value["date"] == "2023-10-19T18:40:00"


def test_syntax_error_line_is_absolute() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_located("headline: ok\nsections: [monde\nauthor: x\n", first_line=2)
    assert caught.value.line >= 3


def test_duplicate_keys_are_recorded() -> None:
    doc = load_located("a: 1\nb: 2\na: 3\n")
    assert doc.duplicates == ((("a",), 3),)
