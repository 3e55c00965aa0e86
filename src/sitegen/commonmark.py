"""The `commonmark` Markdown engine: pulldown-cmark parses (through pyromark), sitegen writes.

pulldown-cmark is the CommonMark parser of Zola, mdBook and rustdoc. It hands over a flat
stream of events, which `event_writer.HtmlWriter` turns into HTML. Syntax: CommonMark,
plus tables, footnotes, strikethrough, definition lists and heading attributes
(`## Titre {#id .class}`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyromark

from sitegen.event_writer import HtmlWriter
from sitegen.markup import RenderedBody, body_facts
from sitegen.typography import TypographyRules

OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_DEFINITION_LIST
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
)


class CommonMarkRenderer:
    """Converts article bodies; one instance is reused for every document of a process."""

    def __init__(self, *, raw_html: bool = True, rules: TypographyRules | None = None) -> None:
        self._parser = pyromark.Markdown(options=OPTIONS)
        self._raw_html = raw_html
        self._rules = rules

    def render(self, text: str, source: str = "") -> RenderedBody:
        """Render one body; source is its project path, against which .md links resolve."""
        if "\x02" in text or "\x03" in text:  # the typography's placeholder marks
            text = text.replace("\x02", "").replace("\x03", "")
        if "\\" in text:
            events = _escapes_marked(text, self._parser.events_with_range(text))
        else:  # no backslash escape to tell apart: the cheaper stream, without ranges
            events = tuple(self._parser.events(text))
        # Explicit ids are written `{#id}`, footnote definitions `[^label]:`: most bodies
        # have neither, and need no pass over their events to find them.
        ids, numbers = _declared(events) if "{" in text or "[^" in text else (set(), {})
        writer = HtmlWriter(source, self._raw_html, self._rules, ids, numbers)
        for event in events:
            writer.feed(event)
        body = writer.finish()
        return body_facts(body, tuple(writer.headings), tuple(writer.links))


def _escapes_marked(text: str, ranged: Iterable[tuple[Any, Any]]) -> tuple[Any, ...]:
    """The events, each backslash-escaped character's text marked as the typography keeps it.

    An escaped character is the text of its own event, just after the backslash: `\\"`
    stays a straight quote, so it travels as a placeholder (its code point between \\x02
    and \\x03) that the typography passes over.
    """
    source = text.encode()
    events = []
    for event, span in ranged:
        start = span["start"]
        if start > 0 and source[start - 1] == 0x5C and event.__class__ is dict and "Text" in event:
            value = event["Text"]
            event = {"Text": f"\x02{ord(value[0])}\x03{value[1:]}"}
        events.append(event)
    return tuple(events)


def _declared(events: Sequence[Any]) -> tuple[set[str], dict[str, int]]:
    """Ids written on headings, and footnote numbers in order of definition."""
    ids: set[str] = set()
    numbers: dict[str, int] = {}
    for event in events:
        start = event.get("Start") if isinstance(event, dict) else None
        if not isinstance(start, dict):
            continue
        if "Heading" in start and start["Heading"].get("id"):
            ids.add(start["Heading"]["id"])
        elif "FootnoteDefinition" in start:
            numbers.setdefault(start["FootnoteDefinition"], len(numbers) + 1)
    return ids, numbers
