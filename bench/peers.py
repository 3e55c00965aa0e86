"""Convert a bench/corpus.py site into an equivalent Hugo or Pelican site.

    python bench/peers.py --corpus DIR --out DIR2 --hugo
    python bench/peers.py --corpus DIR --out DIR2 --pelican

Then build the result with the commands that hugo_command() and
pelican_command() return.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MARKER = ".bench-peer"
PAGINATION = 10


@dataclass(frozen=True, slots=True)
class Article:
    """One article of the corpus in one language."""

    lang: str
    slug: str
    meta: dict[str, Any]
    body: str

    @property
    def authors(self) -> list[str]:
        """Author ids, whether the file says author or authors."""
        return list(self.meta.get("authors") or [self.meta["author"]])


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything a generated site holds, read back from disk."""

    root: Path
    site: dict[str, Any]
    authors: dict[str, dict[str, Any]]
    articles: list[Article]

    @property
    def languages(self) -> list[str]:
        """Language codes, the default first."""
        return [entry["code"] for entry in self.site["languages"]]

    def section_title(self, section: str, lang: str) -> str:
        """Title of a section in one language."""
        return str(self.site["sections"][section][lang]["title"])


def read_article(path: Path, lang: str) -> Article:
    """Parse one Markdown file with YAML front matter."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return Article(lang, path.stem, yaml.load(front, Loader=LOADER), body.lstrip("\n"))


def load_corpus(root: Path) -> Corpus:
    """Read site.yaml, the authors and every article of a generated site."""
    site = yaml.load((root / "site.yaml").read_text(encoding="utf-8"), Loader=LOADER)
    authors = {
        path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        for path in sorted((root / "content" / "authors").glob("*.yaml"))
    }
    articles = [
        read_article(path, lang)
        for lang in [entry["code"] for entry in site["languages"]]
        for path in sorted((root / "content" / lang).glob("*/*.md"))
    ]
    return Corpus(root, site, authors, articles)


def prepare(out: Path) -> None:
    """Make out an empty folder; refuse to empty one this module did not make."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise ValueError(f"{out} is not empty and was not made by peers.py")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    write(out / MARKER, "made by bench/peers.py; rerunning it replaces this folder\n")


def write(path: Path, text: str) -> None:
    """Write UTF-8 text with '\\n' line ends, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def copy_images(corpus: Corpus, target: Path) -> None:
    """Copy the corpus's static images (author avatars) to target."""
    source = corpus.root / "static" / "images"
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values: Iterable[str]) -> str:
    """A YAML flow sequence of quoted strings."""
    return "[" + ", ".join(quoted(v) for v in values) + "]"


# --- Hugo --------------------------------------------------------------------

HUGO_LAYOUTS: dict[str, str] = {
    "baseof.html": """<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
{{ range .AlternativeOutputFormats -}}
<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{ end }}{{ range .AllTranslations -}}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>{{ .Summary }}</p>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">
{{- .Date | time.Format ":date_long" }}</time>
{{ range .GetTerms "authors" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
</ul>
{{ with .Translations }}<nav>{{ range . }}
<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a>
{{- end }}</nav>{{ end }}
</article>
{{ end }}
""",
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{ $pager := .Paginate $pages.ByDate.Reverse }}
{{ range $pager.Pages }}{{ partial "teaser.html" . }}{{ end }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{- end }}</ul>
{{ end }}
""",
    "term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Content }}<div>{{ . }}</div>{{ end }}
{{ $pager := .Paginate .Pages.ByDate.Reverse }}
{{ range $pager.Pages }}{{ partial "teaser.html" . }}{{ end }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "_partials/teaser.html": """<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Summary }}</p>
</article>
""",
    "_partials/pager.html": """{{ if gt .TotalPages 1 }}<nav>
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">←</a>{{ end }}
{{ .PageNumber }} / {{ .TotalPages }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">→</a>{{ end }}
</nav>{{ end }}
""",
}


def hugo_config(corpus: Corpus) -> str:
    """hugo.toml: one Hugo language per corpus language, RSS on, 10 per page."""
    site = corpus.site
    lines = [
        f"baseURL = {quoted(site['base_url'])}",
        f"title = {quoted(site['title'])}",
        f"defaultContentLanguage = {quoted(site['default_language'])}",
        "defaultContentLanguageInSubdir = false",
        f"timeZone = {quoted(site['timezone'])}",
        "disableKinds = ['sitemap', 'robotsTXT']",
        "", "[pagination]", f"pagerSize = {PAGINATION}",
        "", "[taxonomies]", "tag = 'tags'", "author = 'authors'", "section = 'sections'",
        "", "[outputs]", "home = ['html', 'rss']", "section = ['html', 'rss']",
        "taxonomy = ['html', 'rss']", "term = ['html', 'rss']",
    ]
    for weight, entry in enumerate(site["languages"], start=1):
        code = entry["code"]
        lines += ["", f"[languages.{code}]", f"label = {quoted(entry['name'])}",
                  f"locale = {quoted(entry['locale'].replace('_', '-'))}",
                  f"direction = {quoted(entry.get('direction', 'ltr'))}",
                  f"weight = {weight}", f"contentDir = 'content/{code}'"]
    return "\n".join(lines) + "\n"


def hugo_front_matter(article: Article) -> str:
    """YAML front matter of one Hugo page."""
    meta = article.meta
    lines = ["---", f"title: {quoted(meta['headline'])}", f"date: {meta['date'].isoformat()}"]
    if meta.get("updated"):
        lines.append(f"lastmod: {meta['updated'].isoformat()}")
    lines += [f"summary: {quoted(meta['dek'])}",
              f"translationKey: {meta['translation_key']}",
              f"authors: {yaml_list(article.authors)}",
              f"tags: {yaml_list(meta['tags'])}",
              f"sections: {yaml_list(meta['sections'])}"]
    return "\n".join(lines) + "\n---\n\n"


def hugo_term_pages(corpus: Corpus, out: Path) -> None:
    """Titled term pages for authors (with bio) and sections, in every language."""
    for lang in corpus.languages:
        base = out / "content" / lang
        for author_id, author in corpus.authors.items():
            bio = author.get("bio", {}).get(lang, "")
            write(base / "authors" / author_id / "_index.md",
                  f"---\ntitle: {quoted(author['name'])}\n---\n\n{bio}\n")
        for section in corpus.site["sections"]:
            write(base / "sections" / section / "_index.md",
                  f"---\ntitle: {quoted(corpus.section_title(section, lang))}\n---\n")


def to_hugo(corpus: Corpus, out: Path) -> int:
    """Write a Hugo site for the corpus into out; returns the number of articles."""
    prepare(out)
    write(out / "hugo.toml", hugo_config(corpus))
    for name, text in HUGO_LAYOUTS.items():
        write(out / "layouts" / name, text)
    copy_images(corpus, out / "static" / "images")
    hugo_term_pages(corpus, out)
    for article in corpus.articles:
        write(out / "content" / article.lang / "posts" / f"{article.slug}.md",
              hugo_front_matter(article) + article.body)
    return len(corpus.articles)


def hugo_command(site: Path, destination: Path) -> list[str]:
    """The command that builds a converted Hugo site."""
    return ["hugo", "--source", str(site), "--destination", str(destination.resolve()),
            "--quiet"]


# --- Pelican -----------------------------------------------------------------

PELICAN_CONF = '''"""Pelican settings for a site converted by bench/peers.py."""

AUTHOR = {title!r}
SITENAME = {title!r}
SITEURL = {url!r}
PATH = "content"
TIMEZONE = {timezone!r}
DEFAULT_LANG = {lang!r}
DEFAULT_PAGINATION = {pagination}
ARTICLE_TRANSLATION_ID = "translation_key"
STATIC_PATHS = ["images"]
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{{lang}}.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category-{{slug}}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author-{{slug}}.atom.xml"
AUTHOR_FEED_RSS = "feeds/author-{{slug}}.rss.xml"
TAG_FEED_ATOM = "feeds/tag-{{slug}}.atom.xml"
'''


def pelican_config(corpus: Corpus) -> str:
    """pelicanconf.py: default theme, feeds on, translations by translation_key."""
    site = corpus.site
    return PELICAN_CONF.format(
        title=site["title"], url=site["base_url"].rstrip("/"), timezone=site["timezone"],
        lang=site["default_language"], pagination=PAGINATION)


def pelican_date(value: datetime) -> str:
    """A date as Pelican metadata writes it."""
    return value.strftime("%Y-%m-%d %H:%M")


def pelican_metadata(corpus: Corpus, article: Article) -> str:
    """The metadata header of one Pelican Markdown file."""
    meta = article.meta
    names = [str(corpus.authors[a]["name"]) for a in article.authors]
    lines = [f"Title: {meta['headline']}", f"Date: {pelican_date(meta['date'])}"]
    if meta.get("updated"):
        lines.append(f"Modified: {pelican_date(meta['updated'])}")
    lines += [f"Category: {corpus.section_title(meta['sections'][0], article.lang)}",
              f"Tags: {', '.join(meta['tags'])}",
              f"Authors: {', '.join(names)}",
              f"Slug: {article.slug}",
              f"Lang: {article.lang}",
              f"Summary: {meta['dek']}",
              f"Translation_key: {meta['translation_key']}"]
    if article.lang != corpus.languages[0]:
        lines.append("Translation: true")
    return "\n".join(lines) + "\n\n"


def to_pelican(corpus: Corpus, out: Path) -> int:
    """Write a Pelican site for the corpus into out; returns the number of articles."""
    prepare(out)
    write(out / "pelicanconf.py", pelican_config(corpus))
    copy_images(corpus, out / "content" / "images")
    for article in corpus.articles:
        write(out / "content" / article.lang / f"{article.slug}.md",
              pelican_metadata(corpus, article) + article.body)
    return len(corpus.articles)


def pelican_command(site: Path, destination: Path) -> list[str]:
    """The command that builds a converted Pelican site, from any working folder."""
    return ["pelican", str(site / "content"), "-s", str(site / "pelicanconf.py"),
            "-o", str(destination.resolve()), "--quiet"]


# --- command line ------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="site made by corpus.py")
    parser.add_argument("--out", type=Path, required=True, help="folder for the converted site")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--hugo", action="store_true", help="convert to a Hugo site")
    kind.add_argument("--pelican", action="store_true", help="convert to a Pelican site")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a conversion from the command line."""
    args = parse_args(argv)
    corpus = load_corpus(args.corpus)
    convert = to_hugo if args.hugo else to_pelican
    try:
        count = convert(corpus, args.out)
    except ValueError as exc:
        print(f"peers: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {count} articles as a {'Hugo' if args.hugo else 'Pelican'} site into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
