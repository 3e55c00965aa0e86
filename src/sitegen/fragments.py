"""Rendered fragments shared by every page of a build: teasers and {% cache %} blocks.

Much of a page is the same on many pages: a teaser on every listing that shows its
article, the masthead and section menu on every page of a section. Rendering such a
fragment once per build, and reusing the markup, is what keeps a large archive's build
fast.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

TEMPLATE_EXTENSIONS = ("jinja2.ext.i18n", "sitegen.fragments.FragmentCacheExtension")
"""The Jinja extensions of every template, as import paths (Babel's extractor needs them)."""

TEASER_TEMPLATE = "partials/teaser.html"
"""What teaser() renders in templates: once per article and options, on every listing."""


class Fragments:
    """The fragments of one build, by key."""

    def __init__(self) -> None:
        self.teasers: dict[tuple[Any, ...], Markup] = {}
        """(article URL, options) -> teaser markup."""
        self.blocks: dict[tuple[Hashable, ...], Markup] = {}
        """(environment, template:line, *keys) -> markup of a {% cache %} block."""

    def teaser(self, environment: jinja2.Environment, item: Any, options: dict[str, Any]
               ) -> Markup:
        """The teaser template rendered for item (an ArticleView) with options, once.

        Called for every teaser of every listing: no closure is made, and the template is
        looked up only for a teaser not yet rendered.
        """
        key = (item.url, tuple(sorted(options.items())))
        fragment = self.teasers.get(key)
        if fragment is None:
            fragment = self.teasers[key] = Markup(
                environment.get_template(TEASER_TEMPLATE).render(item=item, **options))
        return fragment

    def block(self, key: tuple[Hashable, ...], render: Callable[[], str]) -> Markup:
        fragment = self.blocks.get(key)
        if fragment is None:
            fragment = self.blocks[key] = Markup(render())
        return fragment

    def patched(self, stale_urls: Collection[str]) -> Fragments:
        """The fragments still right after some articles' content changed.

        Teasers of the changed articles go. So do all blocks: their keys need not name the
        articles they show, and making the few a rebuild needs again costs little.
        """
        fresh = Fragments()
        fresh.teasers = {k: v for k, v in self.teasers.items() if k[0] not in stale_urls}
        return fresh


class FragmentCacheExtension(Extension):
    """`{% cache key, … %}…{% endcache %}`: the block rendered once per build for each key.

    The keys name everything the block shows besides the page's language and the site's
    configuration (both implied); with no key, the block is the same on every page of a
    language. Like Hugo's partialCached.
    """

    tags = {"cache"}

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self._blocks_seen = 0
        """Numbers the blocks, so that two on one line of a template are told apart."""

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        keys: list[nodes.Expr] = []
        while parser.stream.current.type != "block_end":
            if keys:
                parser.stream.expect("comma")
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        self._blocks_seen += 1
        place = nodes.Const(f"{parser.name}:{lineno}:{self._blocks_seen}")
        call = self.call_method("_cached", [nodes.ContextReference(), place,
                                            nodes.Tuple(keys, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    @staticmethod
    def _cached(context: jinja2.runtime.Context, place: str, keys: tuple[Any, ...],
                caller: Callable[[], str]) -> str:
        fragments = context.get("fragments")
        if not isinstance(fragments, Fragments):
            return caller()  # rendered outside a build (a test, a tool): nothing to share
        key = (context.environment, place, *keys)
        try:
            hash(key)
        except TypeError:
            raise jinja2.TemplateRuntimeError(
                "{% cache %} keys must be strings, numbers, or other values that cannot "
                "change, such as page.section; not lists or dictionaries") from None
        return fragments.block(key, caller)
