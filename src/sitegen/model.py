"""The typed, immutable content model: articles and authors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sitegen.links import BodyLink
from sitegen.pickling import pickled_by_fields


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Image:
    """An illustration with its accessible description."""

    src: str
    """Site path (e.g. '/images/x.svg') or absolute URL."""
    alt: str
    caption: str = ""
    credit: str = ""
    line: int = 0
    """Line of the image's src in the front matter."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Heading:
    """A subheading of an article body, with its anchor id."""

    level: int
    text: str
    id: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One article in one language, parsed and rendered to HTML."""

    source: str
    """Project-relative path of the Markdown file."""
    lang: str
    headline: str
    dek: str
    """Standfirst; empty when the front matter gives none."""
    summary: str
    """Plain-text summary: the dek, or else the first paragraph."""
    authors: tuple[str, ...]
    """Author ids, first is the main byline."""
    sections: tuple[str, ...]
    """Section ids, first is the primary section."""
    date: datetime
    updated: datetime | None
    tags: tuple[str, ...]
    slug: str
    translation_key: str
    """Links the language versions of one story."""
    image: Image | None
    draft: bool
    comments: bool
    body_html: bytes
    """The body's HTML as UTF-8, links to other articles as placeholders (sitegen.links).
    Bytes, not str: a str with one character past U+00FF (French spacing, curly quotes)
    takes two bytes for every character, and an archive holds tens of thousands."""
    headings: tuple[Heading, ...]
    word_count: int
    links: tuple[BodyLink, ...] = ()
    """Links and images of the body, with their lines."""
    digest: str = ""
    """Hash of the source file's bytes and path: what the page cache compares."""
    slug_line: int = 1
    """Line of the key the URL comes from (slug, else headline), for collision errors."""
    translation_key_line: int = 1
    """Line of translation_key (the front matter's first when the path gives the key)."""
    publish_at: datetime | None = None
    """Moment the article may appear; defaults to date."""
    expire_at: datetime | None = None
    """Moment the article disappears from the site."""

    @property
    def modified(self) -> datetime:
        return self.updated or self.date

    @property
    def visible_from(self) -> datetime:
        return self.publish_at or self.date


@dataclass(frozen=True, slots=True)
class AuthorLink:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Author:
    """A newsroom author; one record feeds the byline, the author card and the author page."""

    id: str
    name: str
    roles: Mapping[str, str]
    """Language -> role, e.g. 'Rédactrice en chef'."""
    bios: Mapping[str, str]
    avatar: str
    links: tuple[AuthorLink, ...]
    source: str

    def role(self, lang: str, fallback: str) -> str:
        return self.roles.get(lang) or self.roles.get(fallback, "")

    def bio(self, lang: str, fallback: str) -> str:
        return self.bios.get(lang) or self.bios.get(fallback, "")
