"""Typography for the python-markdown engine: a tree processor over Python-Markdown's tree."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from sitegen.typography import OPAQUE, TypographyRules, apply_typography, last_char

PRIORITY = 6
"""Where smarty would run: after attr_list (8) and abbr (7), before toc (5) and unescape (0)."""
PROTECTED_TAGS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})


class TypographyTreeprocessor(Treeprocessor):
    """Typesets every text and tail of the tree in document order, outside protected elements."""

    def __init__(self, md: Markdown, rules: TypographyRules) -> None:
        super().__init__(md)
        self.rules = rules

    def run(self, root: Element) -> None:
        self._walk(root, "", protected=False)

    def _walk(self, element: Element, before: str, *, protected: bool) -> str:
        """Typesets `element`'s text and children; returns the character it ends with."""
        if not isinstance(element.tag, str):  # comment or processing instruction
            return before
        if element.tag == "br":
            return "\n"
        if element.tag == "img":
            return OPAQUE
        block = self.md.is_block_level(element.tag)
        before = "" if block else before
        protected = protected or is_protected(element)
        if element.text:
            element.text = self._typeset(element.text, before, protected)
            before = last_char(element.text, before)
        for child in element:
            before = self._walk(child, before, protected=protected)
            if child.tail:
                child.tail = self._typeset(child.tail, before, protected)
                before = last_char(child.tail, before)
        return "" if block else before

    def _typeset(self, text: str, before: str, protected: bool) -> str:
        if protected:
            return text
        typeset = apply_typography(text, self.rules, before=before)
        return AtomicString(typeset) if isinstance(text, AtomicString) else typeset


class TypographyExtension(Extension):
    """Applies one language's typography to text nodes; does nothing when `lang_rules` is None."""

    def __init__(self, lang_rules: TypographyRules | None, **kwargs: Any) -> None:
        self.lang_rules = lang_rules
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if self.lang_rules is None:
            return
        processor = TypographyTreeprocessor(md, self.lang_rules)
        md.treeprocessors.register(processor, "typography", PRIORITY)
        # As with smarty: a backslash keeps a straight quote straight (\" stays ").
        md.ESCAPED_CHARS.extend(c for c in "\"'" if c not in md.ESCAPED_CHARS)


def is_protected(element: Element) -> bool:
    """Whether the text inside `element` must stay as typed: code, scripts and bare links."""
    if element.tag in PROTECTED_TAGS:
        return True
    href = element.get("href")
    if element.tag != "a" or href is None:
        return False
    text = "".join(element.itertext()).strip()
    return text in (href, href.removeprefix("mailto:"))
