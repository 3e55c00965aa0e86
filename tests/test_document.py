"""parse_document: the front matter schema, with the line of every offending key."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from sitegen.config import MARKDOWN_ENGINES, MarkdownSettings
from sitegen.document import ParseResult, SourceFile, Vocabulary, parse_document
from sitegen.engines import new_renderer

VOCABULARY = Vocabulary(authors={"chloe", "marc"}, sections={"monde", "culture"},
                        timezone=ZoneInfo("Europe/Paris"))
GOOD = ("---\nheadline: Des missiles frappent\nauthor: chloe\nsections: [monde]\n"
        "date: 2023-10-19T18:40:00\n---\nPremier paragraphe.\n\n## Lien avec Gaza\n\nSuite.\n")


def parse(text: str | bytes, *, strict: bool = False) -> ParseResult:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    vocabulary = Vocabulary(VOCABULARY.authors, VOCABULARY.sections, VOCABULARY.timezone, strict)
    return parse_document(SourceFile("content/fr/monde/a.md", "fr", raw), vocabulary,
                          new_renderer())


def only_problem(result: ParseResult) -> tuple[int | None, str, str]:
    errors = [p for p in result.problems if p.severity == "error"]
    assert result.article is None and len(errors) == 1, result.problems
    return errors[0].line, errors[0].message, errors[0].hint


def test_valid_article_becomes_a_typed_article() -> None:
    article = parse(GOOD).article
    assert article is not None
    assert article.headline == "Des missiles frappent"
    assert article.slug == "des-missiles-frappent"
    assert article.summary == "Premier paragraphe."
    assert [(h.level, h.text, h.id) for h in article.headings] == [(2, "Lien avec Gaza",
                                                                    "lien-avec-gaza")]
    assert article.date.isoformat() == "2023-10-19T18:40:00+02:00"
    assert article.translation_key == "path:monde/a"


def test_invalid_yaml_reports_line_in_whole_file() -> None:
    line, message, _ = only_problem(parse(GOOD.replace("sections: [monde]", "sections: [monde")))
    assert line in (4, 5) and "invalid YAML" in message


def test_missing_required_key_is_named() -> None:
    line, message, hint = only_problem(parse(GOOD.replace("author: chloe\n", "")))
    assert "'author'" in message and "author:" in hint


def test_unknown_author_names_line_and_known_authors() -> None:
    line, message, hint = only_problem(parse(GOOD.replace("author: chloe", "author: chloee")))
    assert line == 3 and "unknown author 'chloee'" in message and "did you mean 'chloe'" in hint


def test_unknown_section_names_line() -> None:
    line, message, hint = only_problem(parse(GOOD.replace("[monde]", "[monde, mondee]")))
    assert line == 4 and "unknown section 'mondee'" in message and "'monde'" in hint


def test_bad_date_gives_the_expected_format() -> None:
    line, message, hint = only_problem(parse(GOOD.replace("2023-10-19T18:40:00", "2023-02-30")))
    assert line == 5 and "not a real date" in message and "ISO 8601" in hint


def test_sections_as_string_suggests_a_list() -> None:
    line, message, hint = only_problem(parse(GOOD.replace("[monde]", "monde")))
    assert line == 4 and "must be a list" in message and "[monde]" in hint


def test_number_as_headline_is_a_type_error() -> None:
    line, message, _ = only_problem(parse(GOOD.replace("Des missiles frappent", "42")))
    assert line == 2 and "must be text" in message


@pytest.mark.parametrize("slug", ["a/b", "a\\\\b", "..", "a\\tb"])
def test_unsafe_slug_is_rejected(slug: str) -> None:
    line, message, _ = only_problem(parse(GOOD.replace("author:", f'slug: "{slug}"\nauthor:')))
    assert line == 3 and "slug" in message


def test_unknown_key_is_a_warning_with_suggestion_and_an_error_when_strict() -> None:
    text = GOOD.replace("author: chloe", "author: chloe\ntgas: [a]")
    loose = parse(text)
    assert loose.article is not None
    assert [(p.severity, p.line, p.hint) for p in loose.problems] == [
        ("warning", 4, "did you mean 'tags'?")]
    assert parse(text, strict=True).article is None


@pytest.mark.parametrize("text,fragment", [
    ("", "empty"), ("headline: x\n", "does not start with front matter"),
    ("---\nheadline: x\n", "never closed"),
])
def test_broken_structure_is_reported_on_line_one(text: str, fragment: str) -> None:
    line, message, _ = only_problem(parse(text))
    assert line == 1 and fragment in message


def test_non_utf8_file_names_the_byte_offset() -> None:
    line, message, _ = only_problem(parse(GOOD.encode() + b"\n\xff\xfe"))
    assert "byte offset" in message and line == GOOD.count("\n") + 2


def test_bom_and_crlf_are_accepted() -> None:
    raw = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()
    article = parse(raw).article
    assert article is not None and article.headline == "Des missiles frappent"


def test_every_problem_of_a_file_is_reported_together() -> None:
    text = GOOD.replace("author: chloe", "author: nobody").replace("[monde]", "[nowhere]")
    lines = sorted(p.line or 0 for p in parse(text).problems)
    assert lines == [3, 4]


@pytest.mark.parametrize("engine", MARKDOWN_ENGINES)
def test_raw_html_is_escaped_when_disabled(engine: str) -> None:
    renderer = new_renderer(MarkdownSettings(engine=engine, raw_html=False))
    text = GOOD + "\n<script>x()</script>\n\nUn <b>mot</b>.\n"
    article = parse_document(SourceFile("content/fr/a.md", "fr", text.encode()), VOCABULARY,
                             renderer).article
    assert article is not None
    body = BeautifulSoup(article.body_html.decode(), "html5lib")
    assert body.find("script") is None and body.find("b") is None
    assert "<script>x()</script>" in body.get_text() and "<b>mot</b>" in body.get_text()
