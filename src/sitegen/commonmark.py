"""The `commonmark` Markdown engine: pulldown-cmark parses (through pyromark), sitegen writes.

pulldown-cmark is the CommonMark parser of Zola, mdBook and rustdoc. It hands over a flat
stream of events; `_HtmlWriter` turns them into HTML and, on the way, does what the
Python-Markdown engine's extensions do: typography on text runs, ids on headings, article
links collected and replaced by placeholders, footnotes in Python-Markdown's markup.
Syntax: CommonMark, plus tables, footnotes, strikethrough, definition lists and heading
attributes (`## Titre {#id .class}`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pyromark

from sitegen.footnotes import Footnotes
from sitegen.links import BodyLink, classify_link, placeholder_href
from sitegen.markup import RenderedBody, body_facts, escape_attribute, escape_text, plain_text
from sitegen.model import Heading
from sitegen.slug import slugify, unique_id
from sitegen.typography import OPAQUE, TypographyRules, apply_typography, last_char

OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_DEFINITION_LIST
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
)
TOC_LEVELS = range(2, 5)
"""Subheadings listed in the article's headings, as the Python-Markdown engine's toc_depth."""
_ESCAPED = re.compile("\x02([0-9]+)\x03")
_INLINE = {"Emphasis": "em", "Strong": "strong", "Strikethrough": "del",
           "Superscript": "sup", "Subscript": "sub"}
_BLOCK = {"Paragraph": "p", "Item": "li", "BlockQuote": "blockquote",
          "DefinitionList": "dl", "DefinitionListTitle": "dt", "DefinitionListDefinition": "dd"}
_NEWLINE_AFTER_OPEN = frozenset({"blockquote", "dl", "ul", "ol"})
_ALIGN = {"Left": "left", "Center": "center", "Right": "right"}


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
        events = tuple(self._parser.events_with_range(text))
        writer = _HtmlWriter(text.encode(), source, self._raw_html, self._rules, events)
        for event, span in events:
            writer.feed(event, span["start"])
        body = writer.finish()
        return body_facts(body, tuple(writer.headings), tuple(writer.links))


class _HtmlWriter:
    """HTML for one document's events, written in order; state is per document."""

    def __init__(self, source: bytes, path: str, raw_html: bool,
                 rules: TypographyRules | None, events: Sequence[tuple[Any, Any]]) -> None:
        self.source, self.path, self.raw_html, self.rules = source, path, raw_html, rules
        self.out: list[str] = []
        self.closers: list[Callable[[], None]] = []
        self.run: list[str] = []
        self.before = ""
        self.protected = 0
        self.image_depth = 0
        self.headings: list[Heading] = []
        self.links: list[BodyLink] = []
        self.table_alignments: tuple[str, ...] = ()
        self.cell = 0
        self.in_head = False
        self.ids, numbers = _declared(events)
        self.footnotes = Footnotes(numbers)

    # The event stream -------------------------------------------------------------------

    def feed(self, event: Any, start: int) -> None:
        if isinstance(event, str):
            self._flat(event)
            return
        (kind, value), = event.items()
        if kind == "Text":
            escaped = start > 0 and self.source[start - 1] == 0x5C  # a backslash escape
            self.run.append(f"\x02{ord(value[0])}\x03{value[1:]}" if escaped else value)
        elif kind == "Start":
            self._flush()
            self._start(value)
        elif kind == "End":
            self._flush()
            self.closers.pop()()
        else:
            self._flush()
            self._leaf(kind, value)

    def finish(self) -> str:
        self._flush()
        return ("".join(self.out) + self.footnotes.html()).rstrip("\n")

    def _flat(self, event: str) -> None:
        if event == "SoftBreak":
            self.run.append("\n")
            return
        self._flush()
        if event == "HardBreak":
            self._emit("<br>\n")
            self.before = "\n"
        elif event == "Rule":
            self._emit("<hr>\n")

    def _leaf(self, kind: str, value: Any) -> None:
        if kind == "Code":
            self._emit(f"<code>{escape_text(value)}</code>")
            self.before = value[-1:] or self.before
        elif kind in ("Html", "InlineHtml"):
            self._emit(value if self.raw_html else escape_text(value))
        elif kind == "FootnoteReference":
            reference = self.footnotes.reference(value)
            if reference is None:  # no such footnote: the text stays as written
                self.run.append(f"[^{value}]")
            else:
                self._emit(reference)
                self.before = plain_text(reference)[-1:]
        else:  # math and task list markers are not enabled
            self._emit(escape_text(str(value)))

    # Text ------------------------------------------------------------------------------

    def _flush(self) -> None:
        if not self.run:
            return
        text, self.run = "".join(self.run), []
        if self.rules is not None and not self.protected and not self.image_depth:
            text = apply_typography(text, self.rules, before=self.before)
        self.before = last_char(text, self.before)
        if "\x02" in text:
            text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        self._emit(escape_text(text))

    def _emit(self, text: str) -> None:
        self.out.append(text)

    # Elements --------------------------------------------------------------------------

    def _start(self, value: Any) -> None:
        if isinstance(value, str):
            name, detail = value, None
        else:
            (name, detail), = value.items()
        if name in _BLOCK:
            self._block(_BLOCK[name])
        elif name in _INLINE:
            tag = _INLINE[name]
            self._emit(f"<{tag}>")
            self.closers.append(lambda: self._emit(f"</{tag}>"))
        else:
            getattr(self, f"_start_{name}")(detail)

    def _block(self, tag: str, attributes: str = "") -> None:
        self.before = ""
        self._emit(f"<{tag}{attributes}>" + ("\n" if tag in _NEWLINE_AFTER_OPEN else ""))

        def close() -> None:
            self.before = ""
            self._emit(f"</{tag}>\n")

        self.closers.append(close)

    def _start_List(self, first: int | None) -> None:  # noqa: N802 - pulldown-cmark's names
        if first is None:
            self._block("ul")
        else:
            self._block("ol", "" if first == 1 else f' start="{first}"')

    def _start_Heading(self, detail: dict[str, Any]) -> None:  # noqa: N802
        self.before = ""
        level = int(detail["level"][1:])
        mark = len(self.out)
        classes = " ".join(detail.get("classes") or ())

        def close() -> None:
            inner = "".join(self.out[mark:])
            name = plain_text(inner)
            explicit = detail.get("id")
            anchor = explicit or unique_id(slugify(name) or "section", self.ids)
            attributes = f' id="{escape_attribute(anchor)}"'
            if classes:
                attributes += f' class="{escape_attribute(classes)}"'
            for key, given in detail.get("attrs") or ():
                attributes += f' {escape_attribute(key)}="{escape_attribute(given or "")}"'
            self.out[mark:] = [f"<h{level}{attributes}>{inner}</h{level}>\n"]
            if level in TOC_LEVELS:
                self.headings.append(Heading(level, name, anchor))
            self.before = ""

        self.closers.append(close)

    def _start_CodeBlock(self, kind: Any) -> None:  # noqa: N802
        language = kind.get("Fenced", "").split()[0] if isinstance(kind, dict) and kind.get(
            "Fenced", "").strip() else ""
        attributes = f' class="language-{escape_attribute(language)}"' if language else ""
        self.before = ""
        self.protected += 1
        self._emit(f"<pre><code{attributes}>")

        def close() -> None:
            self.protected -= 1
            self._emit("</code></pre>\n")

        self.closers.append(close)

    def _start_HtmlBlock(self, _: None) -> None:  # noqa: N802
        if self.raw_html:
            self.closers.append(lambda: None)
        else:
            self._block("p")

    def _start_Link(self, detail: dict[str, Any]) -> None:  # noqa: N802
        href = detail["dest_url"]
        if detail["link_type"] == "Email":
            href = f"mailto:{href}"
        link = classify_link(href, self.path)
        self.links.append(link)
        if link.article:
            href = placeholder_href(link)
        title = detail.get("title")
        title_attribute = f' title="{escape_attribute(title)}"' if title else ""
        bare = detail["link_type"] in ("Autolink", "Email")
        self.protected += bare
        self._emit(f'<a href="{escape_attribute(href)}"{title_attribute}>')

        def close() -> None:
            self.protected -= bare
            self._emit("</a>")

        self.closers.append(close)

    def _start_Image(self, detail: dict[str, Any]) -> None:  # noqa: N802
        mark, index = len(self.out), len(self.links)
        self.image_depth += 1
        src, title = detail["dest_url"], detail.get("title")

        def close() -> None:
            self.image_depth -= 1
            alt = plain_text("".join(self.out[mark:]))
            self.links.insert(index, BodyLink(src, "", image=True, alt=alt, written=src))
            title_attribute = f' title="{escape_attribute(title)}"' if title else ""
            self.out[mark:] = [f'<img alt="{escape_attribute(alt)}" src="{escape_attribute(src)}"'
                               f"{title_attribute}>"]
            self.before = OPAQUE

        self.closers.append(close)

    def _start_Table(self, alignments: Sequence[str]) -> None:  # noqa: N802
        self.table_alignments = tuple(_ALIGN.get(a, "") for a in alignments)
        self._emit("<table>\n")
        self.closers.append(lambda: self._emit("</tbody>\n</table>\n"))

    def _start_TableHead(self, _: None) -> None:  # noqa: N802
        self.in_head, self.cell = True, 0
        self._emit("<thead>\n<tr>\n")

        def close() -> None:
            self.in_head = False
            self._emit("</tr>\n</thead>\n<tbody>\n")

        self.closers.append(close)

    def _start_TableRow(self, _: None) -> None:  # noqa: N802
        self.cell = 0
        self._emit("<tr>\n")
        self.closers.append(lambda: self._emit("</tr>\n"))

    def _start_TableCell(self, _: None) -> None:  # noqa: N802
        align = self.table_alignments[self.cell] if self.cell < len(self.table_alignments) else ""
        self.cell += 1
        self._block("th" if self.in_head else "td",
                    f' style="text-align: {align};"' if align else "")

    def _start_FootnoteDefinition(self, label: str) -> None:  # noqa: N802
        self.before = ""
        mark = len(self.out)

        def close() -> None:
            self.footnotes.define(label, "".join(self.out[mark:]))
            del self.out[mark:]

        self.closers.append(close)


def _declared(events: Sequence[tuple[Any, Any]]) -> tuple[set[str], dict[str, int]]:
    """Ids written on headings, and footnote numbers in order of definition."""
    ids: set[str] = set()
    numbers: dict[str, int] = {}
    for event, _ in events:
        start = event.get("Start") if isinstance(event, dict) else None
        if not isinstance(start, dict):
            continue
        if "Heading" in start and start["Heading"].get("id"):
            ids.add(start["Heading"]["id"])
        elif "FootnoteDefinition" in start:
            numbers.setdefault(start["FootnoteDefinition"], len(numbers) + 1)
    return ids, numbers
