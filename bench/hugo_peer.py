"""Convert a bench/corpus.py site into a Hugo site that renders sitegen's site.

    python bench/peers.py --corpus DIR --out DIR2 --hugo

The Hugo site renders what sitegen's theme (templates/) renders from the same corpus,
page kind by page kind, with Hugo's own means: the same pages (one home per language,
articles, section, tag and author lists paginated as site.yaml says, the tags index, a
404 per language), the same feeds (Atom and RSS per language, Atom per section and per
author, FEED_ENTRIES entries with summary and full content), sitemaps with every page and
its language versions, a news sitemap and robots.txt, and on every page the same
elements (head metadata, Open Graph, JSON-LD, language switcher, sections menu,
breadcrumb, byline, author cards, related articles, localized dates and strings) in the
same markup.

The layouts are files in bench/hugo/layouts/, copied into every converted site; what
depends on the corpus (hugo.toml with its languages, menus and params, i18n/LANG.yaml
from sitegen's catalogs, the content) is written here. bench/compare_outputs.py compares
the two outputs; bench/README.md ("The Hugo site") says what maps to what and what still
differs.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

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

HUGO_FILES = Path(__file__).resolve().parent / "hugo"
"""The layouts (bench/hugo/layouts/, named as in Hugo's template system of 0.146 and
later), copied into every converted site; they read the counts imported above from site
params, which hugo_config writes."""

def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values: Iterable[str]) -> str:
    """A YAML flow sequence of quoted strings."""
    return "[" + ", ".join(quoted(v) for v in values) + "]"



HUGO_STRINGS: dict[str, str] = {
    "skip": "Skip to content", "languages": "Languages", "sections": "Sections",
    "home": "Home", "allTopics": "All topics",
    "footerNote": "An independent newsroom. Built with sitegen.",
    "breadcrumb": "Breadcrumb", "by": "By", "and": " and ", "updated": "Updated",
    "topics": "Topics", "readIn": "Read this article in", "aboutAuthor": "About the author",
    "commentsTitle": "Share your opinion",
    "commentsText": "Comments are reviewed by the newsroom before publication. "
                    "Be courteous, stay on topic.",
    "readAlso": "Read also", "frontPage": "Front page", "topStory": "Top story",
    "latest": "Latest news", "pageN": "page %(number)s",
    "sectionDescription": "The latest %(section)s news from %(site)s.",
    "topic": "Topic", "topicDescription": "Articles about %(topic)s.",
    "noArticles": "No articles here yet.", "noTopics": "No topics yet.",
    "pagination": "Pagination", "newer": "Newer", "older": "Older",
    "notFound": "Page not found",
    "notFoundText": "The page you are looking for does not exist, or has moved.",
    "backHome": "Back to the front page",
}
"""Hugo i18n ids and the msgids of sitegen's catalogs (templates/locales) they stand for."""
HUGO_PLURALS: dict[str, str] = {"minRead": "%(count)s min read",
                                "articleCount": "%(count)s article"}
PLURAL_NAMES = {1: ("other",), 2: ("one", "other"), 3: ("one", "few", "other"),
                4: ("one", "two", "few", "other"),
                6: ("zero", "one", "two", "few", "many", "other")}
"""CLDR plural categories in the order of gettext's msgstr[n], by number of forms."""
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def read_po(path: Path) -> dict[str, list[str]]:
    """msgid -> [msgstr] (or the msgstr[n] of a plural) of a gettext catalog."""
    entries: dict[str, list[str]] = {}
    msgid, plural, forms, field = "", "", [], ""

    def flush() -> None:
        if msgid and any(forms):
            entries[msgid] = forms
        elif msgid:  # untranslated: the source strings, as gettext gives them
            entries[msgid] = [msgid, plural] if plural else [msgid]

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("msgid "):
            flush()
            msgid, plural, forms, field = json.loads(line[6:]), "", [], "msgid"
        elif line.startswith("msgid_plural "):
            plural, field = json.loads(line[13:]), "plural"
        elif line.startswith("msgstr"):
            forms.append(json.loads(line.partition(" ")[2]))
            field = "msgstr"
        elif line.startswith('"') and field == "msgid":
            msgid += json.loads(line)
        elif line.startswith('"') and field == "msgstr":
            forms[-1] += json.loads(line)
        elif not line:
            field = ""
    flush()
    return entries



def hugo_i18n(corpus: Corpus, lang: str) -> str:
    """i18n/LANG.yaml: sitegen's interface strings in lang, as Hugo translations."""
    folder = locale_folder(corpus)
    path = folder / lang / "LC_MESSAGES" / "messages.po" if folder else None
    catalog = read_po(path) if path and path.is_file() else {}

    def template(text: str) -> str:
        return quoted(PLACEHOLDER.sub(lambda m: "{{ .%s }}" % (
            "Count" if m.group(1) == "count" else m.group(1)), text))

    lines = [f"{key}: {template((catalog.get(msgid) or [msgid])[0])}"
             for key, msgid in HUGO_STRINGS.items()]
    for key, msgid in HUGO_PLURALS.items():
        forms = catalog.get(msgid) or [msgid]
        lines.append(f"{key}:")
        names = PLURAL_NAMES.get(len(forms), ("other",) * len(forms))
        lines += [f"  {name}: {template(form)}" for name, form in zip(names, forms, strict=True)]
    return "\n".join(lines) + "\n"


def hugo_config(corpus: Corpus) -> str:
    """hugo.toml: sitegen's URLs, page kinds, feeds, pagination, related articles and
    menus, one Hugo language per corpus language, and the params the layouts read."""
    site = corpus.site
    default = site["default_language"]
    host = site["base_url"].split("//", 1)[-1].strip("/")
    section_ids = list(site["sections"])
    pager_size = site.get("pagination", PAGINATION)
    lines = [
        f"baseURL = {quoted(site['base_url'])}",
        f"title = {quoted(site['title'])}",
        f"defaultContentLanguage = {quoted(default)}",
        "defaultContentLanguageInSubdir = false",
        "disableDefaultLanguageRedirect = true",
        f"timeZone = {quoted(site['timezone'])}",
        "enableRobotsTXT = true",
        "removePathAccents = true",
        "capitalizeListTitles = false",
        "disableHugoGeneratorInject = true",
        "pluralizeListTitles = false",
        "",
        "[params]", f"defaultLanguage = {quoted(default)}", f"host = {quoted(host)}",
        f"pagerSize = {pager_size}",
        # Read by the layouts: the home's teasers, related articles, the news sitemap's days.
        f"homeLatest = {HOME_LATEST}", f"homePerSection = {HOME_PER_SECTION}",
        f"relatedArticles = {RELATED}", f"newsDays = {NEWS_DAYS}",
        "", "[markup.goldmark.parser]", "autoHeadingIDType = 'github-ascii'",
        "", "[pagination]", f"pagerSize = {pager_size}", "disableAliases = true",
        "", "[taxonomies]", "tag = 'tags'", "author = 'authors'", "section = 'sections'",
        "", "[permalinks.term]", "sections = '/:slug/'",
        "", "[services.rss]", f"limit = {FEED_ENTRIES}",
        "", "[mediaTypes.'application/atom+xml']", "suffixes = ['xml']",
        "", "[outputFormats.atom]", "mediaType = 'application/atom+xml'",
        "baseName = 'feed'", "rel = 'alternate'",
        "", "[outputFormats.rss]", "baseName = 'rss'",
        "", "[outputFormats.newssitemap]", "mediaType = 'application/xml'",
        "baseName = 'news-sitemap'", "notAlternative = true", "rel = 'sitemap'",
        # Home: HTML and the language's feeds; sections and authors add an Atom feed in
        # their term pages' front matter; no page list gets RSS.
        "", "[outputs]", "home = ['html', 'rss', 'atom']", "section = ['html']",
        "taxonomy = ['html']", "term = ['html']", "page = ['html']",
        # sitegen: a shared tag counts twice, a shared section once, newer articles too,
        # and any article sharing one of them qualifies (with Hugo's default threshold, 80,
        # a few articles get fewer than three).
        "", "[related]", "includeNewer = true", "threshold = 1", "toLower = false",
        "", "[[related.indices]]", "name = 'tags'", "weight = 2",
        "", "[[related.indices]]", "name = 'sections'", "weight = 1",
    ]
    for weight, entry in enumerate(site["languages"], start=1):
        code = entry["code"]
        lines += ["", f"[languages.{code}]", f"label = {quoted(entry['name'])}",
                  f"locale = {quoted(entry['locale'].replace('_', '-'))}",
                  f"direction = {quoted(entry.get('direction', 'ltr'))}",
                  f"weight = {weight}", f"contentDir = 'content/{code}'",
                  f"[languages.{code}.params]", f"ogLocale = {quoted(entry['locale'])}"]
        for index, section in enumerate(section_ids, start=1):
            lines += ["", f"[[languages.{code}.menus.main]]", f"identifier = {quoted(section)}",
                      f"name = {quoted(corpus.section_title(section, code))}",
                      f"pageRef = '/sections/{section}'", f"weight = {index}"]
    return "\n".join(lines) + "\n"


def article_url(corpus: Corpus, article: Article) -> str:
    """sitegen's default article permalink: [/lang]/{first section's slug}/{slug}/."""
    section = corpus.site["sections"][article.meta["sections"][0]][article.lang]["slug"]
    prefix = "" if article.lang == corpus.languages[0] else f"/{article.lang}"
    return f"{prefix}/{section}/{article.slug}/"


def hugo_front_matter(article: Article, url: str = "") -> str:
    """YAML front matter of one Hugo page; url mirrors sitegen's permalink."""
    meta = article.meta
    lines = ["---", f"title: {quoted(meta['headline'])}", f"date: {meta['date'].isoformat()}"]
    if meta.get("updated"):
        lines.append(f"lastmod: {meta['updated'].isoformat()}")
    if url:
        lines.append(f"url: {quoted(url)}")
    lines += [f"description: {quoted(meta['dek'])}",
              f"translationKey: {meta['translation_key']}",
              f"authors: {yaml_list(article.authors)}",
              f"tags: {yaml_list(meta['tags'])}",
              f"sections: {yaml_list(meta['sections'])}"]
    return "\n".join(lines) + "\n---\n\n"


def hugo_term_pages(corpus: Corpus, out: Path) -> None:
    """Per language: the home (the news sitemap in the default language), term pages for
    authors (role, bio, avatar) and sections (title, URL), each with an Atom feed; no list
    of the articles' folder, of all authors or of all sections, which sitegen has not."""
    never = "build:\n  render: never\n  list: never\n"
    for lang in corpus.languages:
        base = out / "content" / lang
        outputs = "['html', 'rss', 'atom'" + (
            ", 'newssitemap']" if lang == corpus.languages[0] else "]")
        write(base / "_index.md", f"---\noutputs: {outputs}\n---\n")
        write(base / "posts" / "_index.md", f"---\n{never}---\n")
        write(base / "authors" / "_index.md", f"---\n{never}---\n")
        write(base / "sections" / "_index.md", f"---\n{never}---\n")
        for author_id, author in corpus.authors.items():
            lines = ["---", f"title: {quoted(author['name'])}", "outputs: ['html', 'atom']"]
            for key in ("role", "bio"):
                value = (author.get(key) or {}).get(lang)
                if value:
                    lines.append(f"{key}: {quoted(value)}")
            if author.get("avatar"):
                lines.append(f"avatar: {quoted(author['avatar'])}")
            write(base / "authors" / author_id / "_index.md", "\n".join(lines) + "\n---\n")
        for section, titles in corpus.site["sections"].items():
            write(base / "sections" / section / "_index.md",
                  f"---\ntitle: {quoted(titles[lang]['title'])}\n"
                  f"slug: {quoted(titles[lang]['slug'])}\noutputs: ['html', 'atom']\n---\n")


def to_hugo(corpus: Corpus, out: Path) -> int:
    """Write a Hugo site for the corpus into out; returns the number of articles."""
    prepare(out)
    write(out / "hugo.toml", hugo_config(corpus))
    shutil.copytree(HUGO_FILES / "layouts", out / "layouts")
    for lang in corpus.languages:
        write(out / "i18n" / f"{lang}.yaml", hugo_i18n(corpus, lang))
    copy_images(corpus, out / "static" / "images")
    for name in THEME_FILES:  # the stylesheet and icons sitegen copies to every site
        if (THEME_STATIC / name).is_file():
            (out / "static" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(THEME_STATIC / name, out / "static" / name)
    hugo_term_pages(corpus, out)
    for article in corpus.articles:
        write(out / "content" / article.lang / "posts" / f"{article.slug}.md",
              hugo_front_matter(article, article_url(corpus, article)) + article.body)
    return len(corpus.articles)


def hugo_command(site: Path, destination: Path) -> list[str]:
    """The command that builds a converted Hugo site, at sitegen's build clock."""
    return ["hugo", "--source", str(site), "--destination", str(destination.resolve()),
            "--clock", CLOCK, "--quiet"]
