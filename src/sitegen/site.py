"""assemble_site: published articles indexed by language, section, tag, author and story."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sitegen.config import SiteConfig
from sitegen.errors import Problem, raise_if_errors
from sitegen.model import Article, Author
from sitegen.related import related_articles
from sitegen.slug import tag_slug

LangKey = tuple[str, str]
"""(language, id) pair indexing listings."""


@dataclass(frozen=True, slots=True)
class Visibility:
    """The editorial clock: which articles a build publishes."""

    clock: datetime
    drafts: bool = False
    future: bool = False

    def shows(self, article: Article) -> bool:
        if article.draft and not self.drafts:
            return False
        if article.visible_from > self.clock and not self.future:
            return False
        return not (article.expire_at is not None and article.expire_at <= self.clock)


def editorial_state(article: Article, clock: datetime) -> str:
    """draft, scheduled, expired or published, as the clock sees the article."""
    if article.draft:
        return "draft"
    if article.visible_from > clock:
        return "scheduled"
    if article.expire_at is not None and article.expire_at <= clock:
        return "expired"
    return "published"


def next_change(articles: Iterable[Article], clock: datetime) -> datetime | None:
    """The next moment after clock at which a publication or expiry changes the site."""
    moments = [m for a in articles if not a.draft
               for m in (a.visible_from, a.expire_at) if m is not None and m > clock]
    return min(moments, default=None)


@dataclass(frozen=True, slots=True)
class Site:
    """The published site: articles and their relations, all as keys."""

    config: SiteConfig
    articles: Mapping[str, Article]
    """Source path -> article, for every published article."""
    authors: Mapping[str, Author]
    by_lang: Mapping[str, tuple[str, ...]]
    """Language -> source paths, newest first."""
    by_section: Mapping[LangKey, tuple[str, ...]]
    by_tag: Mapping[LangKey, tuple[str, ...]]
    """(language, tag slug) -> source paths, newest first."""
    tag_names: Mapping[LangKey, str]
    by_author: Mapping[LangKey, tuple[str, ...]]
    translations: Mapping[str, Mapping[str, str]]
    """Translation key -> language -> source path."""
    related: Mapping[str, tuple[str, ...]]
    clock: datetime
    """The build clock the site was assembled at."""
    fallbacks: Mapping[LangKey, tuple[str, ...]] = field(default_factory=dict)
    """(language, section) -> originals shown there untranslated, with a notice; newest
    first."""
    hidden: tuple[Article, ...] = ()
    """Articles the editorial clock left out, for reports."""

    @property
    def next_change(self) -> datetime | None:
        return next_change(list(self.articles.values()) + list(self.hidden), self.clock)

    def listing(self, sources: Iterable[str]) -> list[Article]:
        return [self.articles[s] for s in sources]

    def translations_of(self, article: Article) -> Mapping[str, str]:
        return self.translations.get(article.translation_key, {})


def newest_first(article: Article) -> tuple[float, str]:
    return (-article.date.timestamp(), article.source)


def assemble_site(
    articles: Iterable[Article],
    authors: Mapping[str, Author],
    config: SiteConfig,
    visibility: Visibility,
    jobs: int = 1,
) -> Site:
    """Link translations and build every index; raise on conflicting translation keys.

    jobs: worker processes the related articles of a large archive may be found in.
    """
    every = sorted(articles, key=newest_first)
    published = [a for a in every if visibility.shows(a)]
    translations = _link_translations(published)
    by_tag, tag_names = _index_tags(published)
    by_section = _group(published, lambda a: [(a.lang, s) for s in a.sections])
    return Site(
        config=config,
        articles={a.source: a for a in published},
        authors=authors,
        by_lang=_group(published, lambda a: [a.lang]),
        by_section=by_section,
        by_tag=by_tag,
        tag_names=tag_names,
        by_author=_group(published, lambda a: [(a.lang, x) for x in a.authors]),
        translations=translations,
        related=related_articles(published, by_tag, by_section, jobs),
        clock=visibility.clock,
        fallbacks=_fallbacks(published, translations, config),
        hidden=tuple(a for a in every if not visibility.shows(a)),
    )


def check_translation_keys(articles: Iterable[Article]) -> list[Problem]:
    """Two articles of one language may not share a translation key."""
    seen: dict[tuple[str, str], Article] = {}
    problems: list[Problem] = []
    for article in sorted(articles, key=lambda a: a.source):
        key = (article.lang, article.translation_key)
        if key in seen:
            first = seen[key]
            problems.append(Problem(
                article.source, article.translation_key_line,
                f"translation_key {article.translation_key!r} is already used by "
                f"{first.source} (line {first.translation_key_line}) in language "
                f"{article.lang!r}",
                "give each language version of a story the same key, and each story its own"))
        else:
            seen[key] = article
    return problems


def _link_translations(articles: list[Article]) -> dict[str, dict[str, str]]:
    raise_if_errors(check_translation_keys(articles))
    linked: dict[str, dict[str, str]] = defaultdict(dict)
    for article in sorted(articles, key=lambda a: a.source):
        linked[article.translation_key][article.lang] = article.source
    return dict(linked)


def original_of(versions: Mapping[str, str], by_source: Mapping[str, Article],
                default: str) -> str:
    """The version others translate: the default language's, else the earliest."""
    if default in versions:
        return versions[default]
    return min(versions.values(), key=lambda s: (by_source[s].date, s))


def _fallbacks(articles: list[Article], translations: Mapping[str, Mapping[str, str]],
               config: SiteConfig) -> dict[LangKey, tuple[str, ...]]:
    by_source = {a.source: a for a in articles}
    shown: dict[LangKey, list[Article]] = defaultdict(list)
    for versions in translations.values():
        original = by_source[original_of(versions, by_source, config.default_language)]
        if config.fallback_of(original.sections[0]) != "notice":
            continue
        for lang in config.languages:
            if lang.code not in versions:
                shown[(lang.code, original.sections[0])].append(original)
    return {key: tuple(a.source for a in sorted(items, key=newest_first))
            for key, items in shown.items()}


def _group(articles: list[Article], keys_of: object) -> dict:  # type: ignore[type-arg]
    groups: dict[object, list[str]] = defaultdict(list)
    for article in articles:
        for key in keys_of(article):  # type: ignore[operator]
            groups[key].append(article.source)
    return {key: tuple(sources) for key, sources in groups.items()}


def _index_tags(articles: list[Article]) -> tuple[dict[LangKey, tuple[str, ...]],
                                                   dict[LangKey, str]]:
    groups: dict[LangKey, list[str]] = defaultdict(list)
    names: dict[LangKey, str] = {}
    for article in articles:
        for tag in article.tags:
            key = (article.lang, tag_slug(tag))
            groups[key].append(article.source)
            names.setdefault(key, tag)
    return {k: tuple(v) for k, v in groups.items()}, names
