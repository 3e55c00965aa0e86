"""plan_routes: every page of the site, with output paths checked for collisions."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from sitegen.errors import Problem, raise_if_errors
from sitegen.pickling import pickled_by_fields
from sitegen.site import Site, newest_first
from sitegen.urls import Urls, paginated

STATUS_PATH = "_status/"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Route:
    """One output page: where it goes and what it shows."""

    url: str
    output: str
    """Output file relative to the output folder."""
    kind: str
    """home, article, section, tag, tags, author or 404."""
    lang: str
    subject: str = ""
    """Source path (article), section id, tag slug or author id."""
    items: tuple[str, ...] = ()
    """Source paths of the articles listed on this page."""
    page: int = 1
    page_count: int = 1
    origin: str = ""
    """What produced this page, named in collision errors."""
    origin_line: int | None = None


def plan_routes(site: Site, urls: Urls) -> tuple[Route, ...]:
    """All pages of all languages; raise BuildError when two claim one output path."""
    routes = [route for lang in site.config.languages for route in _routes_for(site, urls,
                                                                                  lang.code)]
    raise_if_errors(_collisions(routes))
    return tuple(routes)


def _routes_for(site: Site, urls: Urls, lang: str) -> Iterator[Route]:
    latest = site.by_lang.get(lang, ())
    yield _route(urls, urls.home(lang), "home", lang, items=latest, origin=f"home ({lang})")
    for source in latest:
        article = site.articles[source]
        yield _route(urls, urls.article(article), "article", lang, subject=source,
                     origin=source, origin_line=article.slug_line)
    for section_id in site.config.sections:
        untranslated = site.fallbacks.get((lang, section_id), ())
        for source in untranslated:
            yield _route(urls, urls.article(site.articles[source], lang=lang), "fallback",
                         lang, subject=source, origin=f"{source} (untranslated, {lang})")
        items = _merge_newest_first(site, site.by_section.get((lang, section_id), ()),
                                    untranslated)
        yield from _listing(urls, urls.section(lang, section_id), "section", lang, section_id,
                            items, site.config.pagination)
    for author_id in site.authors:
        yield from _listing(urls, urls.author(lang, author_id), "author", lang, author_id,
                            site.by_author.get((lang, author_id), ()), site.config.pagination)
    tag_slugs = sorted(slug for (tag_lang, slug) in site.by_tag if tag_lang == lang)
    for tag_slug in tag_slugs:
        yield from _listing(urls, urls.tag(lang, tag_slug), "tag", lang, tag_slug,
                            site.by_tag[(lang, tag_slug)], site.config.pagination)
    yield _route(urls, urls.tags(lang), "tags", lang, origin=f"tag index ({lang})")
    yield _route(urls, urls.not_found(lang), "404", lang, origin=f"404 page ({lang})")
    if site.config.status_page and lang == site.config.default_language:
        yield _route(urls, urls.home(lang) + STATUS_PATH, "status", lang,
                     origin="translation status page")


def _merge_newest_first(site: Site, listed: tuple[str, ...],
                        untranslated: tuple[str, ...]) -> tuple[str, ...]:
    """A section's own articles with the untranslated ones shown there, newest first."""
    if not untranslated:
        return listed
    return tuple(sorted(listed + untranslated, key=lambda s: newest_first(site.articles[s])))


def _listing(
    urls: Urls, first: str, kind: str, lang: str, subject: str, items: tuple[str, ...],
    size: int,
) -> Iterator[Route]:
    count = max(1, math.ceil(len(items) / size))
    for number in range(1, count + 1):
        yield _route(
            urls, paginated(first, number), kind, lang, subject=subject,
            items=items[(number - 1) * size: number * size], page=number, page_count=count,
            origin=f"{kind} {subject!r} ({lang}) page {number}",
        )


def _route(urls: Urls, url: str, kind: str, lang: str, **fields: object) -> Route:
    return Route(url=url, output=urls.output_path(url), kind=kind, lang=lang, **fields)  # type: ignore[arg-type]


def _collisions(routes: list[Route]) -> list[Problem]:
    claimed: dict[str, Route] = {}
    problems: list[Problem] = []
    for route in routes:
        earlier = claimed.setdefault(route.output, route)
        if earlier is not route:
            first = f"{earlier.origin}:{earlier.origin_line}" if earlier.origin_line else (
                earlier.origin)
            problems.append(Problem(
                route.origin, route.origin_line,
                f"the URL {route.url} is also claimed by {first}",
                "give one of the two another 'slug' or section",
            ))
    return problems
