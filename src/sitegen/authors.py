"""Author records: one YAML file per author under content/authors/."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sitegen.errors import Problem
from sitegen.fields import FieldReader, did_you_mean
from sitegen.model import Author, AuthorLink
from sitegen.yamlsource import YamlSyntaxError, load_located

_AUTHOR_KEYS = frozenset({"name", "role", "bio", "avatar", "links"})


def parse_author(
    author_id: str, text: str, path: str, languages: Collection[str]
) -> Author | list[Problem]:
    """Parse one author file; return the Author, or the problems found in it."""
    problems: list[Problem] = []
    try:
        doc = load_located(text)
    except YamlSyntaxError as exc:
        return [Problem(path, exc.line, exc.message, "fix the YAML syntax", exc.col)]
    if not isinstance(doc.value, Mapping):
        return [Problem(path, 1, "an author file must be a mapping",
                        "start with a line such as 'name: Chloé'")]
    fields = FieldReader(doc, path, problems)
    fields.duplicate_keys()
    fields.unknown_keys(_AUTHOR_KEYS, severity="warning")
    author = Author(
        id=author_id,
        name=fields.text("name", required=True),
        roles=_per_language(fields, "role", languages),
        bios=_per_language(fields, "bio", languages),
        avatar=fields.text("avatar"),
        links=_links(fields),
        source=path,
    )
    return problems if any(p.severity == "error" for p in problems) else author


def _per_language(fields: FieldReader, key: str, languages: Collection[str]) -> dict[str, str]:
    value = fields.raw(key)
    if isinstance(value, str):
        return {lang: value for lang in languages}
    texts: dict[str, str] = {}
    for lang in fields.mapping(key):
        if lang not in languages:
            fields.report((key, lang), f"unknown language {lang!r}",
                          did_you_mean(str(lang), languages))
            continue
        texts[lang] = fields.text(key, lang)
    return texts


def _links(fields: FieldReader) -> tuple[AuthorLink, ...]:
    raw = fields.raw("links")
    if not isinstance(raw, list):
        return ()
    return tuple(
        AuthorLink(fields.text("links", i, "label", required=True),
                   fields.text("links", i, "url", required=True))
        for i in range(len(raw))
    )
