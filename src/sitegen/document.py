"""parse_document: one source file to a typed Article, through one front matter schema."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import PurePosixPath

from sitegen.dates import DATE_FORMAT_HINT, DateFormatError, parse_datetime
from sitegen.engines import BodyRenderer
from sitegen.errors import Problem
from sitegen.fields import FieldReader, did_you_mean
from sitegen.frontmatter import decode_source, split_front_matter
from sitegen.links import line_of
from sitegen.model import Article, Image
from sitegen.pickling import pickled_by_fields
from sitegen.slug import slugify
from sitegen.yamlsource import YamlSyntaxError, load_located

ARTICLE_KEYS = frozenset({
    "headline", "author", "authors", "sections", "date", "dek", "updated", "tags", "slug",
    "translation_key", "image", "draft", "comments", "publish_at", "expire_at",
})
_IMAGE_KEYS = frozenset({"src", "alt", "caption", "credit"})


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A content file as read from disk: bytes, not yet decoded."""

    path: str
    """Project-relative POSIX path, Unicode NFC."""
    lang: str
    """Language folder the file lives in."""
    raw: bytes


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What front matter may refer to: ids of authors and sections, and the time zone."""

    authors: Collection[str]
    sections: Collection[str]
    timezone: tzinfo
    strict: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParseResult:
    """The article, when there is one, and every problem found on the way."""

    article: Article | None
    problems: tuple[Problem, ...]


def parse_document(
    source: SourceFile, vocabulary: Vocabulary, renderer: BodyRenderer, digest: str = ""
) -> ParseResult:
    """Parse front matter and Markdown of one file; never raises for bad input.

    digest is the file's content key, stamped on the article for the page cache to compare.
    """
    text = decode_source(source.raw, source.path)
    if isinstance(text, Problem):
        return ParseResult(None, (text,))
    split = split_front_matter(text, source.path)
    if isinstance(split, Problem):
        return ParseResult(None, (split,))
    try:
        doc = load_located(split.front_matter, first_line=split.front_matter_line)
    except YamlSyntaxError as exc:
        return ParseResult(None, (Problem(source.path, exc.line, f"invalid YAML: {exc.message}",
                                          "check indentation, colons and quotes", exc.col),))
    if not isinstance(doc.value, Mapping):
        return ParseResult(None, (Problem(source.path, split.front_matter_line,
                                          "front matter must be a mapping of keys to values",
                                          "write one 'key: value' per line"),))
    problems: list[Problem] = []
    fields = FieldReader(doc, source.path, problems)
    meta = _read_meta(fields, vocabulary)
    if any(p.severity == "error" for p in problems) or meta.date is None:
        return ParseResult(None, tuple(problems))
    body = renderer.render(split.body, source.path)
    links = tuple(link.at_line(line_of(split.body, split.body_line, link.written))
                  for link in body.links)
    article = Article(
        source=source.path, lang=source.lang, headline=meta.headline, dek=meta.dek,
        summary=meta.dek or body.first_paragraph, authors=meta.authors,
        sections=meta.sections, date=meta.date, updated=meta.updated, tags=meta.tags,
        slug=meta.slug, translation_key=meta.translation_key or _path_key(source),
        image=meta.image, draft=meta.draft, comments=meta.comments,
        body_html=body.html.encode("utf-8"), headings=body.headings,
        word_count=body.word_count, links=links,
        slug_line=meta.slug_line, publish_at=meta.publish_at, expire_at=meta.expire_at,
        translation_key_line=meta.translation_key_line, digest=digest,
    )
    return ParseResult(article, tuple(problems))


@dataclass(frozen=True, slots=True)
class _Meta:
    """The front matter, typed; fields that failed validation hold a neutral value."""

    headline: str
    dek: str
    authors: tuple[str, ...]
    sections: tuple[str, ...]
    date: datetime | None
    updated: datetime | None
    tags: tuple[str, ...]
    slug: str
    slug_line: int
    image: Image | None
    draft: bool
    comments: bool
    publish_at: datetime | None
    expire_at: datetime | None
    translation_key: str
    translation_key_line: int


def _read_meta(fields: FieldReader, vocabulary: Vocabulary) -> _Meta:
    fields.duplicate_keys()
    fields.unknown_keys(ARTICLE_KEYS, severity="error" if vocabulary.strict else "warning")
    headline = fields.text("headline", required=True).strip()
    if fields.has("headline") and not headline:
        fields.report(("headline",), "the headline is empty", "write the article's title")
    dek = fields.text("dek").strip()
    date = _read_date(fields, "date", vocabulary.timezone, required=True)
    updated = _read_date(fields, "updated", vocabulary.timezone)
    if date and updated and updated < date:
        fields.report(("updated",), "'updated' is earlier than 'date'",
                      "an update must come after the first publication")
    return _Meta(
        headline=headline,
        dek=dek,
        authors=_read_authors(fields, vocabulary.authors),
        sections=_read_sections(fields, vocabulary.sections),
        date=date,
        updated=updated,
        tags=_unique(fields.text_list("tags")),
        slug=_read_slug(fields, headline),
        slug_line=fields.doc.line_of("slug" if fields.has("slug") else "headline"),
        image=_read_image(fields),
        draft=fields.boolean("draft", default=False),
        comments=fields.boolean("comments", default=True),
        publish_at=_read_date(fields, "publish_at", vocabulary.timezone),
        expire_at=_read_date(fields, "expire_at", vocabulary.timezone),
        translation_key=fields.text("translation_key").strip(),
        translation_key_line=fields.doc.line_of("translation_key"),
    )


def _read_date(
    fields: FieldReader, key: str, zone: tzinfo, *, required: bool = False
) -> datetime | None:
    value = fields.raw(key)
    if not fields.has(key) or value is None:
        if required:
            fields.report((), f"missing required key {key!r}", f"add '{key}: 2023-10-19T09:00'")
        return None
    try:
        return parse_datetime(value, zone)
    except DateFormatError as exc:
        fields.report((key,), f"bad {key!r}: {exc}", DATE_FORMAT_HINT)
        return None


def _read_authors(fields: FieldReader, known: Collection[str]) -> tuple[str, ...]:
    if fields.has("authors"):
        key, ids = "authors", fields.text_list("authors", required=True)
    else:
        key, single = "author", fields.text("author", required=True).strip()
        ids = (single,) if single else ()
    for index, author in enumerate(ids):
        if author not in known:
            where = (key, index) if key == "authors" else (key,)
            fields.report(where, f"unknown author {author!r}",
                          did_you_mean(author, known) + " (authors live in content/authors/)")
    return ids


def _read_sections(fields: FieldReader, known: Collection[str]) -> tuple[str, ...]:
    ids = fields.text_list("sections", required=True)
    if fields.has("sections") and not ids and isinstance(fields.raw("sections"), list):
        fields.report(("sections",), "'sections' is empty", "name at least one section")
    for index, section in enumerate(ids):
        if section not in known:
            fields.report(("sections", index), f"unknown section {section!r}",
                          did_you_mean(section, known) + " (sections are set in site.yaml)")
    return _unique(ids)


def _read_slug(fields: FieldReader, headline: str) -> str:
    given = fields.text("slug").strip()
    if not given:
        return slugify(headline) or "article"
    if any(bad in given for bad in ("/", "\\", "..")) or any(
        unicodedata.category(c)[0] == "C" or c.isspace() for c in given
    ):
        fields.report(("slug",), f"slug {given!r} may not contain '/', '\\', '..', spaces "
                      "or control characters", f"for example {slugify(given) or 'my-article'!r}")
    return unicodedata.normalize("NFC", given)


def _read_image(fields: FieldReader) -> Image | None:
    if not fields.has("image") or fields.raw("image") is None:
        return None
    if isinstance(fields.raw("image"), str):
        fields.report(("image",), "'image' needs src and alt",
                      "write image: {src: /images/x.jpg, alt: What the picture shows}")
        return None
    fields.mapping("image")
    fields.unknown_keys(_IMAGE_KEYS, "image", severity="warning")
    src = fields.text("image", "src", required=True)
    alt = fields.text("image", "alt", required=True)
    return Image(src, alt, fields.text("image", "caption"), fields.text("image", "credit"),
                 fields.doc.line_of("image", "src"))


def _path_key(source: SourceFile) -> str:
    """Translation key for files linked by their path inside each language folder."""
    relative = PurePosixPath(*PurePosixPath(source.path).parts[2:]).with_suffix("")
    return f"path:{relative.as_posix()}"


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
