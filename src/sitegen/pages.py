"""Template context for each route: the page's own data plus its language links."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.config import Language
from sitegen.feeds import feed_url
from sitegen.pagination import Pagination, pagination_of
from sitegen.routes import Route
from sitegen.structured import json_ld, news_article, website
from sitegen.views import Link, Views


@dataclass(frozen=True, slots=True)
class LangLink:
    """One entry of the language switcher."""

    code: str
    name: str
    url: str
    current: bool
    translated: bool
    """True when the target is this page in another language, not a stand-in."""


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What every template knows about the page it renders."""

    kind: str
    lang: Language
    url: str
    canonical: str
    languages: tuple[LangLink, ...]
    pagination: Pagination | None
    section: str = ""
    """Section id the page belongs to (an article's first section), for the menu."""
    feeds: tuple[Link, ...] = ()
    """Feeds that mirror this page: the language's Atom and RSS, its section's, its author's."""

    @property
    def alternates(self) -> tuple[LangLink, ...]:
        """Language versions for hreflang: only real translations, and only when several.

        An untranslated stand-in claims none: it is not a translation.
        """
        if self.kind == "fallback":
            return ()
        real = tuple(link for link in self.languages if link.translated)
        return real if len(real) > 1 else ()

    @property
    def translations(self) -> tuple[LangLink, ...]:
        """This page in each other language it is translated into; stand-ins are left out."""
        return tuple(link for link in self.languages if link.translated and not link.current)


def page_context(route: Route, views: Views) -> dict[str, Any]:
    """Everything the template of route needs."""
    builders = {
        "home": _home, "article": _article, "section": _section, "author": _author,
        "tag": _tag, "tags": _tags, "404": _nothing, "fallback": _fallback,
        "status": _status,
    }
    context = builders[route.kind](route, views)
    context["fragments"] = views.fragments
    context["page"] = PageInfo(
        kind=route.kind,
        lang=views.site.config.language(route.lang),
        url=route.url,
        canonical=views.urls.absolute(_canonical(route, views)),
        languages=tuple(language_links(route, views)),
        pagination=pagination_of(route),
        section=_section_of(route, views),
        feeds=tuple(_feeds_of(route, views)),
    )
    return context


def _feeds_of(route: Route, views: Views) -> Iterator[Link]:
    lang = views.site.config.language(route.lang)
    home = views.urls.home(route.lang)
    yield Link(f"{lang.title} (Atom)", feed_url(home))
    yield Link(f"{lang.title} (RSS)", feed_url(home, rss=True))
    section = _section_of(route, views)
    if section:
        link = views.section_link(section, route.lang)
        yield Link(f"{lang.title} — {link.text}", feed_url(link.url))
    if route.kind == "author":
        author = views.author(route.subject, route.lang)
        yield Link(f"{lang.title} — {author.name}", feed_url(author.url))


def _nothing(route: Route, views: Views) -> dict[str, Any]:
    return {}


def _status(route: Route, views: Views) -> dict[str, Any]:
    return {"statuses": views.status}


def _section_of(route: Route, views: Views) -> str:
    if route.kind == "section":
        return route.subject
    if route.kind in ("article", "fallback"):
        return views.site.articles[route.subject].sections[0]
    return ""


def _home(route: Route, views: Views) -> dict[str, Any]:
    config = views.site.config
    title = config.language(route.lang).title
    latest = views.articles(route.items[: config.home_latest + 1])
    blocks = [
        (views.section_link(section_id, route.lang),
         views.articles(views.site.by_section.get((route.lang, section_id), ())
                        [: config.home_per_section]))
        for section_id in config.sections
    ]
    return {"lead": latest[0] if latest else None, "latest": latest[1:],
            "section_blocks": [(link, items) for link, items in blocks if items],
            "structured_data": json_ld(website(config, views.urls, route.lang, title))}


def _article(route: Route, views: Views) -> dict[str, Any]:
    article = views.article(route.subject)
    data = news_article(article, views.site.config, views.urls, route.lang)
    return {"article": article, "structured_data": json_ld(data),
            "related": views.articles(views.site.related.get(route.subject, ()))}


def _section(route: Route, views: Views) -> dict[str, Any]:
    return {"section": views.section_link(route.subject, route.lang),
            "articles": views.listing(route.items, route.lang)}


def _fallback(route: Route, views: Views) -> dict[str, Any]:
    original = views.article(route.subject)
    language = views.site.config.language(original.lang)
    return {"article": views.in_language(route.subject, route.lang), "related": [],
            "original": original, "original_language": language}


def _canonical(route: Route, views: Views) -> str:
    """A stand-in points search engines at the original; every other page at itself."""
    return views.article(route.subject).url if route.kind == "fallback" else route.url


def _author(route: Route, views: Views) -> dict[str, Any]:
    return {"author": views.author(route.subject, route.lang),
            "articles": views.articles(route.items)}


def _tag(route: Route, views: Views) -> dict[str, Any]:
    name = views.site.tag_names[(route.lang, route.subject)]
    return {"tag": Link(name, views.urls.tag(route.lang, route.subject)),
            "articles": views.articles(route.items)}


def _tags(route: Route, views: Views) -> dict[str, Any]:
    site = views.site
    entries = [(Link(site.tag_names[key], views.urls.tag(route.lang, key[1])), len(sources))
               for key, sources in site.by_tag.items() if key[0] == route.lang]
    entries.sort(key=lambda entry: (collation_key(entry[0].text), entry[0].text))
    return {"tags": entries}


def collation_key(text: str) -> str:
    """Sort key that files accented letters with their base letter (« Égypte » under E)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def language_links(route: Route, views: Views) -> Iterator[LangLink]:
    for lang in views.site.config.languages:
        url, translated = _counterpart(route, views, lang.code)
        yield LangLink(lang.code, lang.name, url, lang.code == route.lang, translated)


def _counterpart(route: Route, views: Views, lang: str) -> tuple[str, bool]:
    """This page in lang, or the closest page that exists there."""
    urls = views.urls
    if lang == route.lang:
        return route.url, True
    if route.kind in ("article", "fallback"):
        article = views.site.articles[route.subject]
        source = views.site.translations_of(article).get(lang)
        if source:
            return views.url_of(source), True
        return urls.section(lang, article.sections[0]), False
    if route.kind == "section":
        return urls.section(lang, route.subject), True
    if route.kind == "author":
        return urls.author(lang, route.subject), True
    if route.kind in ("tag", "tags"):
        return urls.tags(lang), route.kind == "tags"
    if route.kind == "404":
        return urls.not_found(lang), False
    return urls.home(lang), True
