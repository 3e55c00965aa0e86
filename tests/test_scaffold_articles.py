"""New article text: front matter the engine parses back, keys added byte for byte."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import count

import pytest

from sitegen.document import SourceFile, Vocabulary, parse_document
from sitegen.markup import MarkdownRenderer
from sitegen.model import Article
from sitegen.scaffold.articles import (
    ArticleDraft,
    article_path,
    article_text,
    file_name,
    unique_key,
    with_translation_key,
    yaml_value,
)
from sitegen.scaffold.errors import RefusedError

PARIS_WINTER = timezone(timedelta(hours=1))
DATE = datetime(2026, 1, 5, 9, 30, tzinfo=PARIS_WINTER)
HOSTILE = ["Guerre : l'armée « avance »", 'He said: "no"', "#1: yes", "- dash", "null",
           "yes", "2023-10-19", "[TO TRANSLATE] x", "a {b} [c]", "%tag", "@at", "'quoted'",
           "Ω ∑ مرحبا", "tab\tinside"]


def parse(text: str, path: str = "content/fr/monde/x.md") -> Article:
    vocabulary = Vocabulary({"chloe", "marc"}, {"monde", "culture"}, timezone.utc, strict=True)
    result = parse_document(SourceFile(path, "fr", text.encode()), vocabulary,
                            MarkdownRenderer())
    assert result.problems == (), result.problems
    assert result.article is not None
    return result.article


def draft(**changes: object) -> ArticleDraft:
    fields: dict[str, object] = dict(
        headline="Un titre", authors=("chloe",), sections=("monde",), date=DATE,
        tags=("Irak",), translation_key="un-titre-abc123")
    fields.update(changes)
    return ArticleDraft(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("headline", HOSTILE)
def test_hostile_headlines_and_tags_survive_the_round_trip(headline: str) -> None:
    article = parse(article_text(draft(headline=headline, tags=(headline, "b"))))
    assert article.headline == headline.strip()
    assert article.tags == (headline.strip(), "b")


def test_front_matter_is_complete_and_typed() -> None:
    article = parse(article_text(draft(dek="Le chapô : court", body="Premier paragraphe.\n")))
    assert (article.headline, article.dek, article.authors, article.sections) == (
        "Un titre", "Le chapô : court", ("chloe",), ("monde",))
    assert article.date == DATE and article.date.utcoffset() == timedelta(hours=1)
    assert article.draft is True and article.translation_key == "un-titre-abc123"
    assert article.tags == ("Irak",) and "Premier paragraphe." in article.body_html.decode()


def test_date_is_written_as_iso_8601_with_its_offset() -> None:
    assert "\ndate: 2026-01-05T09:30:00+01:00\n" in article_text(draft())


def test_several_authors_use_the_authors_key_and_an_image_is_kept() -> None:
    image = {"src": "/images/x.svg", "alt": "Alt: with colon", "credit": "AFP"}
    article = parse(article_text(draft(authors=("chloe", "marc"), image=image)))
    assert article.authors == ("chloe", "marc")
    assert article.image is not None and article.image.alt == "Alt: with colon"


def test_yaml_value_has_no_document_end_marker() -> None:
    assert yaml_value("plain") == "plain"
    assert yaml_value(True) == "true"
    assert yaml_value(["a", "b: c"]) == "[a, 'b: c']"


def test_paths_follow_the_site_conventions() -> None:
    assert file_name("Des missiles frappent l'Irak") == "des-missiles-frappent-l-irak.md"
    assert file_name("!!!") == "article.md"
    assert article_path("fr", "monde", "x.md") == "content/fr/monde/x.md"


def test_unique_key_skips_keys_in_use() -> None:
    tokens = iter(["aaa", "aaa", "bbb"])
    key = unique_key("Un titre", {"un-titre-aaa"}, lambda: next(tokens))
    assert key == "un-titre-bbb"
    numbers = count()
    assert unique_key("x" * 200, set(), lambda: str(next(numbers))) == "x" * 48 + "-0"


ORIGINAL = "---\nheadline: A\nauthor: chloe\nsections: [monde]\ndate: 2023-10-19\n---\nBody\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_translation_key_is_added_and_every_other_byte_kept(newline: str, bom: str) -> None:
    raw = (bom + ORIGINAL.replace("\n", newline)).encode()
    edited = with_translation_key(raw, "a-1f2e3d", "content/fr/monde/a.md")
    expected = raw.replace(f"2023-10-19{newline}---".encode(),
                           f"2023-10-19{newline}translation_key: a-1f2e3d{newline}---".encode())
    assert edited == expected
    assert parse(edited.decode("utf-8-sig")).translation_key == "a-1f2e3d"


def test_an_empty_translation_key_line_is_filled_in_place() -> None:
    raw = ORIGINAL.replace("author:", "translation_key:   # later\nauthor:").encode()
    edited = with_translation_key(raw, "a-1", "content/fr/monde/a.md").decode()
    assert edited == ORIGINAL.replace("author:", "translation_key: a-1\nauthor:")


@pytest.mark.parametrize("text,fragment", [
    ("headline: A\n", "does not start with front matter"),
    ("---\nheadline: A\n", "never closed"),
    ("---\ntranslation_key: >\n  folded\n---\n", "cannot read"),
])
def test_unreadable_front_matter_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(RefusedError, match=fragment):
        with_translation_key(text.encode(), "k", "content/fr/a.md")
