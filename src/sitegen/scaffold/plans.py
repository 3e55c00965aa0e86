"""What `sitegen new` will write, decided before anything touches the disk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sitegen.scaffold.articles import (
    ArticleDraft,
    article_path,
    article_text,
    file_name,
    one_line,
    unique_key,
    with_translation_key,
)
from sitegen.scaffold.errors import RefusedError, UsageError
from sitegen.scaffold.sitefacts import SiteFacts
from sitegen.scaffold.translation import Original, translation_draft, translation_path

Token = Callable[[], str]
"""Returns a short random text for a fresh translation key."""


@dataclass(frozen=True, slots=True)
class Plan:
    """Files to create (never overwritten) and files to edit, with notes for the writer."""

    created: str
    """Project-relative path of the new article."""
    text: str
    edits: tuple[tuple[str, bytes], ...] = ()
    """(project-relative path, new content) of existing files to change."""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    """A new article, as asked for on the command line."""

    headline: str
    lang: str
    section: str
    author: str
    tags: tuple[str, ...] = ()


def split_tags(text: str | None) -> tuple[str, ...]:
    """'a, b,,c' -> ('a', 'b', 'c'), first spelling of a repeated tag kept."""
    tags = (one_line(tag) for tag in (text or "").split(","))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def plan_article(facts: SiteFacts, request: ArticleRequest, date: datetime, token: Token) -> Plan:
    """The new draft at content/<lang>/<section>/<slug>.md with a fresh translation key."""
    headline = one_line(request.headline)
    if not headline:
        raise UsageError("the headline is empty", 'write it in quotes: sitegen new "My headline"')
    facts.require_lang(request.lang)
    facts.require_section(request.section)
    facts.require_author(request.author)
    draft = ArticleDraft(
        headline=headline, authors=(request.author,), sections=(request.section,), date=date,
        tags=request.tags, translation_key=unique_key(headline, facts.keys_in_use, token))
    return Plan(article_path(request.lang, request.section, file_name(headline)),
                article_text(draft))


def linked_by_path(facts: SiteFacts, original: Original) -> list[str]:
    """Other language versions linked to a keyless original only by sharing its path."""
    if original.translation_key:
        return []
    return sorted(keys[original.effective_key] for lang, keys in facts.keys.items()
                  if lang != original.lang and original.effective_key in keys)


def plan_translation(
    facts: SiteFacts, original: Original, lang: str, *, author: str | None, date: datetime,
    token: Token, raw: Mapping[str, bytes],
) -> Plan:
    """The translation draft into lang; raw holds the bytes of the original and its linked files.

    An original without translation_key gets one, and so do the files linked to it by path,
    so that no existing link between language versions is lost.
    """
    facts.require_lang(lang)
    facts.require_lang(original.lang)
    if lang == original.lang:
        raise UsageError(f"{original.path} is already in {lang!r}", "pick another --lang")
    existing = facts.keys.get(lang, {}).get(original.effective_key)
    if existing:
        raise RefusedError(f"{original.path} already has a translation in {lang!r}: {existing}",
                           "edit that file instead")
    path = translation_path(original, lang)
    facts.require_section(original.sections[0])
    authors = (author,) if author else original.authors
    for each in authors:
        facts.require_author(each)
    key = original.translation_key or unique_key(str(original.front_matter["headline"]),
                                                 facts.keys_in_use, token)
    edits = () if original.translation_key else tuple(
        (linked, with_translation_key(raw[linked], key, linked))
        for linked in [original.path, *linked_by_path(facts, original)])
    draft = translation_draft(original, key=key, date=date, authors=authors)
    notes = tuple(f"added 'translation_key: {key}' to {linked}" for linked, _ in edits)
    return Plan(path, article_text(draft), edits, notes)
