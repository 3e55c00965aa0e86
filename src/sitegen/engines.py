"""The Markdown engines a site may choose in site.yaml, `markdown: {engine: …}`."""

from __future__ import annotations

from typing import Protocol

from sitegen.commonmark import CommonMarkRenderer
from sitegen.config import MarkdownSettings
from sitegen.markup import MarkdownRenderer, RenderedBody
from sitegen.typography import TypographyRules


class BodyRenderer(Protocol):
    """What a Markdown engine offers: one body in, its HTML and facts out."""

    def render(self, text: str, source: str = "") -> RenderedBody: ...


DEFAULT_SETTINGS = MarkdownSettings()


def new_renderer(
    settings: MarkdownSettings = DEFAULT_SETTINGS, rules: TypographyRules | None = None
) -> BodyRenderer:
    """The renderer of the chosen engine, for one language's typography."""
    if settings.engine == "commonmark":
        return CommonMarkRenderer(raw_html=settings.raw_html, rules=rules)
    return MarkdownRenderer(raw_html=settings.raw_html, rules=rules)


Renderers = dict[tuple[str, MarkdownSettings], BodyRenderer]
"""Renderers kept between builds, by language and settings."""
