"""Convert a bench/corpus.py site into a Hugo or Pelican site that renders sitegen's site.

    python bench/peers.py --corpus DIR --out DIR2 --hugo
    python bench/peers.py --corpus DIR --out DIR2 --pelican

Then build the result with the commands that hugo_command() and
pelican_peer.pelican_command() return. The Hugo conversion is here, the Pelican one in
pelican_peer.py (with its theme and plugin in bench/pelican/); both share the corpus
reader and the constants below.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
#
# The Hugo site renders what sitegen's theme (templates/) renders from the same corpus,
# page kind by page kind, with Hugo's own means: the same pages (one home per language,
# articles, section, tag and author lists paginated as site.yaml says, the tags index, a
# 404 per language), the same feeds (Atom and RSS per language, Atom per section and per
# author, FEED_ENTRIES entries with summary and full content), sitemaps with every page and
# its language versions, a news sitemap and robots.txt, and on every page the same
# elements (head metadata, Open Graph, JSON-LD, language switcher, sections menu,
# breadcrumb, byline, author cards, related articles, localized dates and strings) in the
# same markup. bench/compare_outputs.py compares the two outputs; bench/README.md says
# what still differs.

FEED_ENTRIES = 20
HOME_LATEST = 8
"""Teasers under the lead story on the home page (sitegen's home.latest default)."""
HOME_PER_SECTION = 3
"""Teasers in each section block of the home page (sitegen's home.per_section default)."""
RELATED = 3
NEWS_DAYS = 2
"""sitegen's news sitemap lists the articles of the two days before the build clock."""
CLOCK = "2026-01-01T00:00:00Z"
"""The build clock bench/run.py gives sitegen; Hugo gets it too (--clock)."""
THEME_STATIC = Path(__file__).resolve().parent.parent / "static"
THEME_FILES = ("css/site.css", "images/favicon.svg", "images/logo.svg")
"""The theme's files that sitegen copies into every output, which Hugo's pages link to."""
ISO = '"2006-01-02T15:04:05-07:00"'
"""Go's layout for an ISO 8601 date with its offset, as sitegen writes them."""

HUGO_LAYOUTS: dict[str, str] = {
    "baseof.html": """<!DOCTYPE html>
{{- $kind := partial "kind.html" . }}
{{- $section := partial "section.html" . }}
{{- /* A further page of a listing is its own canonical URL and language version. */}}
{{- $self := .RelPermalink }}{{ if in (slice "section" "tag" "author") $kind }}{{ $self = .Paginator.URL }}{{ end }}
{{- $canonical := $self | absURL }}
<html lang="{{ site.Language.Lang }}" dir="{{ site.Language.Direction | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{- $title := partial "title.html" (dict "page" . "kind" $kind) }}
{{- $description := partial "description.html" (dict "page" . "kind" $kind) }}
<title>{{ $title }}</title>
<meta name="description" content="{{ $description }}">
<link rel="canonical" href="{{ $canonical }}">
{{- if and .IsTranslated (ne $kind "404") }}
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ if eq .Language.Lang site.Language.Lang }}{{ $canonical }}{{ else }}{{ .Permalink }}{{ end }}">
{{- end }}
{{- range .AllTranslations }}{{ if eq .Language.Lang site.Params.defaultLanguage }}
<link rel="alternate" hreflang="x-default" href="{{ if eq .Language.Lang site.Language.Lang }}{{ $canonical }}{{ else }}{{ .Permalink }}{{ end }}">
{{- end }}{{ end }}
{{- end }}
<link rel="stylesheet" href="/css/site.css">
<link rel="icon" href="/images/favicon.svg" type="image/svg+xml">
{{ partial "meta.html" (dict "page" . "kind" $kind "title" $title "description" $description "canonical" $canonical "section" $section) }}
{{- if eq $kind "404" }}
<meta name="robots" content="noindex">
{{- end }}
</head>
<body class="page-{{ $kind }}">
<a class="skip-link" href="#main">{{ i18n "skip" }}</a>
<header class="masthead">
  <div class="masthead__bar">
{{ partial "lang_switcher.html" (dict "page" . "kind" $kind "self" $self) }}
  </div>
{{ partialCached "masthead.html" (dict "kind" $kind "current" $section) site.Language.Lang $kind $section }}
</header>
<main id="main" class="main">
{{ block "main" . }}{{ end }}
</main>
{{ partialCached "footer.html" . site.Language.Lang }}
</body>
</html>
""",  # noqa: E501
    "_partials/kind.html": """{{- /* sitegen's page kinds: home, article, section, tag, author, tags, 404. */ -}}
{{- $kind := .Kind }}
{{- if eq .Kind "page" }}{{ $kind = "article" }}
{{- else if eq .Kind "term" }}{{ $kind = index (dict "sections" "section" "tags" "tag" "authors" "author") .Data.Plural }}
{{- else if eq .Kind "taxonomy" }}{{ $kind = "tags" }}
{{- end }}
{{- return $kind -}}
""",  # noqa: E501
    "_partials/section.html": """{{- /* The section a page belongs to: its own (a section list) or an article's first. */ -}}
{{- $section := "" }}
{{- if and (eq .Kind "term") (eq .Data.Plural "sections") }}{{ $section = .Data.Term }}
{{- else if .IsPage }}{{ with index (.GetTerms "sections") 0 }}{{ $section = .Data.Term }}{{ end }}
{{- end }}
{{- return $section -}}
""",  # noqa: E501
    "_partials/title.html": """{{- $page := .page }}
{{- $title := site.Title }}
{{- if eq .kind "article" }}{{ $title = printf "%s — %s" $page.Title site.Title }}
{{- else if in (slice "section" "tag" "author") .kind }}
{{- $number := $page.Paginator.PageNumber }}
{{- if gt $number 1 }}{{ $title = printf "%s — %s — %s" $page.Title (i18n "pageN" (dict "number" $number)) site.Title }}
{{- else }}{{ $title = printf "%s — %s" $page.Title site.Title }}{{ end }}
{{- else if eq .kind "tags" }}{{ $title = printf "%s — %s" (i18n "allTopics") site.Title }}
{{- else if eq .kind "404" }}{{ $title = printf "%s — %s" (i18n "notFound") site.Title }}
{{- end }}
{{- return $title -}}
""",  # noqa: E501
    "_partials/description.html": """{{- $page := .page }}
{{- $description := site.Title }}
{{- if eq .kind "article" }}{{ $description = $page.Description | truncate 300 "…" }}
{{- else if eq .kind "section" }}{{ $description = i18n "sectionDescription" (dict "section" $page.Title "site" site.Title) }}
{{- else if eq .kind "tag" }}{{ $description = i18n "topicDescription" (dict "topic" $page.Title) }}
{{- else if eq .kind "author" }}{{ $description = $page.Params.bio | default $page.Title | truncate 200 "…" }}
{{- end }}
{{- return $description -}}
""",  # noqa: E501
    "_partials/meta.html": """{{- $page := .page }}
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .title }}">
<meta property="og:description" content="{{ .description }}">
<meta property="og:url" content="{{ .canonical }}">
<meta property="og:locale" content="{{ site.Params.ogLocale }}">
{{- if ne .kind "404" }}{{ range $page.Translations }}
<meta property="og:locale:alternate" content="{{ .Site.Params.ogLocale }}">
{{- end }}{{ end }}
{{- if eq .kind "article" }}
<meta property="og:type" content="article">
<meta property="article:published_time" content="{{ $page.Date.Format ISO }}">
<meta property="article:modified_time" content="{{ $page.Lastmod.Format ISO }}">
{{- range $page.GetTerms "sections" }}
<meta property="article:section" content="{{ .LinkTitle }}">
{{- end }}
{{- range $page.GetTerms "tags" }}
<meta property="article:tag" content="{{ .LinkTitle }}">
{{- end }}
{{- range $page.GetTerms "authors" }}
<meta property="article:author" content="{{ .Permalink }}">
{{- end }}
{{- else }}
<meta property="og:type" content="website">
{{- end }}
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="{{ .title }}">
<meta name="twitter:description" content="{{ .description }}">
{{- with site.Home.OutputFormats.Get "atom" }}
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }} (Atom)" href="{{ .RelPermalink }}">
{{- end }}
{{- with site.Home.OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" title="{{ site.Title }} (RSS)" href="{{ .RelPermalink }}">
{{- end }}
{{- with .section }}{{ $term := site.GetPage (printf "/sections/%s" .) }}{{ with $term.OutputFormats.Get "atom" }}
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }} — {{ $term.LinkTitle }}" href="{{ .RelPermalink }}">
{{- end }}{{ end }}
{{- if eq .kind "author" }}{{ with $page.OutputFormats.Get "atom" }}
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }} — {{ $page.Title }}" href="{{ .RelPermalink }}">
{{- end }}{{ end }}
{{- if eq .kind "article" }}
<script type="application/ld+json">{{ partial "news_article.html" $page | jsonify | safeJS }}</script>
{{- else if eq .kind "home" }}
<script type="application/ld+json">{{ slice (dict "@context" "https://schema.org" "@type" "WebSite" "name" site.Title "url" site.Home.Permalink "inLanguage" site.Language.Lang) (dict "@context" "https://schema.org" "@type" "Organization" "name" site.Title "url" site.Home.Permalink) | jsonify | safeJS }}</script>
{{- end }}
""",  # noqa: E501
    "_partials/news_article.html": """{{- $authors := slice }}
{{- range .GetTerms "authors" }}{{ $authors = $authors | append (dict "@type" "Person" "name" .LinkTitle "url" .Permalink) }}{{ end }}
{{- $sections := slice }}{{ range .GetTerms "sections" }}{{ $sections = $sections | append .LinkTitle }}{{ end }}
{{- $tags := slice }}{{ range .GetTerms "tags" }}{{ $tags = $tags | append .LinkTitle }}{{ end }}
{{- return dict
  "@context" "https://schema.org" "@type" "NewsArticle"
  "mainEntityOfPage" (dict "@type" "WebPage" "@id" .Permalink)
  "url" .Permalink "headline" .Title "description" .Description
  "datePublished" (.Date.Format ISO) "dateModified" (.Lastmod.Format ISO)
  "inLanguage" .Language.Lang "articleSection" $sections "keywords" $tags "author" $authors
  "publisher" (dict "@type" "Organization" "name" site.Title "url" site.Home.Permalink) -}}
""",  # noqa: E501
    "_partials/lang_switcher.html": """{{- $page := .page }}{{ $kind := .kind -}}
<nav class="lang-switcher" aria-label="{{ i18n "languages" }}">
  <ul class="lang-switcher__list">
    {{- range hugo.Sites }}
    {{- $lang := .Language.Lang }}
    {{- $url := "" }}
    {{- if ne $kind "404" }}{{ range $page.Translations }}{{ if eq .Language.Lang $lang }}{{ $url = .RelPermalink }}{{ end }}{{ end }}{{ end }}
    <li>
      {{- if eq $lang site.Language.Lang }}
      <a href="{{ $.self }}" lang="{{ $lang }}" hreflang="{{ $lang }}" aria-current="page">{{ .Language.Label }}</a>
      {{- else if $url }}
      <a href="{{ $url }}" lang="{{ $lang }}" hreflang="{{ $lang }}" rel="alternate">{{ .Language.Label }}</a>
      {{- else }}
      {{- /* No translation: the tags index for a tag, else the home page, in that language. */}}
      {{- $other := .Home }}{{ if eq $kind "tag" }}{{ $other = .GetPage "/tags" }}{{ else if eq $kind "404" }}{{ $other = .GetPage "/404" }}{{ end }}
      <a href="{{ $other.RelPermalink }}" lang="{{ $lang }}" hreflang="{{ $lang }}">{{ .Language.Label }}</a>
      {{- end }}
    </li>
    {{- end }}
  </ul>
</nav>
""",  # noqa: E501
    "_partials/masthead.html": """  <div class="masthead__brand">
    <a class="masthead__title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
  </div>
<nav class="sections-nav" aria-label="{{ i18n "sections" }}">
  <ul class="sections-nav__list">
    <li><a href="{{ site.Home.RelPermalink }}"{{ if eq .kind "home" }} aria-current="page"{{ end }}>{{ i18n "home" }}</a></li>
    {{- range site.Menus.main }}
    <li><a href="{{ .URL }}"{{ if eq .Identifier $.current }} aria-current="{{ if eq $.kind "section" }}page{{ else }}true{{ end }}"{{ end }}>{{ .Name }}</a></li>
    {{- end }}
  </ul>
</nav>
""",  # noqa: E501
    "_partials/footer.html": """<footer class="site-footer">
  <div class="site-footer__inner">
    <p class="site-footer__title">{{ site.Title }}</p>
    <ul class="site-footer__links">
      <li><a href="{{ (site.GetPage "/tags").RelPermalink }}">{{ i18n "allTopics" }}</a></li>
    </ul>
    <p class="site-footer__note">{{ i18n "footerNote" }}</p>
  </div>
</footer>
""",
    "_partials/teaser.html": """{{- $page := .page }}{{ $level := .level | default 2 }}
<article class="teaser{{ if .lead }} teaser--lead{{ end }}">
  <div class="teaser__body">
    {{- with index ($page.GetTerms "sections") 0 }}
    <p class="teaser__kicker"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>
    {{- end }}
    {{ printf "<h%d class=\\"teaser__title\\">" $level | safeHTML }}<a href="{{ $page.RelPermalink }}">{{ $page.Title }}</a>{{ printf "</h%d>" $level | safeHTML }}
    {{- if .summary }}
    <p class="teaser__summary">{{ $page.Description | truncate 220 "…" }}</p>
    {{- end }}
    <p class="teaser__meta">
      {{ range $index, $author := $page.GetTerms "authors" }}{{ if $index }}, {{ end }}{{ $author.LinkTitle }}{{ end }}
      <span aria-hidden="true">·</span>
      <time datetime="{{ $page.Date.Format ISO }}">{{ $page.Date | time.Format ":date_long" }}</time>
    </p>
  </div>
</article>
""",  # noqa: E501
    "_partials/listing.html": """{{- $pager := .Paginator }}
{{- if $pager.Pages }}
<div class="listing">
{{- range $pager.Pages }}{{ partialCached "teaser.html" (dict "page" . "level" 2 "summary" true) .RelPermalink "2 summary" }}{{ end }}
</div>
{{- partial "pagination.html" $pager }}
{{- else }}
<p class="empty">{{ i18n "noArticles" }}</p>
{{- end }}
""",  # noqa: E501
    "_partials/pagination.html": """{{- /* As sitegen: the first and last pages and two on each side of this one; a gap is
never of a single page. */ -}}
{{- $page := .PageNumber }}{{ $last := .TotalPages }}
{{- if gt $last 1 }}{{ $pagers := .Pagers }}
<nav class="pagination" aria-label="{{ i18n "pagination" }}">
  {{- with .Prev }}
  <a class="pagination__prev" href="{{ .URL }}" rel="prev"><span aria-hidden="true">←</span> {{ i18n "newer" }}</a>
  {{- end }}
  <ol class="pagination__pages">
  {{- $low := cond (gt $page 3) (sub $page 2) 2 }}{{ $high := cond (lt (add $page 2) $last) (add $page 2) (sub $last 1) }}
  {{- $shown := slice 1 }}{{ if le $low $high }}{{ range seq $low $high }}{{ $shown = $shown | append . }}{{ end }}{{ end }}
  {{- $shown = $shown | append $last }}
  {{- $previous := 0 }}
  {{- range $shown }}
    {{- if eq (sub . $previous) 2 }}
    <li><a href="{{ (index $pagers $previous).URL }}">{{ add $previous 1 }}</a></li>
    {{- else if gt (sub . $previous) 2 }}
    <li class="pagination__gap">…</li>
    {{- end }}
    <li><a href="{{ (index $pagers (sub . 1)).URL }}"{{ if eq . $page }} aria-current="page"{{ end }}>{{ . }}</a></li>
    {{- $previous = . }}
  {{- end }}
  </ol>
  {{- with .Next }}
  <a class="pagination__next" href="{{ .URL }}" rel="next">{{ i18n "older" }} <span aria-hidden="true">→</span></a>
  {{- end }}
</nav>
{{- end }}
""",  # noqa: E501
    "_partials/author_card.html": """<aside class="author-card" aria-labelledby="author-card-{{ .Data.Term }}">
  {{- with .Params.avatar }}
  <img class="author-card__avatar" src="{{ . }}" alt="" width="96" height="96">
  {{- end }}
  <div class="author-card__text">
    <p class="author-card__label">{{ i18n "aboutAuthor" }}</p>
    <h2 class="author-card__name" id="author-card-{{ .Data.Term }}"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></h2>
    {{- with .Params.role }}
    <p class="author-card__role">{{ . }}</p>
    {{- end }}
    {{- with .Params.bio }}
    <p class="author-card__bio">{{ . }}</p>
    {{- end }}
  </div>
</aside>
""",  # noqa: E501
    "single.html": """{{ define "main" }}
{{- $authors := .GetTerms "authors" }}{{ $count := len $authors }}
<article class="article">
  <nav class="breadcrumb" aria-label="{{ i18n "breadcrumb" }}">
    <ol>
      <li><a href="{{ site.Home.RelPermalink }}">{{ i18n "home" }}</a></li>
      {{- with index (.GetTerms "sections") 0 }}
      <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
      {{- end }}
    </ol>
  </nav>
  <header class="article__header">
    <h1 class="article__headline">{{ .Title }}</h1>
    {{- with .Description }}
    <p class="article__dek">{{ . }}</p>
    {{- end }}
<div class="byline">
  <p class="byline__authors">
    {{ i18n "by" }}
    {{ range $index, $author := $authors }}
    <a href="{{ .RelPermalink }}" rel="author">{{ .LinkTitle }}</a>
    {{- if lt (add $index 1) $count }}{{ if eq (add $index 2) $count }}{{ i18n "and" }}{{ else }}, {{ end }}{{ end }}
    {{- end }}
  </p>
  <p class="byline__meta">
    <time datetime="{{ .Date.Format ISO }}">{{ .Date | time.Format ":date_full" }}</time>
    <span class="byline__sep" aria-hidden="true">·</span>
    <span class="byline__reading">{{ i18n "minRead" .ReadingTime }}</span>
  </p>
  {{- if not (.Lastmod.Equal .Date) }}
  <p class="byline__updated">
    {{ i18n "updated" }} <time datetime="{{ .Lastmod.Format ISO }}">{{ .Lastmod | time.Format ":date_long" }}, {{ .Lastmod | time.Format ":time_short" }}</time>
  </p>
  {{- end }}
</div>
  </header>
  <div class="article__body">
{{ .Content }}
  </div>
  {{- with .GetTerms "tags" }}
  <div class="article__tags">
    <h2 class="visually-hidden">{{ i18n "topics" }}</h2>
    <ul class="tag-list">
{{ range . }}<li><a href="{{ .RelPermalink }}" rel="tag">{{ .LinkTitle }}</a></li>{{ end }}
    </ul>
  </div>
  {{- end }}
  {{- with .Translations }}
<aside class="translations" aria-labelledby="translations-title">
  <h2 class="translations__title" id="translations-title">{{ i18n "readIn" }}</h2>
  <ul>
    {{- range . }}
    <li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}" rel="alternate">{{ .Language.Label }}</a></li>
    {{- end }}
  </ul>
</aside>
  {{- end }}
{{ range $authors }}{{ partialCached "author_card.html" . .RelPermalink }}{{ end }}
<section class="comments" id="comments" aria-labelledby="comments-title">
  <h2 class="comments__title" id="comments-title">{{ i18n "commentsTitle" }}</h2>
  <p class="comments__text">{{ i18n "commentsText" }}</p>
</section>
</article>
{{- with site.RegularPages.Related . | first RELATED }}
<section class="related" aria-labelledby="related-title">
  <h2 class="section-heading" id="related-title">{{ i18n "readAlso" }}</h2>
  <div class="teaser-grid teaser-grid--compact">
{{- range . }}{{ partialCached "teaser.html" (dict "page" . "level" 3) .RelPermalink "3" }}{{ end }}
  </div>
</section>
{{- end }}
{{ end }}
""",  # noqa: E501
    "home.html": """{{ define "main" }}
{{- $latest := first (add HOME_LATEST 1) site.RegularPages }}
<h1 class="visually-hidden">{{ site.Title }} — {{ i18n "frontPage" }}</h1>
{{- with index $latest 0 }}
<section class="front" aria-labelledby="front-title">
  <h2 class="section-heading" id="front-title">{{ i18n "topStory" }}</h2>
  {{ partialCached "teaser.html" (dict "page" . "level" 3 "lead" true "summary" true) .RelPermalink "3 lead summary" }}
</section>
{{- end }}
{{- with after 1 $latest }}
<section class="latest" aria-labelledby="latest-title">
  <h2 class="section-heading" id="latest-title">{{ i18n "latest" }}</h2>
  <div class="teaser-grid">
{{- range . }}{{ partialCached "teaser.html" (dict "page" . "level" 3 "summary" true) .RelPermalink "3 summary" }}{{ end }}
  </div>
</section>
{{- end }}
{{- range $index, $entry := site.Menus.main }}{{ with $entry.Page }}{{ with first HOME_PER_SECTION .Pages }}
<section class="section-block" aria-labelledby="block-{{ add $index 1 }}">
  <h2 class="section-heading" id="block-{{ add $index 1 }}"><a href="{{ $entry.URL }}">{{ $entry.Name }}</a></h2>
  <div class="teaser-grid teaser-grid--compact">
{{- range . }}{{ partialCached "teaser.html" (dict "page" . "level" 3) .RelPermalink "3" }}{{ end }}
  </div>
</section>
{{- end }}{{ end }}{{ end }}
{{- if not $latest }}
<p class="empty">{{ i18n "noArticles" }}</p>
{{- end }}
{{ end }}
""",  # noqa: E501
    "term.html": """{{ define "main" }}
{{- if eq .Data.Plural "authors" }}
<header class="listing-header listing-header--author">
  {{- with .Params.avatar }}
  <img class="listing-header__avatar" src="{{ . }}" alt="" width="120" height="120">
  {{- end }}
  <div>
    <h1 class="listing-header__title">{{ .Title }}</h1>
    {{- with .Params.role }}
    <p class="listing-header__role">{{ . }}</p>
    {{- end }}
    {{- with .Params.bio }}
    <p class="listing-header__bio">{{ . }}</p>
    {{- end }}
  </div>
</header>
{{- else if eq .Data.Plural "tags" }}
<header class="listing-header">
  <p class="listing-header__kicker"><a href="{{ .Parent.RelPermalink }}">{{ i18n "topic" }}</a></p>
  <h1 class="listing-header__title">{{ .Title }}</h1>
</header>
{{- else }}
<header class="listing-header">
  <h1 class="listing-header__title">{{ .Title }}</h1>
</header>
{{- end }}
{{ partial "listing.html" . }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<header class="listing-header">
  <h1 class="listing-header__title">{{ i18n "allTopics" }}</h1>
</header>
{{- with .Data.Terms.Alphabetical }}
<ul class="tag-cloud">
  {{- range . }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="tag-cloud__count">{{ i18n "articleCount" .Count }}</span></li>
  {{- end }}
</ul>
{{- else }}
<p class="empty">{{ i18n "noTopics" }}</p>
{{- end }}
{{ end }}
""",  # noqa: E501
    "404.html": """{{ define "main" }}
<div class="not-found">
  <h1>{{ i18n "notFound" }}</h1>
  <p>{{ i18n "notFoundText" }}</p>
  <p><a class="button" href="{{ site.Home.RelPermalink }}">{{ i18n "backHome" }}</a></p>
</div>
{{ end }}
""",
    "_partials/feedentry.xml": """<entry>
<title>{{ .Title }}</title>
<link rel="alternate" href="{{ .Permalink }}" type="text/html"/>
<id>tag:{{ site.Params.host }},{{ .Date.Format "2006-01-02" }}:{{ .TranslationKey }}/{{ .Language.Lang }}</id>
<published>{{ .Date.Format ISO | safeHTML }}</published>
<updated>{{ .Lastmod.Format ISO | safeHTML }}</updated>
{{- range .GetTerms "authors" }}
<author>
<name>{{ .LinkTitle }}</name>
<uri>{{ .Permalink }}</uri>
</author>
{{- end }}
{{- range .GetTerms "sections" }}
<category term="{{ .LinkTitle }}" label="{{ .LinkTitle }}" scheme="{{ .Permalink }}"/>
{{- end }}
{{- range .GetTerms "tags" }}
<category term="{{ .LinkTitle }}" label="{{ .LinkTitle }}" scheme="{{ .Permalink }}"/>
{{- end }}
<summary type="text">{{ .Description }}</summary>
<content type="html">{{ .Content | transform.XMLEscape | safeHTML }}</content>
</entry>
""",  # noqa: E501
    "_partials/atomfeed.xml": """{{- $page := .page -}}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ site.Language.Lang }}">
<title>{{ .title }}</title>
{{- with $page.OutputFormats.Get "atom" }}
<id>{{ .Permalink }}</id>
<link rel="self" href="{{ .Permalink }}" type="application/atom+xml"/>
{{- end }}
<link rel="alternate" href="{{ $page.Permalink }}" type="text/html"/>
<updated>{{ $page.Lastmod.Format ISO | safeHTML }}</updated>
<generator>Hugo</generator>
{{- range first site.Config.Services.RSS.Limit .pages }}
{{ partial "feedentry.xml" . }}
{{- end }}
</feed>
""",
    "home.atom.xml": """{{ partial "atomfeed.xml" (dict "page" . "title" site.Title "pages" site.RegularPages) }}
""",  # noqa: E501
    "term.atom.xml": """{{ partial "atomfeed.xml" (dict "page" . "title" (printf "%s — %s" site.Title .Title) "pages" .Pages) }}
""",  # noqa: E501
    "home.rss.xml": """{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Title }}</description>
<language>{{ site.Language.Lang }}</language>
<lastBuildDate>{{ .Lastmod.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</lastBuildDate>
<generator>Hugo</generator>
{{- with .OutputFormats.Get "rss" }}
<atom:link rel="self" href="{{ .Permalink }}" type="application/rss+xml"/>
{{- end }}
{{- range first site.Config.Services.RSS.Limit site.RegularPages }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid isPermaLink="false">tag:{{ site.Params.host }},{{ .Date.Format "2006-01-02" }}:{{ .TranslationKey }}/{{ .Language.Lang }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
{{- range .GetTerms "authors" }}
<dc:creator>{{ .LinkTitle }}</dc:creator>
{{- end }}
{{- range .GetTerms "sections" }}
<category>{{ .LinkTitle }}</category>
{{- end }}
{{- range .GetTerms "tags" }}
<category>{{ .LinkTitle }}</category>
{{- end }}
<description>{{ .Description }}</description>
<content:encoded>{{ .Content | transform.XMLEscape | safeHTML }}</content:encoded>
</item>
{{- end }}
</channel>
</rss>
""",  # noqa: E501
    "home.newssitemap.xml": """{{- /* Articles of every language published in the NEWS_DAYS days before the build
clock (hugo --clock), newest first, as sitegen's news-sitemap.xml. */ -}}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{{- $since := now.AddDate 0 0 (sub 0 NEWS_DAYS) }}
{{- $recent := slice }}
{{- range hugo.Sites }}{{ range .RegularPages }}{{ if lt .Date $since }}{{ break }}{{ end }}{{ $recent = $recent | append . }}{{ end }}{{ end }}
{{- range sort $recent "Date" "desc" }}
<url>
<loc>{{ .Permalink }}</loc>
<news:news>
<news:publication>
<news:name>{{ site.Title }}</news:name>
<news:language>{{ .Language.Lang }}</news:language>
</news:publication>
<news:publication_date>{{ .Date.Format ISO | safeHTML }}</news:publication_date>
<news:title>{{ .Title }}</news:title>
</news:news>
</url>
{{- end }}
</urlset>
""",  # noqa: E501
    "sitemap.xml": """{{- /* As sitegen's sitemap: every page but the 404, further pages of listings
included, with its language versions and x-default. Hugo writes one per language and a
sitemap index. */ -}}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{{- $size := site.Params.pagerSize }}
{{- range .Pages }}{{ $kind := partial "kind.html" . }}{{ if ne $kind "404" }}
{{- partial "sitemap_url.html" (dict "page" . "url" .Permalink "lastmod" .Lastmod) }}
{{- if and (in (slice "section" "tag" "author") $kind) (gt (len .Pages) $size) }}
{{- $page := . }}{{ $pages := .Pages }}
{{- range seq 2 (div (add (len $pages) (sub $size 1)) $size) }}
{{- partial "sitemap_url.html" (dict "page" $page "url" (printf "%spage/%d/" $page.Permalink .) "lastmod" (index $pages (mul (sub . 1) $size)).Date) }}
{{- end }}
{{- end }}
{{- end }}{{ end }}
</urlset>
""",  # noqa: E501
    "_partials/sitemap_url.html": """<url>
<loc>{{ .url }}</loc>
<lastmod>{{ .lastmod.Format ISO | safeHTML }}</lastmod>
{{- if .page.IsTranslated }}
{{- range .page.AllTranslations }}
<xhtml:link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ if eq .Language.Lang site.Language.Lang }}{{ $.url }}{{ else }}{{ .Permalink }}{{ end }}"/>
{{- end }}
{{- range .page.AllTranslations }}{{ if eq .Language.Lang site.Params.defaultLanguage }}
<xhtml:link rel="alternate" hreflang="x-default" href="{{ if eq .Language.Lang site.Language.Lang }}{{ $.url }}{{ else }}{{ .Permalink }}{{ end }}"/>
{{- end }}{{ end }}
{{- end }}
</url>
""",  # noqa: E501
    "robots.txt": """User-agent: *
Allow: /

Sitemap: {{ "sitemap.xml" | absURL }}
Sitemap: {{ "news-sitemap.xml" | absURL }}
""",
}
"""Hugo layouts, named as in Hugo's template system (0.146 and later)."""

for _name, _text in HUGO_LAYOUTS.items():
    HUGO_LAYOUTS[_name] = (_text.replace("ISO", ISO).replace("RELATED", str(RELATED))
                           .replace("HOME_LATEST", str(HOME_LATEST))
                           .replace("HOME_PER_SECTION", str(HOME_PER_SECTION))
                           .replace("NEWS_DAYS", str(NEWS_DAYS)))

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


def locale_folder(corpus: Corpus) -> Path | None:
    """sitegen's catalogs: the corpus's templates, else the repository's."""
    for folder in (corpus.root / "templates" / "locales",
                   Path(__file__).resolve().parent.parent / "templates" / "locales"):
        if folder.is_dir():
            return folder
    return None


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
    menus, one Hugo language per corpus language."""
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
    for name, text in HUGO_LAYOUTS.items():
        write(out / "layouts" / name, text)
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
    if args.hugo:
        convert = to_hugo
    else:
        from pelican_peer import to_pelican as convert  # it imports this module
    try:
        count = convert(corpus, args.out)
    except ValueError as exc:
        print(f"peers: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {count} articles as a {'Hugo' if args.hugo else 'Pelican'} site into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
