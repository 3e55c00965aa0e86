"""Atom 1.0 and RSS 2.0 feeds: per language, and Atom per section and per author."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from urllib.parse import urlsplit

from sitegen.config import SiteConfig
from sitegen.site import Site
from sitegen.urls import Urls
from sitegen.views import ArticleView, Views
from sitegen.xmltext import document, leaf, node

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
ATOM_FILE, RSS_FILE = "feed.xml", "rss.xml"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed: where it lives, what it is called and which articles it carries."""

    url: str
    """Site-absolute URL of the feed file."""
    page_url: str
    """The HTML page the feed mirrors."""
    title: str
    lang: str
    sources: tuple[str, ...]
    rss: bool = False


def feed_url(listing_url: str, *, rss: bool = False) -> str:
    return listing_url + (RSS_FILE if rss else ATOM_FILE)


def plan_feeds(site: Site, views: Views) -> Iterator[Feed]:
    """Every feed of the site: Atom and RSS per language, Atom per section and author."""
    config, urls = site.config, views.urls
    size = config.feed_entries
    for lang in config.languages:
        code = lang.code
        items = site.by_lang.get(code, ())[:size]
        home = urls.home(code)
        for rss in (False, True):
            yield Feed(feed_url(home, rss=rss), home, lang.title, code, items, rss)
        for section_id in config.sections:
            link = views.section_link(section_id, code)
            yield Feed(feed_url(link.url), link.url, f"{lang.title} — {link.text}", code,
                       site.by_section.get((code, section_id), ())[:size])
        for author_id in site.authors:
            author = views.author(author_id, code)
            yield Feed(feed_url(author.url), author.url, f"{lang.title} — {author.name}", code,
                       site.by_author.get((code, author_id), ())[:size])


def render_feed(feed: Feed, views: Views) -> bytes:
    entries = views.articles(feed.sources)
    config, urls = views.site.config, views.urls
    root = _rss(feed, entries, config, urls) if feed.rss else _atom(feed, entries, config, urls)
    return document(root)


def entry_id(article: ArticleView, config: SiteConfig) -> str:
    """A tag: URI that survives headline edits and URL changes."""
    host = urlsplit(config.base_url).hostname or "localhost"
    return f"tag:{host},{article.date.date().isoformat()}:{article.translation_key}/{article.lang}"


def _atom(feed: Feed, entries: Sequence[ArticleView], config: SiteConfig, urls: Urls) -> str:
    head = [
        leaf("title", feed.title),
        leaf("id", urls.absolute(feed.url)),
        leaf("link", attributes={"rel": "self", "href": urls.absolute(feed.url),
                                 "type": "application/atom+xml"}),
        leaf("link", attributes={"rel": "alternate", "href": urls.absolute(feed.page_url),
                                 "type": "text/html"}),
        leaf("updated", _newest(entries).isoformat()),
        leaf("generator", "sitegen"),
    ]
    return node("feed", head + [_atom_entry(a, config, urls) for a in entries],
                {"xmlns": ATOM, "xml:lang": feed.lang})


def _atom_entry(article: ArticleView, config: SiteConfig, urls: Urls) -> str:
    parts = [
        leaf("title", article.headline),
        leaf("link", attributes={"rel": "alternate", "href": urls.absolute(article.url),
                                 "type": "text/html"}),
        leaf("id", entry_id(article, config)),
        leaf("published", article.date.isoformat()),
        leaf("updated", (article.updated or article.date).isoformat()),
    ]
    parts += [node("author", [leaf("name", a.name), leaf("uri", urls.absolute(a.url))])
              for a in article.authors]
    parts += [leaf("category", attributes={"term": link.text, "label": link.text,
                                           "scheme": urls.absolute(link.url)})
              for link in article.sections + article.tags]
    if config.feed_content in ("summary", "both"):
        parts.append(leaf("summary", article.summary, {"type": "text"}))
    if config.feed_content in ("full", "both"):
        parts.append(leaf("content", str(article.body), {"type": "html"}))
    return node("entry", parts)


def _rss(feed: Feed, entries: Sequence[ArticleView], config: SiteConfig, urls: Urls) -> str:
    channel = [
        leaf("title", feed.title),
        leaf("link", urls.absolute(feed.page_url)),
        leaf("description", config.language(feed.lang).tagline or feed.title),
        leaf("language", feed.lang),
        leaf("lastBuildDate", format_datetime(_newest(entries))),
        leaf("generator", "sitegen"),
        leaf("atom:link", attributes={"rel": "self", "href": urls.absolute(feed.url),
                                      "type": "application/rss+xml"}),
    ]
    channel += [_rss_item(article, config, urls) for article in entries]
    return node("rss", [node("channel", channel)],
                {"version": "2.0", "xmlns:atom": ATOM, "xmlns:dc": DC, "xmlns:content": CONTENT})


def _rss_item(article: ArticleView, config: SiteConfig, urls: Urls) -> str:
    parts = [
        leaf("title", article.headline),
        leaf("link", urls.absolute(article.url)),
        leaf("guid", entry_id(article, config), {"isPermaLink": "false"}),
        leaf("pubDate", format_datetime(article.date)),
    ]
    parts += [leaf("dc:creator", author.name) for author in article.authors]
    parts += [leaf("category", link.text) for link in article.sections + article.tags]
    parts.append(leaf("description", article.summary))
    if config.feed_content in ("full", "both"):
        parts.append(leaf("content:encoded", str(article.body)))
    return node("item", parts)


def _newest(entries: Sequence[ArticleView]) -> datetime:
    return max(((a.updated or a.date) for a in entries), default=EPOCH)
