"""A tiny, deterministic XML writer for feeds and sitemaps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Characters XML 1.0 does not allow anywhere, even escaped.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

Attributes = Mapping[str, str]


def clean(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    if text.isascii() and text.isprintable():  # most URLs, dates and names: none there
        return text
    return _FORBIDDEN.sub("", text)


def leaf(tag: str, text: str = "", attributes: Attributes | None = None) -> str:
    """An element holding escaped text, or an empty element when text is empty."""
    opening = tag + _attributes(attributes)
    if not text:
        return f"<{opening}/>"
    return f"<{opening}>{escape(clean(text))}</{tag}>"


def escape(text: str) -> str:
    """Text made safe between tags (what xml.sax.saxutils.escape does, without its loop)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(value: str) -> str:
    """An attribute value escaped and quoted, exactly as xml.sax.saxutils.quoteattr does."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


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
