"""New article files as text: front matter written safely, paths as the site expects them."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

import yaml

from sitegen.scaffold.errors import RefusedError
from sitegen.slug import slugify

KEY_SLUG_LENGTH = 48
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_ANY_KEY = re.compile(r"translation_key[ \t]*:")
_EMPTY_KEY = re.compile(r"^translation_key[ \t]*:[ \t]*(?:~|null|Null|NULL|''|\"\")?"
                        r"[ \t]*(?:#.*)?(?:\r\n|\r|\n)?$")


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """Everything a new article file says, before it is written."""

    headline: str
    authors: tuple[str, ...]
    sections: tuple[str, ...]
    date: datetime
    """Timezone-aware; written as ISO 8601 with its offset."""
    tags: tuple[str, ...]
    translation_key: str
    dek: str = ""
    image: Mapping[str, object] | None = None
    body: str = ""
    draft: bool = True


def yaml_value(value: object) -> str:
    """value as one line of YAML flow syntax, quoted wherever YAML needs it."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                          width=2**31 - 1, sort_keys=False).rstrip("\n")
    return text[: -len("\n...")] if text.endswith("\n...") else text


def one_line(text: str) -> str:
    """text with runs of white space, line breaks included, folded to single spaces."""
    return " ".join(text.split())


def article_text(draft: ArticleDraft) -> str:
    """The complete file: front matter between '---' lines, then the body."""
    authors: tuple[str, object] = (
        ("author", draft.authors[0]) if len(draft.authors) == 1 else ("authors", draft.authors))
    fields: list[tuple[str, object]] = [
        ("headline", draft.headline), ("dek", draft.dek), authors,
        ("sections", list(draft.sections)), ("tags", list(draft.tags)),
    ]
    if draft.image is not None:
        fields.append(("image", dict(draft.image)))
    fields += [("translation_key", draft.translation_key), ("draft", draft.draft)]
    lines = [f"{key}: {yaml_value(value)}" for key, value in fields]
    # An ISO date with its offset is plain YAML; written by hand so it keeps its 'T'.
    lines.insert(4, f"date: {draft.date.isoformat()}")
    return "---\n" + "\n".join(lines) + "\n---\n" + draft.body


def file_name(headline: str) -> str:
    """The file name of an article: the slug of its headline."""
    return f"{slugify(headline) or 'article'}.md"


def article_path(lang: str, section: str, name: str) -> str:
    """Where the site's conventions put an article: content/<lang>/<section id>/<name>."""
    return PurePosixPath("content", lang, section, name).as_posix()


def unique_key(headline: str, in_use: Collection[str], token: Callable[[], str]) -> str:
    """A fresh translation key: the headline's slug and a short random suffix."""
    stem = slugify(headline, max_length=KEY_SLUG_LENGTH) or "article"
    while True:
        key = f"{stem}-{token()}"
        if key not in in_use:
            return key


def with_translation_key(raw: bytes, key: str, path: str) -> bytes:
    """raw with 'translation_key: key' added to its front matter; every other byte kept."""
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        lines = _LINE.findall(raw[len(bom):].decode("utf-8"))
    except UnicodeDecodeError:
        raise RefusedError(f"{path} is not valid UTF-8", "save it as UTF-8") from None
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise RefusedError(f"{path} does not start with front matter", "add a '---' line first")
    newline = lines[0][len(lines[0].rstrip("\r\n")):] or "\n"
    new_line = f"translation_key: {yaml_value(key)}{newline}"
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n").rstrip() in ("---", "..."):
            lines.insert(index, new_line)
            return bom + "".join(lines).encode("utf-8")
        if _EMPTY_KEY.match(line):
            lines[index] = new_line[: -len(newline)] + line[len(line.rstrip("\r\n")):]
            return bom + "".join(lines).encode("utf-8")
        if _ANY_KEY.match(line):
            raise RefusedError(f"{path} has a translation_key this command cannot read",
                               "write it on one line: translation_key: my-story")
    raise RefusedError(f"the front matter of {path} is never closed", "add a '---' line")
