"""HTML written from pulldown-cmark's event stream, with sitegen's typography, ids and links.

pulldown-cmark hands over a flat stream of events; `HtmlWriter` turns one document's into
HTML and, on the way, does what the Python-Markdown engine's extensions do: typography on
text runs, ids on headings, article links collected and replaced by placeholders,
footnotes in Python-Markdown's markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sitegen.footnotes import Footnotes
from sitegen.links import BodyLink, classify_link, placeholder_href
from sitegen.markup import escape_attribute, escape_text, plain_text
from sitegen.model import Heading
from sitegen.slug import slugify, unique_id
from sitegen.typography import OPAQUE, TypographyRules, apply_typography, last_char

TOC_LEVELS = range(2, 5)
"""Subheadings listed in the article's headings, as the Python-Markdown engine's toc_depth."""
_ESCAPED = re.compile("\x02([0-9]+)\x03")
_INLINE = {"Emphasis": "em", "Strong": "strong", "Strikethrough": "del",
           "Superscript": "sup", "Subscript": "sub"}
_BLOCK = {"Paragraph": "p", "Item": "li", "BlockQuote": "blockquote",
          "DefinitionList": "dl", "DefinitionListTitle": "dt", "DefinitionListDefinition": "dd"}
_NEWLINE_AFTER_OPEN = frozenset({"blockquote", "dl", "ul", "ol"})
_ALIGN = {"Left": "left", "Center": "center", "Right": "right"}


class HtmlWriter:
    """HTML for one document's events, written in order; state is per document."""

    def __init__(self, path: str, raw_html: bool, rules: TypographyRules | None,
                 ids: set[str], footnote_numbers: dict[str, int]) -> None:
        self.path, self.raw_html, self.rules = path, raw_html, rules
        self.out: list[str] = []
        self.closers: list[Callable[[], None] | tuple[str, bool]] = []
        """What ends each open element: its closing tag (and whether it ends a block), or
        a function for the elements that finish their markup at the end."""
        self.run: list[str] = []
        self.before = ""
        self.protected = 0
        self.image_depth = 0
        self.headings: list[Heading] = []
        self.links: list[BodyLink] = []
        self.table_alignments: tuple[str, ...] = ()
        self.cell = 0
        self.in_head = False
        self.ids = ids
        """Every heading id so far, the declared ones first: new ids must differ from them."""
        self.footnotes = Footnotes(footnote_numbers)

    # The event stream -------------------------------------------------------------------

    def feed(self, event: Any) -> None:
        if event.__class__ is str:
            self._flat(event)
            return
        (kind, value), = event.items()
        if kind == "Text":
            self.run.append(value)
            return
        if self.run:
            self._flush()
        if kind == "Start":
            self._start(value)
        elif kind == "End":
            closer = self.closers.pop()
            if isinstance(closer, tuple):
                markup, ends_block = closer
                self.out.append(markup)
                if ends_block:
                    self.before = ""
            else:
                closer()
        else:
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
            self.closers.append((f"</{tag}>", False))
        else:
            getattr(self, f"_start_{name}")(detail)

    def _block(self, tag: str, attributes: str = "") -> None:
        self.before = ""
        self._emit(f"<{tag}{attributes}>" + ("\n" if tag in _NEWLINE_AFTER_OPEN else ""))
        self.closers.append((f"</{tag}>\n", True))

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
            self.closers.append(("", False))
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
        self.closers.append(("</tbody>\n</table>\n", False))

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
        self.closers.append(("</tr>\n", False))

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
