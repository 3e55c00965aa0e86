from collections.abc import Callable
from unittest.mock import patch

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sitegen import yamlsource
from sitegen.yamlsource import LocatedYaml, YamlSyntaxError, load_located


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


def by_pyyaml(text: str, first_line: int) -> object:
    """The reference: load_located with every document left to PyYAML's own constructor
    (and the positions found in a second walk)."""
    with patch.object(yamlsource._Reading, "document", side_effect=yamlsource._Unusual):
        return load_located(text, first_line=first_line)


def outcome(read: Callable[[], object]) -> object:
    try:
        located = read()
    except YamlSyntaxError as exc:
        return ("error", exc.line, exc.col, exc.message)
    if not isinstance(located, LocatedYaml):
        return located
    return (located.value, located.marks, located.duplicates)


SCALAR_TEXT = st.sampled_from(["yes", "No", "on", "~", "null", "1.5", "0x1F", "1_000", "-.inf",
                               "2024-01-01", "12:30", "a: b", "- x", "#", "&a", "*a", "!t",
                               "'q'", '"d"', "", " pad ", "été", "l’été", "multi\nline"])
SCALARS = st.one_of(SCALAR_TEXT, st.text(max_size=12), st.integers(),
                    st.floats(allow_nan=False), st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(SCALARS.filter(lambda k: k == k), inner, max_size=4),
                      max_leaves=20)


@given(VALUES, st.sampled_from([None, True, False]), st.integers(1, 5))
def test_documents_read_as_pyyamls_constructor_reads_them(
        value: object, flow: bool | None, first_line: int) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    assert outcome(lambda: load_located(text, first_line=first_line)) == outcome(
        lambda: by_pyyaml(text, first_line))


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n",                      # an alias: the same list twice
    "base: &b {x: 1}\nmine:\n  <<: *b\n  y: 2\n",  # a merge key
    "=: equals\n",                                 # the value key
    "? [a, b]\n: list key\n",                      # a collection as a key
    "s: !!set {a, b}\n",                           # tagged collections
    "o: !!omap [{a: 1}, {b: 2}]\n",
    "b: !!binary aGVsbG8=\n",
    "t: !!str 12\nn: !!int '7'\n",
    "u: !custom x\n",                              # a tag nobody constructs: an error
    "a: 1\nb: [x, y]\na: 2\n",                     # a duplicate key
    "1: one\ntrue: yes\nnull: nothing\n1.5: float\n",
    "headline: &h [*h]\n",
], ids=["alias", "merge", "value-key", "list-key", "set", "omap", "binary", "tags", "custom",
        "duplicate", "scalar-keys", "recursive"])
def test_unusual_documents_read_as_pyyamls_constructor_reads_them(text: str) -> None:
    ours, theirs = outcome(lambda: load_located(text, first_line=3)), outcome(
        lambda: by_pyyaml(text, 3))
    if text == "headline: &h [*h]\n":  # a recursive list: compare its shape
        assert ours[1:] == theirs[1:] and ours[0]["headline"][0] is ours[0]["headline"]
    else:
        assert ours == theirs


@given(st.text(alphabet=st.sampled_from("ab:-[]{},&*!|>'\"#? \n\t1"), max_size=60))
def test_any_text_reads_or_fails_as_with_pyyamls_constructor(text: str) -> None:
    ours, theirs = outcome(lambda: load_located(text)), outcome(lambda: by_pyyaml(text, 1))
    assert ours == theirs
