"""Per-language typography: pure text rules, and the Markdown extension on parsed HTML."""

from __future__ import annotations

import re
from importlib import resources

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.config import MARKDOWN_ENGINES, MarkdownSettings
from sitegen.engines import new_renderer
from sitegen.markdown_typography import TypographyExtension
from sitegen.typography import (
    TypographyRules,
    _contains_any,
    _contains_ascii_digit,
    apply_typography,
    load_rules,
    parse_rules,
    space_marks,
)

NBSP, NNBSP = "\u00a0", "\u202f"


def rules(lang: str) -> TypographyRules:
    loaded = load_rules(lang)
    assert loaded is not None
    return loaded


def render(text: str, lang: str | None = None, engine: str = MARKDOWN_ENGINES[0]) -> str:
    """Markdown as the site renders it, with the typography of `lang` when given."""
    rules = load_rules(lang) if lang is not None else None
    return new_renderer(MarkdownSettings(engine=engine), rules).render(text).html


def body(text: str, lang: str | None = None, engine: str = MARKDOWN_ENGINES[0]) -> Tag:
    parsed = BeautifulSoup(render(text, lang, engine), "html5lib").body
    assert parsed is not None
    return parsed


@pytest.fixture(params=MARKDOWN_ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each Markdown engine in turn: typography must not depend on the engine."""
    return str(request.param)


def test_the_extension_works_in_plain_python_markdown() -> None:
    md = markdown.Markdown(extensions=["extra", TypographyExtension(load_rules("fr"))])
    paragraph = only(BeautifulSoup(md.convert('Il dit "oui" !'), "html5lib"), "p")
    assert paragraph.get_text() == f"Il dit «{NBSP}oui{NBSP}»{NNBSP}!"


def only(root: Tag, name: str) -> Tag:
    found = root.find_all(name)
    assert len(found) == 1, found
    return found[0]


# French, pure text


@pytest.mark.parametrize("text", ["« déjà »", "«déjà»", '"déjà"', f"«{NBSP}déjà{NBSP}»"])
def test_french_quotes_become_guillemets_with_no_break_spaces(text: str) -> None:
    assert apply_typography(text, rules("fr")) == f"«{NBSP}déjà{NBSP}»"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vraiment ?", f"Vraiment{NNBSP}?"),
        ("Vraiment?", f"Vraiment{NNBSP}?"),
        ("Attention : danger", f"Attention{NNBSP}: danger"),
        (f"Attention{NBSP}; danger !", f"Attention{NNBSP}; danger{NNBSP}!"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ('"Quoi ?"', f"«{NBSP}Quoi{NNBSP}?{NBSP}»"),
    ],
)
def test_french_high_punctuation_gets_a_narrow_no_break_space(text: str, expected: str) -> None:
    assert apply_typography(text, rules("fr")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12:30",
        "à 10:30 précises",
        "https://example.org",
        "https://example.org/x?a=1",
        "a::b",
        "std::vector",
        "3.14",
        "3,14",
        "mailto:a@b.org",
    ],
)
def test_french_leaves_times_urls_and_numbers_alone(text: str) -> None:
    assert apply_typography(text, rules("fr")) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 500 soldats", f"2{NNBSP}500 soldats"),
        ("1 200 000", f"1{NNBSP}200{NNBSP}000"),
        (f"1{NBSP}200 000 €", f"1{NNBSP}200{NNBSP}000 €"),
        ("12 3456", "12 3456"),
        ("A4 500 feuilles", "A4 500 feuilles"),
    ],
)
def test_french_digit_groups_of_three_get_narrow_spaces(text: str, expected: str) -> None:
    assert apply_typography(text, rules("fr")) == expected


def test_year_before_a_count_is_not_grouped() -> None:
    # A first group has at most three digits, so a four-digit year never starts a number.
    text = "en 2023 500 personnes"
    assert apply_typography(text, rules("fr")) == text


def test_day_before_a_count_is_grouped_as_one_number() -> None:
    # Known limitation, documented in the module: "14 500" reads as fourteen thousand five
    # hundred; write "le 14, 500 manifestants" when two numbers are meant.
    assert (
        apply_typography("le 14 500 manifestants", rules("fr")) == f"le 14{NNBSP}500 manifestants"
    )


def test_french_straight_apostrophe_becomes_curly() -> None:
    assert apply_typography("l'armée d'aujourd'hui", rules("fr")) == "l’armée d’aujourd’hui"


def test_placeholders_pass_through_and_are_transparent_for_context() -> None:
    stashed = "\x02wzxhzdk:12\x03"
    assert apply_typography(f"Vraiment{stashed} ?", rules("fr")) == f"Vraiment{stashed}{NNBSP}?"
    escaped_quote = "\x0234\x03"
    assert apply_typography(f"{escaped_quote}1 234", rules("fr")) == f"{escaped_quote}1{NNBSP}234"


# English and Danish, pure text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Hello," she said.', "“Hello,” she said."),
        ("'quoted'", "‘quoted’"),
        ("He said \"it's 'fine'\".", "He said “it’s ‘fine’”."),
        ("don't, the 1990's, the '90s", "don’t, the 1990’s, the ’90s"),
        ('("a") ["b"]', "(“a”) [“b”]"),
    ],
)
def test_english_curly_quotes_and_apostrophes(text: str, expected: str) -> None:
    assert apply_typography(text, rules("en")) == expected


def test_english_changes_no_spacing() -> None:
    text = "Really ? Yes : 2 500 people ; fine !"
    assert apply_typography(text, rules("en")) == text


def test_danish_quotes_default_to_guillemets_pointing_inwards() -> None:
    assert apply_typography('"Hej," sagde Jens\' bror.', rules("da")) == "»Hej,« sagde Jens’ bror."


def test_danish_table_can_choose_low_high_quotes() -> None:
    table = (resources.files("sitegen") / "typography_rules" / "da.yaml").read_text("utf-8")
    table = table.replace('primary: ["»", "«"]', 'primary: ["„", "“"]')
    assert apply_typography('"Hej"', parse_rules("da", table)) == "„Hej“"


# Tables


def test_language_without_a_table_has_no_rules() -> None:
    assert load_rules("ar") is None
    assert load_rules("../fr") is None
    assert load_rules("") is None


def test_regional_language_falls_back_to_its_table() -> None:
    assert rules("fr-CA").lang == "fr"
    assert rules("fr_FR").lang == "fr"


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("quotes: {primary: [«]}", "quotes.primary"),
        ("quotes: {primary: [«, »], secondary: ['\"', '\"']}", "quotes.secondary"),
        ("single_quote: pair", "expected a mapping with keys"),
        ("quotes: {primary: [«, »], secondary: [“, ”]}\nsingle_quotes: yes", "single_quotes"),
    ],
)
def test_broken_table_names_file_and_key(table: str, key: str) -> None:
    with pytest.raises(ValueError, match="typography_rules/xx.yaml") as error:
        parse_rules("xx", table)
    assert key in str(error.value)


# The Markdown engines, on parsed HTML


def test_code_span_is_untouched_but_its_tail_is_typeset(engine: str) -> None:
    paragraph = only(body('Voir `a "b" : c` : fin ?', "fr", engine), "p")
    assert only(paragraph, "code").string == 'a "b" : c'
    assert paragraph.get_text() == f'Voir a "b" : c{NNBSP}: fin{NNBSP}?'


def test_code_blocks_are_untouched(engine: str) -> None:
    text = "```\nx = \"a\" : b ?\n```\n\n    y = 'c' ; 2 500\n"
    blocks = [pre.get_text() for pre in body(text, "fr", engine).find_all("pre")]
    assert blocks == ['x = "a" : b ?\n', "y = 'c' ; 2 500\n"]


def test_link_and_image_attributes_are_untouched(engine: str) -> None:
    text = (
        '[texte](https://example.org/a:b?x="y") [lien](<https://example.org/a:b?x="y">)\n\n'
        '![l\'alt "x" : y](i.png "l\'titre ?")'
    )
    typeset, plain = body(text, "fr", engine), body(text, engine=engine)
    assert [a.attrs for a in typeset.find_all("a")] == [a.attrs for a in plain.find_all("a")]
    assert typeset.find_all("a")[1]["href"] == 'https://example.org/a:b?x="y"'
    assert only(typeset, "img").attrs == {
        "alt": 'l\'alt "x" : y',
        "src": "i.png",
        "title": "l'titre ?",
    }


def test_bare_links_keep_their_text(engine: str) -> None:
    text = "Voir <https://example.org/x?a=1> et <redaction@example.org> !"
    links = body(text, "fr", engine).find_all("a")
    assert [a.get_text() for a in links] == ["https://example.org/x?a=1", "redaction@example.org"]
    assert links[0]["href"] == "https://example.org/x?a=1"


def test_emphasis_text_and_tail_are_both_typeset_and_quotes_pair_across_them(engine: str) -> None:
    paragraph = only(body("\"*l'armée*\" l'a dit ?", "fr", engine), "p")
    assert only(paragraph, "em").string == "l’armée"
    assert paragraph.get_text() == f"«{NBSP}l’armée{NBSP}» l’a dit{NNBSP}?"


def test_inline_html_is_kept_and_quotes_pair_around_it(engine: str) -> None:
    paragraph = only(body('Il dit <b>"non"</b>.', "fr", engine), "p")
    assert only(paragraph, "b").get_text() == f"«{NBSP}non{NBSP}»"


def test_raw_html_block_is_untouched(engine: str) -> None:
    text = '<div title="l\'a : b">"x" ? 2 500</div>\n\nSuite ?'
    typeset, plain = body(text, "fr", engine), body(text, engine=engine)
    assert str(only(typeset, "div")) == str(only(plain, "div"))
    assert only(typeset, "p").get_text() == f"Suite{NNBSP}?"


def test_escaped_quotes_stay_straight(engine: str) -> None:
    assert (
        only(body('Il a dit \\"non\\" et l\\\'a', "fr", engine), "p").get_text()
        == 'Il a dit "non" et l\'a'
    )


def test_heading_ids_do_not_change(engine: str) -> None:
    text = '# L\'armée « x » ?\n\n## Un "titre" : 2 500\n'
    typeset, plain = body(text, "fr", engine), body(text, engine=engine)
    assert [h["id"] for h in typeset.find_all(["h1", "h2"])] == ["l-armee-x", "un-titre-2-500"]
    assert [h["id"] for h in plain.find_all(["h1", "h2"])] == ["l-armee-x", "un-titre-2-500"]
    assert only(typeset, "h1").get_text() == f"L’armée «{NBSP}x{NBSP}»{NNBSP}?"


def test_english_and_danish_through_markdown(engine: str) -> None:
    assert only(body('"Don\'t," *she* said.', "en", engine), "p").get_text() == "“Don’t,” she said."
    assert only(body('"Hej," sagde *hun*.', "da", engine), "p").get_text() == "»Hej,« sagde hun."


def test_language_without_a_table_renders_plain_markdown(engine: str) -> None:
    text = '# "عنوان"\n\nقال "مرحبا" ؟ l\'armée : 2 500 `a "b"` \\"x\\"\n'
    assert render(text, "ar", engine) == render(text, engine=engine)


# Properties

PROSE = st.text(alphabet=" \"'«»“”:;!?.,-()0123456789aé\u00a0\u202f\n/", max_size=40)
PLACEHOLDERS = st.sampled_from(["\x02wzxhzdk:0\x03", "\x0234\x03", "\x02amp\x03#58;"])
STASHED = re.compile("\x02amp\x03#58;|\x02[^\x02\x03]*\x03")
TEXT_NODE = st.lists(st.one_of(PROSE, PLACEHOLDERS), max_size=5).map("".join)


@given(TEXT_NODE, st.sampled_from(["fr", "en", "da"]))
def test_typography_is_idempotent_and_keeps_placeholders(text: str, lang: str) -> None:
    once = apply_typography(text, rules(lang))
    assert apply_typography(once, rules(lang)) == once
    assert STASHED.findall(once) == STASHED.findall(text)


INLINE = st.text(alphabet=" \"'«»:;!?.,0123456789aé/", max_size=20)
CODE = st.text(alphabet=" \"'«»:;!?.,0123456789aé/*_<&", min_size=1, max_size=20).filter(
    lambda code: code.strip() != ""
)


@given(INLINE, CODE, INLINE, st.sampled_from(["fr", "en", "da"]), st.sampled_from(MARKDOWN_ENGINES))
def test_code_spans_never_change(
    before: str, code: str, after: str, lang: str, engine: str
) -> None:
    text = f"x{before} `{code}` {after}"
    typeset = [c.get_text() for c in body(text, lang, engine).find_all("code")]
    assert typeset == [c.get_text() for c in body(text, engine=engine).find_all("code")]


def space_marks_by_regex(text: str, rules: TypographyRules, lead: str) -> str:
    """space_marks as one regular expression, as it was first written: the reference."""
    marks = re.escape(rules.spaced_marks)
    closers = re.escape(")]}\u2026%" + rules.primary_quotes[1] + rules.secondary_quotes[1])
    replace = rf"(?<=\S)[^\S\n]+(?=[{marks}])"
    insert = rf"(?<=[\w{closers}])(?=[{marks}](?:[\s{closers}{marks}]|$))"
    pattern = re.compile(rf"(?:{replace}|{insert})(?!::)")
    source = lead + text
    pieces, position = [], len(lead)
    for match in pattern.finditer(source, len(lead)):
        pieces += [source[position:match.start()], rules.mark_space]
        position = match.end()
    return "".join(pieces) + source[position:]


MARKED_TEXT = st.lists(st.sampled_from(
    list("ab_1 ;:!?»”)%…\n\t\u00a0\u202f:/.") + ["::", "http://", "12:30"]),
    max_size=24).map("".join)


OTHER_MARKS = parse_rules("xx", "quotes: {primary: ['„', '“'], secondary: ['‚', '‘']}\n"
                                "space_before: {marks: '!?%', space: ' '}\n")


@pytest.mark.parametrize("table", ["fr", "other"])
@given(text=MARKED_TEXT, lead=st.sampled_from(["", " ", "a", ":", "\n", "»", "\u202f", "%"]))
@example(text="snake_case_; ok", lead="")
@example(text=" ?", lead="x")
@example(text="a ::b a\n ; a»!", lead="")
def test_space_marks_does_what_the_reference_expression_does(table: str, text: str,
                                                            lead: str) -> None:
    rules = OTHER_MARKS if table == "other" else load_rules("fr")
    assert rules is not None
    assert space_marks(text, rules, lead) == space_marks_by_regex(text, rules, lead)


CHECKED = st.text(alphabet="ab 9;:!?%\u202f\u0663٣0\n", max_size=30) | st.text(max_size=30)


@given(CHECKED, st.sampled_from([";:!?", "!?%", "?", ""]))
def test_the_check_for_marks_agrees_with_a_character_class(text: str, marks: str) -> None:
    expected = bool(marks) and re.search(f"[{re.escape(marks)}]", text) is not None
    assert _contains_any(text, marks) == expected


@given(CHECKED)
def test_the_check_for_digits_finds_ascii_digits_only(text: str) -> None:
    # _DIGIT_GROUPS reads ASCII digits only: an Arabic-Indic digit needs no grouping.
    assert _contains_ascii_digit(text) == (re.search("[0-9]", text) is not None)
