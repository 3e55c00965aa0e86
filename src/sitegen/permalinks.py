"""Permalink patterns of site.yaml: where each page kind lives, per language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sitegen.fields import FieldReader

PAGE_KINDS = ("article", "section", "tag", "tags", "author")
DEFAULT_PERMALINKS: Mapping[str, str] = {
    "article": "{section}/{slug}/",
    "section": "{section}/",
    "tag": "tags/{tag}/",
    "tags": "tags/",
    "author": "authors/{author}/",
}
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "article": frozenset({"section", "slug", "year", "month", "day"}),
    "section": frozenset({"section"}),
    "tag": frozenset({"tag"}),
    "tags": frozenset(),
    "author": frozenset({"author"}),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

def read_permalinks(fields: FieldReader, codes: list[str]) -> Mapping[str, Mapping[str, str]]:
    fields.unknown_keys(PAGE_KINDS, "permalinks", severity="error")
    permalinks: dict[str, dict[str, str]] = {}
    for kind in PAGE_KINDS:
        given: Any = fields.raw("permalinks", kind)
        per_lang: dict[str, str] = {}
        for code in codes:
            if isinstance(given, Mapping):
                key: tuple[Any, ...] = ("permalinks", kind, code)
                pattern = fields.text(*key, default=DEFAULT_PERMALINKS[kind])
            elif isinstance(given, str):
                key, pattern = ("permalinks", kind), given
            else:
                key, pattern = ("permalinks", kind), DEFAULT_PERMALINKS[kind]
            per_lang[code] = _checked_pattern(fields, key, kind, pattern)
        permalinks[kind] = per_lang
    return permalinks


def _checked_pattern(fields: FieldReader, key: tuple[Any, ...], kind: str, pattern: str) -> str:
    unknown = set(_PLACEHOLDER.findall(pattern)) - PLACEHOLDERS[kind]
    if unknown:
        fields.report(key, f"unknown placeholder {{{sorted(unknown)[0]}}} in {kind} permalink",
                      f"use {', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS[kind]))}")
    if not pattern.endswith("/") or pattern.startswith("/") or ".." in pattern:
        fields.report(key, f"{kind} permalink {pattern!r} must be relative and end with '/'",
                      f"for example {DEFAULT_PERMALINKS[kind]!r}")
        return DEFAULT_PERMALINKS[kind]
    return pattern
