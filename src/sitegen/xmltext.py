"""A tiny, deterministic XML writer for feeds and sitemaps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

# Characters XML 1.0 does not allow anywhere, even escaped.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

Attributes = Mapping[str, str]


def clean(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _FORBIDDEN.sub("", text)


def leaf(tag: str, text: str = "", attributes: Attributes | None = None) -> str:
    """An element holding escaped text, or an empty element when text is empty."""
    opening = tag + _attributes(attributes)
    if not text:
        return f"<{opening}/>"
    return f"<{opening}>{escape(clean(text))}</{tag}>"


def node(tag: str, children: Iterable[str], attributes: Attributes | None = None) -> str:
    """An element holding already-written child elements, one per line."""
    inner = "".join(f"\n{child}" for child in children)
    return f"<{tag}{_attributes(attributes)}>{inner}\n</{tag}>"


def document(root: str) -> bytes:
    return (DECLARATION + root + "\n").encode("utf-8")


def _attributes(attributes: Attributes | None) -> str:
    if not attributes:
        return ""
    return "".join(f" {name}={quoteattr(clean(value))}" for name, value in attributes.items())
