"""Read-only views handed to templates: every URL and per-language text resolved."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from markupsafe import Markup

from sitegen.fragments import Fragments
from sitegen.links import resolve_references
from sitegen.markup import reading_minutes
from sitegen.model import Article, Author, AuthorLink, Heading
from sitegen.site import Site
from sitegen.slug import tag_slug
from sitegen.urls import Urls


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class ImageView:
    url: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True, slots=True)
class AuthorView:
    """An author as shown in one language: byline, card and author page."""

    id: str
    name: str
    role: str
    bio: str
    avatar: str
    """URL of the avatar image, empty when there is none."""
    url: str
    links: tuple[AuthorLink, ...]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article as templates see it."""

    source: str
    lang: str
    url: str
    headline: str
    dek: str
    summary: str
    date: datetime
    updated: datetime | None
    reading_minutes: int
    body_html: bytes
    """The body as parsed (UTF-8), links to other articles still placeholders: show body."""
    headings: tuple[Heading, ...]
    image: ImageView | None
    sections: tuple[Link, ...]
    tags: tuple[Link, ...]
    authors: tuple[AuthorView, ...]
    comments: bool
    draft: bool
    translation_key: str
    scheduled: bool = False
    """Shown in preview before its publication time."""
    untranslated_from: str = ""
    """Set on the stand-in shown in another language: the original's language code."""
    link_url: Callable[[str], str | None] = field(
        default=lambda target: None, compare=False, repr=False)
    """URL of a linked article (by source), None when it does not exist."""

    @property
    def body(self) -> Markup:
        """The body, links resolved. Worked out on each use, not kept: most views only
        feed teasers and listings, and a large archive's bodies would fill each worker."""
        return Markup(resolve_references(self.body_html.decode("utf-8"), self.link_url))


class Views:
    """Builds views once per article and author, reused on every page that shows them."""

    def __init__(self, site: Site, urls: Urls, status: tuple[Any, ...] = ()) -> None:
        self.site = site
        self.urls = urls
        self.status = status
        """Translation status per language, for the editors' report page."""
        self._articles: dict[str, ArticleView] = {}
        self._authors: dict[tuple[str, str], AuthorView] = {}
        self._stand_ins: dict[tuple[str, str], ArticleView] = {}
        self._links: dict[tuple[str, str, str], Link] = {}
        """("section" or "tag", id or name, language) -> link: the same few on every page."""
        self._reads: list[str] | None = None
        self.fragments = Fragments()
        """Rendered teasers and {% cache %} blocks, shared by every page of this build."""

    def patched(self, site: Site, changed: Collection[str]) -> Views:
        """Views of site, which differs from this one's only in the content of the changed
        articles (not in their URLs or indexes): every other cached view is kept."""
        fresh = Views(site, self.urls, self.status)
        stale = {view.url for source, view in self._articles.items() if source in changed}
        stale |= {view.url for key, view in self._stand_ins.items() if key[0] in changed}
        fresh._articles = {s: v for s, v in self._articles.items() if s not in changed}
        fresh._stand_ins = {k: v for k, v in self._stand_ins.items() if k[0] not in changed}
        fresh._authors = dict(self._authors)
        fresh._links = self._links  # they depend on the configuration alone
        fresh.fragments = self.fragments.patched(stale)
        return fresh

    def start_reading(self) -> None:
        """Begin recording which articles the page being rendered reads."""
        self._reads = []

    def stop_reading(self) -> tuple[str, ...]:
        reads, self._reads = tuple(self._reads or ()), None
        return reads

    def article(self, source: str) -> ArticleView:
        if self._reads is not None:
            self._reads.append(source)
        view = self._articles.get(source)
        if view is None:
            view = self._articles[source] = self._article_view(self.site.articles[source])
        return view

    def url_of(self, source: str) -> str:
        """URL of an article, recorded as read like article() but without building a view."""
        if self._reads is not None:
            self._reads.append(source)
        view = self._articles.get(source)
        return view.url if view else self.urls.article(self.site.articles[source])

    def articles(self, sources: tuple[str, ...] | list[str]) -> list[ArticleView]:
        return [self.article(s) for s in sources]

    def in_language(self, source: str, lang: str) -> ArticleView:
        """The article as shown in lang: itself, or its untranslated stand-in there."""
        original = self.article(source)
        if original.lang == lang:
            return original
        key = (source, lang)
        view = self._stand_ins.get(key)
        if view is None:
            article = self.site.articles[source]
            view = self._stand_ins[key] = replace(
                original,
                url=self.urls.article(article, lang=lang),
                sections=tuple(self.section_link(s, lang) for s in article.sections),
                authors=tuple(self.author(a, lang) for a in article.authors),
                untranslated_from=article.lang,
            )
        return view

    def listing(self, sources: tuple[str, ...], lang: str) -> list[ArticleView]:
        return [self.in_language(s, lang) for s in sources]

    def author(self, author_id: str, lang: str) -> AuthorView:
        key = (author_id, lang)
        view = self._authors.get(key)
        if view is None:
            view = self._authors[key] = self._author_view(self.site.authors[author_id], lang)
        return view

    def section_link(self, section_id: str, lang: str) -> Link:
        key = ("section", section_id, lang)
        link = self._links.get(key)
        if link is None:
            section = self.site.config.sections[section_id]
            link = self._links[key] = Link(section.title(lang), self.urls.section(lang, section_id))
        return link

    def _article_view(self, article: Article) -> ArticleView:
        lang = article.lang
        image = article.image
        return ArticleView(
            source=article.source,
            lang=lang,
            url=self.urls.article(article),
            headline=article.headline,
            dek=article.dek,
            summary=article.summary,
            date=article.date,
            updated=article.updated,
            reading_minutes=reading_minutes(article.word_count),
            body_html=article.body_html,
            headings=article.headings,
            image=ImageView(self.urls.static(image.src), image.alt, image.caption, image.credit)
            if image else None,
            sections=tuple(self.section_link(s, lang) for s in article.sections),
            tags=tuple(self._tag_link(t, lang) for t in article.tags),
            authors=tuple(self.author(a, lang) for a in article.authors),
            comments=article.comments and self.site.config.comments.enabled,
            draft=article.draft,
            translation_key=article.translation_key,
            scheduled=article.visible_from > self.site.clock,
            link_url=lambda target: self._link_url(target, lang),
        )

    def _link_url(self, target: str, lang: str) -> str | None:
        """URL of a linked article, in lang when it has a translation there."""
        article = self.site.articles.get(target)
        if article is None:
            return None
        translated = self.site.translations_of(article).get(lang, target)
        return self.urls.article(self.site.articles[translated])

    def _tag_link(self, tag: str, lang: str) -> Link:
        key = ("tag", tag, lang)
        link = self._links.get(key)
        if link is None:
            link = self._links[key] = Link(tag, self.urls.tag(lang, tag_slug(tag)))
        return link

    def _author_view(self, author: Author, lang: str) -> AuthorView:
        default = self.site.config.default_language
        return AuthorView(
            id=author.id,
            name=author.name,
            role=author.role(lang, default),
            bio=author.bio(lang, default),
            avatar=self.urls.static(author.avatar) if author.avatar else "",
            url=self.urls.author(lang, author.id),
            links=author.links,
        )
