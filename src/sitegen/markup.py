"""Markdown to HTML, with subheadings, a plain-text summary and a word count."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import filterfalse, repeat
from typing import Any

import markdown

from sitegen.links import BodyLink, LinkCollector, LinkExtension
from sitegen.markdown_typography import TypographyExtension
from sitegen.model import Heading
from sitegen.slug import slugify
from sitegen.typography import TypographyRules

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# Never part of a word nor a joiner: stripped from the ends of a token, they change no count.
_EDGE_PUNCTUATION = ".,;:!?()[]«»\"“”…—–/"
_ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")
WORDS_PER_MINUTE = 220


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """The HTML of an article body and what was learnt while rendering it."""

    html: str
    headings: tuple[Heading, ...]
    first_paragraph: str
    """Plain text of the first paragraph, the summary when there is no dek."""
    word_count: int
    links: tuple[BodyLink, ...] = ()


class MarkdownRenderer:
    """The `python-markdown` engine: Python-Markdown with extra, sane_lists and toc.

    One instance is reused for every document of a process.
    """

    def __init__(self, *, raw_html: bool = True, rules: TypographyRules | None = None) -> None:
        collectors: list[LinkCollector] = []
        self._md = markdown.Markdown(
            extensions=["extra", "sane_lists", "toc", LinkExtension(collectors),
                        TypographyExtension(rules)],
            extension_configs={"toc": {"slugify": _heading_id, "toc_depth": "2-4"}},
            output_format="html",
        )
        if not raw_html:
            self._md.preprocessors.deregister("html_block")
            self._md.inlinePatterns.deregister("html")
        self._links = collectors[0]

    def render(self, text: str, source: str = "") -> RenderedBody:
        """Render one body; source is its project path, against which .md links resolve."""
        self._md.reset()
        self._links.source = source
        self._links.found = []
        body = self._md.convert(text)
        tokens: list[dict[str, Any]] = getattr(self._md, "toc_tokens", [])
        return body_facts(body, tuple(_flatten(tokens)), tuple(self._links.found))


def body_facts(
    body: str, headings: tuple[Heading, ...], links: tuple[BodyLink, ...]
) -> RenderedBody:
    """A rendered body with the summary and word count every engine derives the same way."""
    return RenderedBody(
        html=body,
        headings=headings,
        first_paragraph=_first_paragraph(body),
        word_count=count_words(body),
        links=links,
    )


def escape_text(text: str) -> str:
    """Text made safe between HTML tags."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """Text made safe inside a double-quoted HTML attribute."""
    return escape_text(text).replace('"', "&quot;")


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment, tags dropped and entities decoded."""
    return html.unescape(_TAG.sub("", fragment)).strip()


def count_words(fragment: str) -> int:
    """Words of the fragment's text: runs of letters and digits, joined by ’ ' or -."""
    tokens = plain_text(fragment).split()
    # A token of letters and digits only is one word, once any punctuation at its ends is
    # stripped; the regular expression reads the few others ("12,5", "a/b"). Done with
    # map and filterfalse, not a Python loop: a body has hundreds of tokens.
    punctuated = list(filterfalse(str.isalnum, tokens))
    if not punctuated:
        return len(tokens)
    mixed = list(filterfalse(str.isalnum, map(str.strip, punctuated, repeat(_EDGE_PUNCTUATION))))
    return len(tokens) - len(mixed) + len(_WORD.findall(" ".join(mixed)))


def reading_minutes(word_count: int) -> int:
    """Reading time rounded to whole minutes, never less than one."""
    return max(1, round(word_count / WORDS_PER_MINUTE))


def _heading_id(value: str, separator: str) -> str:
    return slugify(value) or "section"


def _first_paragraph(body: str) -> str:
    # What `<p>(.*?)</p>` finds, by two substring searches: if the first <p> has no </p>
    # after it, no later one has.
    start = body.find("<p>")
    end = body.find("</p>", start + 3) if start >= 0 else -1
    if end < 0:
        return ""
    return _collapse_ascii_spaces(plain_text(body[start + 3:end])).strip()


def _collapse_ascii_spaces(text: str) -> str:
    """Runs of ASCII white space made one space; the no-break spaces of French typography
    stay. Most text has none to collapse, which a few substring searches tell."""
    if ("  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text
            or "\v" in text):
        return _ASCII_SPACES.sub(" ", text)
    return text


def _flatten(tokens: list[dict[str, Any]]) -> list[Heading]:
    headings: list[Heading] = []
    for token in tokens:
        headings.append(Heading(int(token["level"]), html.unescape(token["name"]), token["id"]))
        headings.extend(_flatten(token.get("children", [])))
    return headings
