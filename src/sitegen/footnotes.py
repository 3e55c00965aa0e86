"""Footnotes of the commonmark engine, in the markup of Python-Markdown's footnotes extension.

Numbers follow the order of definition; each reference links to its note, and the first
reference to a note is the one its back-link returns to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.markup import escape_attribute


@dataclass(slots=True)
class Footnotes:
    """The footnotes of one document, collected while its body is written."""

    numbers: dict[str, int]
    """Label -> number, for every note the document defines."""
    definitions: dict[str, str] = field(default_factory=dict)
    referenced: list[str] = field(default_factory=list)

    def reference(self, label: str) -> str | None:
        """The HTML of a reference to `label`; None when no such note is defined."""
        number = self.numbers.get(label)
        if number is None:
            return None
        first = label not in self.referenced
        if first:
            self.referenced.append(label)
        identifier = escape_attribute(label)
        anchor = f' id="fnref:{identifier}"' if first else ""
        return (f'<sup{anchor}><a class="footnote-ref" href="#fn:{identifier}">'
                f"{number}</a></sup>")

    def define(self, label: str, body: str) -> None:
        """The note's HTML; a label defined twice keeps its first definition."""
        self.definitions.setdefault(label, body)

    def html(self) -> str:
        """The list of notes that ends the body, or "" when there is none."""
        if not self.definitions:
            return ""
        items = [self._item(label)
                 for label in sorted(self.definitions, key=lambda lab: self.numbers[lab])]
        return '<div class="footnote">\n<hr>\n<ol>\n' + "".join(items) + "</ol>\n</div>\n"

    def _item(self, label: str) -> str:
        identifier = escape_attribute(label)
        body = self.definitions[label].rstrip("\n")
        back = (f'&#160;<a class="footnote-backref" href="#fnref:{identifier}">&#8617;</a>'
                if label in self.referenced else "")
        body = body[:-4] + back + "</p>" if body.endswith("</p>") else body + back
        return f'<li id="fn:{identifier}">\n{body}\n</li>\n'
