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


def test_an_alias_to_the_collection_holding_it_is_read() -> None:
    doc = load_located("headline: Un\ntags: &t [a, *t]\n", first_line=2)
    assert doc.value["tags"][0] == "a"
    assert doc.value["tags"][1] is doc.value["tags"]
    assert doc.line_of("tags", 1) == 3


def test_aliases_of_aliases_are_not_walked_once_per_path() -> None:
    # Ten aliases of ten aliases, six deep: a million paths to the innermost list.
    lines = ["l0: &l0 [x]"]
    lines += [f"l{depth}: &l{depth} [{', '.join([f'*l{depth - 1}'] * 10)}]"
              for depth in range(1, 7)]
    doc = load_located("\n".join(lines) + "\n")
    assert len(doc.value["l6"]) == 10
    # Each key and item where it is written, and no more.
    assert len(doc.marks) == 7 + 1 + 6 * 10
    assert doc.line_of("l6", 9, 0, 0) == 6  # below an alias: where its value is written
    assert doc.duplicates == ()
