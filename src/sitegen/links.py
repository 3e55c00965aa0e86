"""Links and images inside article bodies: collected while rendering, resolved after assembly.

A link to another article may be written as its source file, `[voir](../monde/autre.md)`.
While rendering, such hrefs become `sitegen-ref:<project path>#fragment` placeholders; once
every article's URL is known, resolve_references() swaps in the URL of the target's version in
the linking article's language.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sitegen.pickling import pickled_by_fields

REF_SCHEME = "sitegen-ref:"
_REF = re.compile(r'(href=")sitegen-ref:([^"#]*)(#[^"]*)?(")')


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class BodyLink:
    """A link or image found in an article body."""

    target: str
    """For article links, the project path of the target file; else the href or src as
    written."""
    fragment: str
    image: bool = False
    alt: str = ""
    article: bool = False
    """True for links written as a source path (….md)."""
    written: str = ""
    """The reference as the writer typed it, to find its line."""
    line: int = 0
    """Line of the file where the reference is written."""

    def at_line(self, line: int) -> BodyLink:
        """This link, found on line (made directly: dataclasses.replace costs three times
        as much, for every link of every article)."""
        return BodyLink(self.target, self.fragment, self.image, self.alt, self.article,
                        self.written, line)


class LinkCollector(Treeprocessor):
    """Records links and images, and turns links to .md files into placeholders."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.source = ""
        self.found: list[BodyLink] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and element.get("href"):
                self._link(element)
            elif element.tag == "img":
                src = element.get("src", "")
                self.found.append(BodyLink(src, "", image=True, alt=element.get("alt", ""),
                                           written=src))

    def _link(self, element: etree.Element) -> None:
        link = classify_link(element.get("href", ""), self.source)
        self.found.append(link)
        if link.article:
            element.set("href", placeholder_href(link))


def classify_link(href: str, source: str) -> BodyLink:
    """The link as written in the body of `source`; a relative ….md path is an article link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return BodyLink(href, parts.fragment, written=href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
    return BodyLink(target, parts.fragment, article=True, written=href)


def placeholder_href(link: BodyLink) -> str:
    """The href an article link carries until resolve_references() knows its URL."""
    fragment = f"#{link.fragment}" if link.fragment else ""
    return f"{REF_SCHEME}{link.target}{fragment}"


class LinkExtension(Extension):
    def __init__(self, collector_box: list[LinkCollector]) -> None:
        super().__init__()
        self._box = collector_box

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        collector = LinkCollector(md)
        self._box.append(collector)
        md.treeprocessors.register(collector, "sitegen_links", 1)


def resolve_references(body_html: str, url_of: Callable[[str], str | None]) -> str:
    """Replace placeholders with URLs; url_of returns None for a target that does not exist."""

    def replace(match: re.Match[str]) -> str:
        url = url_of(match.group(2))
        return f"{match.group(1)}{url or '#'}{match.group(3) or ''}{match.group(4)}"

    return _REF.sub(replace, body_html)


def line_of(body: str, body_line: int, written: str) -> int:
    """Line of the first use of a reference in the body, counted in the whole file."""
    index = body.find(f"({written}")
    if index < 0:
        index = body.find(written)
    return body_line + body.count("\n", 0, max(index, 0))
