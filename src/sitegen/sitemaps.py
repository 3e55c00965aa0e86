"""sitemap.xml with hreflang alternates, the Google News sitemap, and robots.txt."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sitegen.pages import language_links
from sitegen.routes import Route
from sitegen.site import Site
from sitegen.views import Views
from sitegen.xmltext import document, leaf, node

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NEWS_SITEMAP = "news-sitemap.xml"
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX = 1000
NOT_INDEXED = frozenset({"404", "fallback", "status"})


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    lang: str
    loc: str
    lastmod: datetime | None
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, absolute URL) pairs, self and x-default included."""


def sitemap_files(routes: Sequence[Route], views: Views) -> list[tuple[str, bytes]]:
    """sitemap.xml, split into per-language files under an index when it grows too large."""
    entries = list(_entries(routes, views))
    whole = _urlset(entries)
    if len(entries) <= MAX_URLS and len(whole) <= MAX_BYTES:
        return [("sitemap.xml", whole)]
    files: list[tuple[str, bytes]] = []
    for lang in views.site.config.languages:
        chunk = [e for e in entries if e.lang == lang.code]
        for number, start in enumerate(range(0, len(chunk), MAX_URLS), start=1):
            files.append((f"sitemap-{lang.code}-{number}.xml",
                          _urlset(chunk[start:start + MAX_URLS])))
    index = node("sitemapindex", [
        node("sitemap", [leaf("loc", views.urls.absolute(views.urls.static(name)))])
        for name, _ in files], {"xmlns": SITEMAP})
    return [("sitemap.xml", document(index)), *files]


def news_sitemap(site: Site, views: Views) -> bytes | None:
    """Articles published in the two days before the build clock, newest first.

    None when there are none: the schema wants at least one <url>, so no file is written.
    """
    recent = sorted(
        (a for a in site.articles.values() if site.clock - NEWS_WINDOW <= a.date <= site.clock),
        key=lambda a: (-a.date.timestamp(), a.source))[:NEWS_MAX]
    urls = []
    for article in recent:
        publication = node("news:publication", [leaf("news:name", site.config.publisher.name),
                                                leaf("news:language", article.lang)])
        news = node("news:news", [publication,
                                  leaf("news:publication_date", article.date.isoformat()),
                                  leaf("news:title", article.headline)])
        loc = views.urls.absolute(views.article(article.source).url)
        urls.append(node("url", [leaf("loc", loc), news]))
    if not urls:
        return None
    return document(node("urlset", urls, {"xmlns": SITEMAP, "xmlns:news": NEWS}))


def robots_txt(views: Views, sitemaps: Sequence[str]) -> bytes:
    """robots.txt allowing everything and naming the sitemaps."""
    urls = views.urls
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {urls.absolute(urls.static(name))}" for name in sitemaps]
    return "\n".join(lines + [""]).encode("utf-8")


def _entries(routes: Sequence[Route], views: Views) -> Iterator[SitemapEntry]:
    default = views.site.config.default_language
    for route in routes:
        if route.kind in NOT_INDEXED:
            continue
        links = [link for link in language_links(route, views) if link.translated]
        alternates: list[tuple[str, str]] = []
        if len(links) > 1:
            alternates = [(link.code, views.urls.absolute(link.url)) for link in links]
            alternates += [("x-default", url) for code, url in alternates if code == default]
        yield SitemapEntry(route.lang, views.urls.absolute(route.url), _lastmod(route, views),
                           tuple(alternates))


def _lastmod(route: Route, views: Views) -> datetime | None:
    site = views.site
    if route.kind == "article":
        return site.articles[route.subject].modified
    sources = route.items or site.by_lang.get(route.lang, ()) or tuple(site.articles)
    return max((site.articles[s].modified for s in sources), default=None)


def _urlset(entries: Sequence[SitemapEntry]) -> bytes:
    urls = [_url_element(entry) for entry in entries]
    return document(node("urlset", urls, {"xmlns": SITEMAP, "xmlns:xhtml": XHTML}))


@functools.lru_cache(maxsize=1 << 17)
def _url_element(entry: SitemapEntry) -> str:
    """One <url> element; memoized, as a preview server writes the same ones again and
    again."""
    parts = [leaf("loc", entry.loc)]
    if entry.lastmod:
        parts.append(leaf("lastmod", entry.lastmod.isoformat()))
    parts += [leaf("xhtml:link", attributes={"rel": "alternate", "hreflang": code,
                                              "href": href})
              for code, href in entry.alternates]
    return node("url", parts)
