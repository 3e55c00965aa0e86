"""A translation started from an article in another language, marked as still to translate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from sitegen.errors import Problem
from sitegen.frontmatter import decode_source, split_front_matter
from sitegen.scaffold.articles import ArticleDraft, article_path, one_line
from sitegen.scaffold.errors import RefusedError
from sitegen.yamlsource import YamlSyntaxError, load_located

MARKER = "[TO TRANSLATE] "
"""Put before every carried-over headline and dek, so nobody publishes them by mistake."""


@dataclass(frozen=True, slots=True)
class Original:
    """The article a translation starts from."""

    path: str
    """Project-relative path: content/<lang>/…/<name>.md."""
    lang: str
    front_matter: Mapping[str, Any]
    body: str

    @property
    def translation_key(self) -> str:
        """The key written in the file, or '' when there is none."""
        key = self.front_matter.get("translation_key")
        return key.strip() if isinstance(key, str) else ""

    @property
    def effective_key(self) -> str:
        """The key the build links translations by: the written one or its path key."""
        return self.translation_key or path_key(self.path)

    @property
    def authors(self) -> tuple[str, ...]:
        value = self.front_matter.get("authors", self.front_matter.get("author"))
        items = value if isinstance(value, list) else [value]
        return tuple(str(item).strip() for item in items if isinstance(item, str) and item)

    @property
    def sections(self) -> tuple[str, ...]:
        value = self.front_matter.get("sections")
        return tuple(s for s in value if isinstance(s, str)) if isinstance(value, list) else ()


def path_key(path: str) -> str:
    """The key of an article without translation_key: its path inside the language folder."""
    relative = PurePosixPath(*PurePosixPath(path).parts[2:]).with_suffix("")
    return f"path:{relative.as_posix()}"


def read_front_matter(raw: bytes, path: str) -> tuple[Mapping[str, Any], str]:
    """The front matter mapping and the body of an article file."""
    text = decode_source(raw, path)
    if isinstance(text, Problem):
        raise RefusedError(str(text))
    split = split_front_matter(text, path)
    if isinstance(split, Problem):
        raise RefusedError(str(split))
    try:
        doc = load_located(split.front_matter, first_line=split.front_matter_line)
    except YamlSyntaxError as exc:
        raise RefusedError(f"{path}:{exc.line}: invalid YAML in the front matter: "
                           f"{exc.message}", "fix the file first; 'sitegen check' helps") from None
    if not isinstance(doc.value, Mapping):
        raise RefusedError(f"{path}: the front matter is not a mapping of keys to values",
                           "fix the file first; 'sitegen check' helps")
    return doc.value, split.body


def read_original(raw: bytes, path: str) -> Original:
    """The article at path (content/<lang>/…), which must have a headline."""
    front_matter, body = read_front_matter(raw, path)
    if not isinstance(front_matter.get("headline"), str):
        raise RefusedError(f"{path} has no headline in its front matter",
                           "fix the file first; 'sitegen check' helps")
    return Original(path, PurePosixPath(path).parts[1], front_matter, body)


def translation_path(original: Original, lang: str) -> str:
    """content/<lang>/<primary section id>/<the original's file name>."""
    if not original.sections:
        raise RefusedError(f"{original.path} has no sections",
                           "fix the file first; 'sitegen check' helps")
    return article_path(lang, original.sections[0], PurePosixPath(original.path).name)


def translation_draft(
    original: Original, *, key: str, date: datetime, authors: tuple[str, ...]
) -> ArticleDraft:
    """The new language version: same story data, text carried over under a visible marker.

    authors are the byline of the translation: usually the original's.
    """
    meta = original.front_matter
    dek = one_line(str(meta.get("dek") or ""))
    tags = meta.get("tags")
    image = meta.get("image")
    body = original.body.lstrip("\n")
    return ArticleDraft(
        headline=MARKER + one_line(str(meta["headline"])),
        dek=MARKER + dek if dek else "",
        authors=authors,
        sections=original.sections,
        date=date,
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        translation_key=key,
        image=image if isinstance(image, Mapping) else None,
        body=f"> TO TRANSLATE — original: {original.path}\n\n{body}",
    )
