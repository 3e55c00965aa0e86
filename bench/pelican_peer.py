"""Convert a bench/corpus.py site into a Pelican site that renders sitegen's site.

    python bench/peers.py --corpus DIR --out DIR2 --pelican

The Pelican site renders, page kind by page kind, what sitegen's theme (templates/)
renders from the same corpus, with Pelican's own means: its settings (URLs, translations,
pagination, feeds, direct templates), a Jinja theme and a small plugin
(bench/pelican/theme and bench/pelican/plugins/sitegen_like.py, copied into the site).
bench/README.md ("The Pelican site") says what maps to what and what still differs.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from peers import (
    CLOCK,
    FEED_ENTRIES,
    HOME_LATEST,
    HOME_PER_SECTION,
    NEWS_DAYS,
    PAGINATION,
    RELATED,
    THEME_FILES,
    THEME_STATIC,
    Article,
    Corpus,
    copy_images,
    locale_folder,
    prepare,
    write,
)

PELICAN_FILES = Path(__file__).resolve().parent / "pelican"
"""The theme (templates) and the plugin, copied into every converted site."""
PLUGIN = "sitegen_like"


def url_settings() -> dict[str, Any]:
    """sitegen's URLs: one folder per page, the default language at the root, the others
    under their code (the plugin puts a language's listings and feeds there)."""
    return {
        "ARTICLE_URL": "{category}/{slug}/",
        "ARTICLE_SAVE_AS": "{category}/{slug}/index.html",
        "ARTICLE_LANG_URL": "{lang}/{category}/{slug}/",
        "ARTICLE_LANG_SAVE_AS": "{lang}/{category}/{slug}/index.html",
        "CATEGORY_URL": "{slug}/", "CATEGORY_SAVE_AS": "{slug}/index.html",
        "TAG_URL": "tags/{slug}/", "TAG_SAVE_AS": "tags/{slug}/index.html",
        "AUTHOR_URL": "authors/{slug}/", "AUTHOR_SAVE_AS": "authors/{slug}/index.html",
        "INDEX_URL": "", "INDEX_SAVE_AS": "index.html",
        "TAGS_URL": "tags/", "TAGS_SAVE_AS": "tags/index.html",
        "SITEMAP_SAVE_AS": "sitemap.xml", "NEWS_SITEMAP_SAVE_AS": "news-sitemap.xml",
        "ROBOTS_SAVE_AS": "robots.txt",
        "DIRECT_TEMPLATES": ["index", "tags", "sitemap", "news_sitemap", "robots"],
        "TEMPLATE_EXTENSIONS": [".html", ".xml", ".txt"],
        "PAGINATION_PATTERNS": [
            (1, "{url}", "{save_as}"),
            (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html")],
        "PAGINATED_TEMPLATES": {"category": None, "tag": None, "author": None},
    }


def feed_settings(site_url: str) -> dict[str, Any]:
    """Atom and RSS per language, Atom per section and per author, FEED_ENTRIES entries
    with the summary and the full content; no other feed."""
    return {
        "FEED_DOMAIN": site_url, "FEED_MAX_ITEMS": FEED_ENTRIES,
        "FEED_ATOM": "feed.xml", "FEED_RSS": "rss.xml",
        "FEED_ALL_ATOM": None, "FEED_ALL_RSS": None,
        "CATEGORY_FEED_ATOM": "{slug}/feed.xml",
        "AUTHOR_FEED_ATOM": "authors/{slug}/feed.xml", "AUTHOR_FEED_RSS": None,
        "TRANSLATION_FEED_ATOM": None, "TAG_FEED_ATOM": None,
        "RSS_FEED_SUMMARY_ONLY": False,
    }


def sitegen_settings(corpus: Corpus) -> dict[str, Any]:
    """What the plugin and the theme read: languages, sections, authors, the home's and
    related articles' counts and the build clock of the news sitemap."""
    site = corpus.site
    return {
        "SITEGEN_LANGUAGES": {
            entry["code"]: {"name": entry["name"], "locale": entry["locale"],
                            "direction": entry.get("direction", "ltr"),
                            "date_format": entry.get("date_format", "full")}
            for entry in site["languages"]},
        "SITEGEN_SECTIONS": {
            section: {lang: {"title": str(titles[lang]["title"]),
                             "slug": str(titles[lang]["slug"])} for lang in corpus.languages}
            for section, titles in site["sections"].items()},
        "SITEGEN_AUTHORS": {
            author_id: {"name": str(author["name"]), "role": author.get("role") or {},
                        "bio": author.get("bio") or {}, "avatar": author.get("avatar", "")}
            for author_id, author in corpus.authors.items()},
        "SITEGEN_CLOCK": CLOCK, "SITEGEN_NEWS_DAYS": NEWS_DAYS,
        "SITEGEN_HOME_LATEST": HOME_LATEST, "SITEGEN_HOME_PER_SECTION": HOME_PER_SECTION,
        "SITEGEN_RELATED": RELATED,
    }


def pelican_settings(corpus: Corpus) -> dict[str, Any]:
    """Every setting of pelicanconf.py."""
    site = corpus.site
    site_url = site["base_url"].rstrip("/")
    return {
        "SITENAME": site["title"], "SITEURL": site_url, "TIMEZONE": site["timezone"],
        "DEFAULT_LANG": site["default_language"],
        "PATH": "content", "ARTICLE_PATHS": corpus.languages, "PAGE_PATHS": ["pages"],
        "STATIC_PATHS": ["images", "css"], "THEME": "theme", "THEME_STATIC_PATHS": [],
        "PLUGIN_PATHS": ["plugins"], "PLUGINS": [PLUGIN],
        "ARTICLE_TRANSLATION_ID": "translation_key",
        "FORMATTED_FIELDS": [],  # the summary is sitegen's dek: plain text
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True,
                              "keep_trailing_newline": True, "extensions": []},
        "DEFAULT_PAGINATION": site.get("pagination", PAGINATION),
        "MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {},
                                           "markdown.extensions.meta": {},
                                           "markdown.extensions.toc": {}},
                     "output_format": "html5"},
        **url_settings(), **feed_settings(site_url), **sitegen_settings(corpus),
    }


def pelican_config(corpus: Corpus) -> str:
    """pelicanconf.py."""
    lines = ['"""Pelican settings of a site converted by bench/pelican_peer.py."""', ""]
    lines += [f"{key} = {value!r}" for key, value in pelican_settings(corpus).items()]
    return "\n".join(lines) + "\n"


def pelican_date(value: datetime) -> str:
    """A date as Pelican metadata writes it."""
    return value.strftime("%Y-%m-%d %H:%M")


def pelican_metadata(corpus: Corpus, article: Article) -> str:
    """The metadata header of one Pelican Markdown file: the category is the first
    section; Sections lists them all (the plugin lists the article in each)."""
    meta = article.meta
    names = [str(corpus.authors[a]["name"]) for a in article.authors]
    lines = [f"Title: {meta['headline']}", f"Date: {pelican_date(meta['date'])}"]
    if meta.get("updated"):
        lines.append(f"Modified: {pelican_date(meta['updated'])}")
    lines += [f"Category: {corpus.section_title(meta['sections'][0], article.lang)}",
              f"Sections: {', '.join(meta['sections'])}",
              f"Tags: {', '.join(meta['tags'])}",
              f"Authors: {', '.join(names)}",
              f"Slug: {article.slug}",
              f"Lang: {article.lang}",
              f"Summary: {meta['dek']}",
              f"Translation_key: {meta['translation_key']}"]
    if article.lang != corpus.languages[0]:
        lines.append("Translation: true")
    return "\n".join(lines) + "\n\n"


def not_found_page(corpus: Corpus, lang: str) -> str:
    """A hidden page rendered with the theme's 404 template (Pelican's way to a 404)."""
    prefix = "" if lang == corpus.languages[0] else f"{lang}/"
    return (f"Title: 404\nSlug: 404\nLang: {lang}\nStatus: hidden\nTemplate: 404\n"
            f"URL: {prefix}404.html\nSave_as: {prefix}404.html\n\n")


def compile_catalogs(corpus: Corpus, target: Path) -> None:
    """sitegen's gettext catalogs, compiled (as pybabel compile does) into the theme's
    translations/LANG/LC_MESSAGES/messages.mo."""
    folder = locale_folder(corpus)
    for lang in corpus.languages:
        source = folder / lang / "LC_MESSAGES" / "messages.po" if folder else None
        if source is None or not source.is_file():
            continue
        with source.open("rb") as handle:
            catalog = read_po(handle)
        mo = target / lang / "LC_MESSAGES" / "messages.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)


def copy_theme_files(corpus: Corpus, out: Path) -> None:
    """The theme and the plugin; the stylesheet, icons and avatars sitegen's pages link
    to, as static content."""
    shutil.copytree(PELICAN_FILES / "theme", out / "theme")
    shutil.copytree(PELICAN_FILES / "plugins", out / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__"))
    compile_catalogs(corpus, out / "theme" / "translations")
    copy_images(corpus, out / "content" / "images")
    for name in THEME_FILES:
        if (THEME_STATIC / name).is_file():
            (out / "content" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(THEME_STATIC / name, out / "content" / name)


def to_pelican(corpus: Corpus, out: Path) -> int:
    """Write a Pelican site for the corpus into out; returns the number of articles."""
    prepare(out)
    write(out / "pelicanconf.py", pelican_config(corpus))
    copy_theme_files(corpus, out)
    for lang in corpus.languages:
        write(out / "content" / "pages" / f"404-{lang}.md", not_found_page(corpus, lang))
    for article in corpus.articles:
        write(out / "content" / article.lang / f"{article.slug}.md",
              pelican_metadata(corpus, article) + article.body)
    return len(corpus.articles)


def pelican_command(site: Path, destination: Path) -> list[str]:
    """The command that builds a converted Pelican site, from any working folder."""
    return ["pelican", str(site / "content"), "-s", str(site / "pelicanconf.py"),
            "-o", str(destination.resolve()), "--quiet"]
