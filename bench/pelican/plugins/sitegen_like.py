"""sitegen_like: the Pelican plugin of the site bench/pelican_peer.py writes.

With the theme beside it (bench/pelican/theme) and the settings pelican_peer.py writes,
it makes Pelican render, page kind by page kind, the site sitegen renders from the same
corpus (bench/README.md, "The Pelican site"). Pelican's settings give the URLs, the
default language's listings and feeds, and pagination; this plugin, through Pelican's
signals, adds what Pelican has no setting for:

- the theme's interface strings from sitegen's catalogs (compiled into the theme's
  translations/ folder), in the language of the page being rendered, and dates
  formatted with Babel in that language;
- sitegen's slugs for sections and authors (the ids of site.yaml, not slugified names);
- in a language other than the default, category, tag and author URLs under that
  language's prefix, and that language's home, tags index, listings and feeds: Pelican
  lists only the articles of the default language (the others are its translations), so
  the plugin runs the same ArticlesGenerator methods once more per language, over that
  language's articles, with its prefixed URL settings;
- an article in two sections listed in both (Pelican has one category per article);
- reading time, and up to three related articles per article, found once for all with
  an inverted index of tags and sections, as sitegen finds them.
"""

from __future__ import annotations

import copy
import gettext
import os
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, NamedTuple

from babel.dates import format_date, format_time
from jinja2 import pass_context
from pelican import signals
from pelican.urlwrappers import Author, Category, Tag

LANGUAGE_PREFIXED = ("CATEGORY_URL", "CATEGORY_SAVE_AS", "TAG_URL", "TAG_SAVE_AS",
                     "AUTHOR_URL", "AUTHOR_SAVE_AS", "INDEX_URL", "INDEX_SAVE_AS",
                     "TAGS_URL", "TAGS_SAVE_AS", "FEED_ATOM", "FEED_RSS",
                     "CATEGORY_FEED_ATOM", "AUTHOR_FEED_ATOM")
"""Settings that, in a language other than the default, are under its prefix ('en/')."""
LANGUAGE_TEMPLATES = ["index", "tags"]
"""The direct templates written once per language; the others (sitemaps, robots.txt)
are written once for the site, by the default language."""
TAG_REACH, SECTION_REACH = 30, 4
"""How far along a tag's and a section's listing, each way, related candidates are
taken (sitegen's related.py)."""
WORDS_PER_MINUTE = 220
MARKUP = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+(?:[’'-]\w+)*")
"""A word, as sitegen counts them: letters and digits, joined by ’ ' or -."""


class LanguageLink(NamedTuple):
    """One language in a page's language switcher and hreflang alternates."""

    code: str
    name: str
    locale: str
    url: str
    current: bool
    alternate: bool
    """This page exists in that language (for the current one: in some other too)."""


@dataclass
class Listing:
    """The articles of one language, newest first, and their lists."""

    articles: list[Any]
    categories: list[tuple[Category, list[Any]]] = field(default_factory=list)
    tags: dict[Tag, list[Any]] = field(default_factory=dict)
    authors: list[tuple[Author, list[Any]]] = field(default_factory=list)

    @property
    def updated(self) -> datetime | None:
        """When an article of the language was last published or updated."""
        return newest_update(self.articles)


def newest_update(articles: Iterable[Any]) -> datetime | None:
    """The latest date at which one of articles was published or updated."""
    return max((getattr(a, "modified", None) or a.date for a in articles), default=None)


class Site:
    """The state of one Pelican run: settings per language, the URL wrappers shared by
    the articles of a language, and the listings of every language."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.default: str = settings["DEFAULT_LANG"]
        self.languages: dict[str, dict[str, str]] = settings["SITEGEN_LANGUAGES"]
        self.sections: dict[str, dict[str, dict[str, str]]] = settings["SITEGEN_SECTIONS"]
        self.authors: dict[str, dict[str, Any]] = settings["SITEGEN_AUTHORS"]
        self.author_ids = {info["name"]: author_id for author_id, info in self.authors.items()}
        self.local = {lang: self._language_settings(lang) for lang in self.languages}
        self.wrappers: dict[tuple[Any, ...], Any] = {}
        self.listings: dict[str, Listing] = {}
        self.catalogs = {lang: self._catalog(lang) for lang in self.languages}

    def _language_settings(self, lang: str) -> dict[str, Any]:
        """The settings, with the URLs of lang's listings and feeds under its prefix."""
        if lang == self.default:
            return self.settings
        local = dict(self.settings, DIRECT_TEMPLATES=LANGUAGE_TEMPLATES)
        for key in LANGUAGE_PREFIXED:
            if local.get(key) is not None:
                local[key] = f"{lang}/{local[key]}"
        return local

    def _catalog(self, lang: str) -> gettext.NullTranslations:
        folder = os.path.join(self.settings["THEME"], "translations")
        return gettext.translation("messages", folder, languages=[lang], fallback=True)

    # --- URL wrappers: one object per section, tag and author of a language ----------

    def section(self, lang: str, section_id: str) -> Category:
        key = ("section", lang, section_id)
        if key not in self.wrappers:
            titles = self.sections[section_id][lang]
            category = Category(titles["title"], self.local[lang])
            category.slug = titles["slug"]
            category.section_id = section_id
            self.wrappers[key] = category
        return self.wrappers[key]

    def tag(self, lang: str, name: str) -> Tag:
        key = ("tag", lang, name)
        if key not in self.wrappers:
            self.wrappers[key] = Tag(name, self.local[lang])
        return self.wrappers[key]

    def author(self, lang: str, name: str) -> Author:
        key = ("author", lang, name)
        if key not in self.wrappers:
            author = Author(name, self.local[lang])
            author_id = self.author_ids.get(name)
            if author_id:
                info = self.authors[author_id]
                author.slug = author_id
                author.role = (info.get("role") or {}).get(lang, "")
                author.bio = (info.get("bio") or {}).get(lang, "")
                author.avatar = info.get("avatar", "")
            self.wrappers[key] = author
        return self.wrappers[key]

    # --- URLs, root-relative as sitegen writes them --------------------------------

    def home(self, lang: str) -> str:
        return "/" + self.local[lang]["INDEX_URL"]

    def tags_index(self, lang: str) -> str:
        return "/" + self.local[lang]["TAGS_URL"]

    def section_url(self, lang: str, section_id: str) -> str:
        return "/" + self.section(lang, section_id).url

    def author_url(self, lang: str, author_id: str) -> str:
        return "/" + self.local[lang]["AUTHOR_URL"].format(slug=author_id)

    def not_found(self, lang: str) -> str:
        return self.home(lang) + "404.html"

    def feed(self, lang: str, key: str = "FEED_ATOM", slug: str = "") -> str:
        """A feed of lang: the site's Atom (FEED_ATOM) or RSS (FEED_RSS) feed, or a
        section's (CATEGORY_FEED_ATOM) or an author's (AUTHOR_FEED_ATOM)."""
        return "/" + self.local[lang][key].format(slug=slug)

    # --- language versions of a page ---------------------------------------------

    def language_links(self, kind: str, lang: str, subject: Any, url: str) -> list[LanguageLink]:
        """Every language: this page's version in it, else that language's home (its tags
        index for a tag, its 404 for a 404)."""
        versions = self._versions(kind, lang, subject)
        links = []
        for code, info in self.languages.items():
            if code == lang:
                href, alternate = url, bool(versions)
            elif code in versions:
                href, alternate = versions[code], True
            else:
                href, alternate = self._fallback(kind, code), False
            links.append(LanguageLink(code, info["name"], info["locale"], href,
                                      code == lang, alternate))
        return links

    def _versions(self, kind: str, lang: str, subject: Any) -> dict[str, str]:
        others = [code for code in self.languages if code != lang]
        if kind == "article":
            return {t.lang: "/" + t.url for t in subject.translations}
        if kind == "home":
            return {code: self.home(code) for code in others}
        if kind == "tags":
            return {code: self.tags_index(code) for code in others}
        if kind == "section":
            return {code: self.section_url(code, subject.section_id) for code in others
                    if self._has(code, "section", subject.section_id)}
        if kind == "author":
            return {code: self.author_url(code, subject.slug) for code in others
                    if self._has(code, "author", subject.slug)}
        return {}

    def _has(self, lang: str, kind: str, key: str) -> bool:
        """Whether lang lists the section (kind "section") or author of that id."""
        listing = self.listings.get(lang)
        if listing is None:
            return False
        if kind == "section":
            return any(c.section_id == key for c, _ in listing.categories)
        return any(a.slug == key for a, _ in listing.authors)

    def _fallback(self, kind: str, lang: str) -> str:
        if kind == "tag":
            return self.tags_index(lang)
        if kind == "404":
            return self.not_found(lang)
        return self.home(lang)

    # --- Jinja ---------------------------------------------------------------------

    def install(self, env: Any) -> None:
        """Give a generator's Jinja environment gettext in the page's language, Babel
        dates, JSON as sitegen writes it, and these URLs."""
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(self._gettext, self._ngettext, newstyle=True)
        env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False,
                                             "separators": (",", ":")}
        env.filters.update(date=self._date, time=self._time, isoformat=isoformat,
                           newest_update=newest_update)
        env.globals.update(urls=self, language_links=self.language_links)

    def _translations(self, context: Any) -> gettext.NullTranslations:
        return self.catalogs.get(context.get("lang"), self.catalogs[self.default])

    @pass_context
    def _gettext(self, context: Any, message: str) -> str:
        return self._translations(context).gettext(message)

    @pass_context
    def _ngettext(self, context: Any, singular: str, plural: str, count: int) -> str:
        return self._translations(context).ngettext(singular, plural, count)

    def _locale(self, context: Any) -> str:
        lang = context.get("lang") or self.default
        return self.languages.get(lang, {}).get("locale", lang)

    @pass_context
    def _date(self, context: Any, value: datetime, form: str = "long") -> str:
        return format_date(value, form, locale=self._locale(context))

    @pass_context
    def _time(self, context: Any, value: datetime, form: str = "short") -> str:
        return format_time(value, form, locale=self._locale(context))


def isoformat(value: datetime) -> str:
    return value.isoformat()


_site: Site | None = None


def site_of(settings: dict[str, Any]) -> Site:
    """The Site of this run (made once: every generator shares it)."""
    global _site
    if _site is None or _site.settings is not settings:
        _site = Site(settings)
    return _site


# --- signal handlers -----------------------------------------------------------------

def install_jinja(generator: Any) -> None:
    """generator_init: the theme's gettext, filters and URL helpers."""
    site_of(generator.settings).install(generator.env)


def localize_metadata(generator: Any, metadata: dict[str, Any]) -> None:
    """article_generator_context: an article's sections, tags and authors as the shared
    URL wrappers of its language, with sitegen's slugs."""
    site = site_of(generator.settings)
    lang = metadata.get("lang") or site.default
    section_ids = [s.strip() for s in str(metadata.get("sections", "")).split(",") if s.strip()]
    if section_ids:
        metadata["sections"] = [site.section(lang, s) for s in section_ids]
        metadata["category"] = metadata["sections"][0]
    metadata["tags"] = [site.tag(lang, tag.name) for tag in metadata.get("tags", [])]
    authors = metadata.get("authors") or ([metadata["author"]] if "author" in metadata else [])
    metadata["authors"] = [site.author(lang, author.name) for author in authors]
    if metadata["authors"]:
        metadata["author"] = metadata["authors"][0]


def keep_default_language(generator: Any) -> None:
    """article_generator_pretaxonomy: only articles of the default language are listed
    by Pelican; an article with no version in that language is a translation too (its
    own language's listings show it)."""
    site = site_of(generator.settings)
    others = [a for a in generator.articles if a.lang != site.default]
    if others:
        generator.articles = [a for a in generator.articles if a.lang == site.default]
        generator.translations.extend(others)


def assemble(generator: Any) -> None:
    """article_generator_finalized: every language's listings, related articles and
    reading times; the default language's sections get their articles' second sections."""
    site = site_of(generator.settings)
    by_lang: dict[str, list[Any]] = {lang: [] for lang in site.languages}
    for article in sorted([*generator.articles, *generator.translations], key=newest_first):
        by_lang.setdefault(article.lang, []).append(article)
    for lang, articles in by_lang.items():
        listing = Listing(articles, categories=by_section(site, lang, articles))
        if lang == site.default:
            generator.categories[:] = listing.categories
            listing.articles = generator.articles
            listing.tags, listing.authors = generator.tags, generator.authors
        else:
            listing.tags, listing.authors = by_tag_and_author(articles)
        site.listings[lang] = listing
        find_related(articles, generator.settings["SITEGEN_RELATED"])
    for article in (*generator.articles, *generator.translations):
        article.reading_minutes = reading_minutes(article.content)
    clock = datetime.fromisoformat(generator.settings["SITEGEN_CLOCK"].replace("Z", "+00:00"))
    generator.context.update(
        lang=site.default, listings=site.listings,
        news_since=clock - timedelta(days=generator.settings["SITEGEN_NEWS_DAYS"]))


def write_other_languages(generator: Any, writer: Any) -> None:
    """article_writer_finalized: for each language but the default, the same
    ArticlesGenerator methods that wrote the default's home, tags index, tag, category
    and author pages and feeds, over that language's articles and settings."""
    site = site_of(generator.settings)
    for lang, listing in site.listings.items():
        if lang == site.default:
            continue
        view = language_view(generator, site.local[lang], lang, listing)
        write = partial(writer.write_file, relative_urls=view.settings["RELATIVE_URLS"])
        view.generate_feeds(writer)
        view.generate_direct_templates(write)
        view.generate_tags(write)
        view.generate_categories(write)
        view.generate_authors(write)


def register() -> None:
    signals.generator_init.connect(install_jinja)
    signals.article_generator_context.connect(localize_metadata)
    signals.article_generator_pretaxonomy.connect(keep_default_language)
    signals.article_generator_finalized.connect(assemble)
    signals.article_writer_finalized.connect(write_other_languages)


# --- listings, related articles, reading time ---------------------------------------

def newest_first(article: Any) -> tuple[float, str]:
    return (-article.date.timestamp(), article.source_path)


def by_section(site: Site, lang: str, articles: Iterable[Any]) -> list[tuple[Category, list]]:
    """Each section's articles, newest first, in site.yaml's order of sections."""
    lists: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        for section in getattr(article, "sections", [article.category]):
            lists[section.section_id].append(article)
    return [(site.section(lang, s), lists[s]) for s in site.sections if lists.get(s)]


def by_tag_and_author(articles: Iterable[Any]) -> tuple[dict, list]:
    """Each tag's and each author's articles, as Pelican groups the default language's."""
    tags: dict[Tag, list[Any]] = defaultdict(list)
    authors: dict[Author, list[Any]] = defaultdict(list)
    for article in articles:
        for tag in getattr(article, "tags", []):
            tags[tag].append(article)
        for author in getattr(article, "authors", []):
            authors[author].append(article)
    return tags, sorted(authors.items())


def language_view(generator: Any, settings: dict[str, Any], lang: str,
                  listing: Listing) -> Any:
    """The articles generator as it would be had lang been the default language."""
    view = copy.copy(generator)
    view.settings = settings
    view.articles, view.dates, view.translations = listing.articles, listing.articles, []
    view.categories, view.tags, view.authors = (listing.categories, listing.tags,
                                                listing.authors)
    view.context = dict(generator.context, lang=lang, articles=listing.articles,
                        dates=listing.articles, categories=listing.categories,
                        tags=list(listing.tags.items()), authors=listing.authors)
    return view


def find_related(articles: Sequence[Any], count: int) -> None:
    """article.related: up to count articles sharing its tags (counted twice) and
    sections (once), taken near it in each tag's and section's listing; ties go to the
    newer. Articles come newest first, so ranks in every listing are sorted."""
    tags: dict[str, list[int]] = defaultdict(list)
    sections: dict[str, list[int]] = defaultdict(list)
    for rank, article in enumerate(articles):
        for tag in getattr(article, "tags", []):
            tags[tag.slug].append(rank)
        for section in article.sections:
            sections[section.section_id].append(rank)
    for rank, article in enumerate(articles):
        near: list[int] = []
        for tag in getattr(article, "tags", []):
            window = nearby(tags[tag.slug], rank, TAG_REACH)
            near += window + window
        for section in article.sections:
            near += nearby(sections[section.section_id], rank, SECTION_REACH)
        near.sort()
        scores = Counter(near)
        scores.pop(rank, None)
        article.related = [articles[other] for other, _ in scores.most_common(count)]


def nearby(ranks: list[int], rank: int, reach: int) -> list[int]:
    """The ranks within reach of rank's place in a listing (itself included)."""
    at = bisect_left(ranks, rank)
    return ranks[max(0, at - reach): at + reach + 1]


def reading_minutes(html: str) -> int:
    """Reading time in whole minutes, never less than one (sitegen's rule)."""
    return max(1, round(len(WORD.findall(MARKUP.sub(" ", html))) / WORDS_PER_MINUTE))
