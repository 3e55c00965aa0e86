import re

from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.markup import _first_paragraph, count_words, plain_text, reading_minutes

# The definition of a word, read by one regular expression: the reference for count_words.
WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def test_elisions_and_compounds_are_one_word_each() -> None:
    html = "<p>L’homme a dit : « c’est vingt-deux_heures », puis -- rien.</p><p>2 500 €</p>"
    # L’homme · a · dit · c’est · vingt-deux_heures · puis · rien · 2 · 500
    assert count_words(html) == 9


def test_markup_and_entities_are_not_words() -> None:
    assert count_words('<p><a href="/x-y">un</a> &amp; <em>deux</em>&nbsp;!</p>') == 2


def test_reading_time_is_at_least_a_minute() -> None:
    assert reading_minutes(0) == 1
    assert reading_minutes(220 * 3 + 100) == 3


@given(st.text(alphabet=st.sampled_from(
    "ab9éÉœ_’'-.,;:!?()[]«»\"“”…—–/ \n\t\u00a0\u202f<>&;ضع²½"
)) | st.text())
@example("a--b 'c' -d- e’’f")
@example("x.y (z)-w")
def test_count_is_the_number_of_words_the_definition_finds(text: str) -> None:
    assert count_words(text) == len(WORD.findall(plain_text(text)))


def first_paragraph_by_regex(body: str) -> str:
    """The first paragraph's text as first written, by regular expressions: the reference."""
    match = re.search(r"<p>(.*?)</p>", body, re.DOTALL)
    if not match:
        return ""
    return re.sub(r"[ \t\r\n\f\v]+", " ", plain_text(match.group(1))).strip()


@given(st.lists(st.sampled_from(
    ["<p>", "</p>", "<h2>", "</h2>", "<em>", " ", "  ", "\n", "\t", "\u00a0", "\u202f", "mot",
     "&amp;", "é", "<p", "p>"]), max_size=16).map("".join))
@example("<h2>a</h2><p>b\n  c</p><p>d</p>")
@example("<p>a<p>b</p>")
@example("<p> a  b\u00a0 </p>")
@example("</p><p>x")
def test_the_first_paragraph_is_what_the_reference_expression_finds(body: str) -> None:
    assert _first_paragraph(body) == first_paragraph_by_regex(body)


def test_the_first_paragraph_keeps_no_break_spaces_and_collapses_others() -> None:
    body = ("<h2>Titre</h2>\n<p>Il a dit\u202f: «\u00a0oui\u00a0»\n  et   <em>part</em>.</p>"
            "<p>Non</p>")
    assert _first_paragraph(body) == "Il a dit\u202f: «\u00a0oui\u00a0» et part."
