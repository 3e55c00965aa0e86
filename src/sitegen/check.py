"""Checks beyond the schema: links between articles, fragments, images, reachability."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitegen.errors import Problem
from sitegen.model import Article
from sitegen.routes import Route
from sitegen.site import Site

LISTING_KINDS = frozenset({"home", "section", "tag", "author"})


def link_problems(site: Site) -> list[Problem]:
    """Links written as source paths must point at an article that exists and is published."""
    published = site.articles
    hidden = {a.source for a in site.hidden}
    problems = []
    for article in published.values():
        for link in article.links:
            if not link.article or link.target in published:
                continue
            if link.target in hidden:
                problems.append(Problem(article.source, link.line,
                                        f"link to {link.written!r} points at an article that "
                                        "is not published (draft, scheduled or expired)",
                                        "publish it first, or remove the link",
                                        severity="warning"))
            else:
                problems.append(Problem(article.source, link.line,
                                        f"link to a missing file {link.written!r}",
                                        f"no article at {link.target}; check the path"))
    return problems


def deep_problems(site: Site, routes: Iterable[Route], static: Path) -> list[Problem]:
    """What `sitegen check` adds: fragments, images and alt text, reachable articles."""
    problems: list[Problem] = []
    for article in site.articles.values():
        problems.extend(_fragment_problems(article, site))
        problems.extend(_image_problems(article, static))
    listed = {source for route in routes if route.kind in LISTING_KINDS
              for source in route.items}
    problems.extend(Problem(source, 1, "the article is not listed on any page",
                            "give it a section that appears in site.yaml")
                    for source in site.articles if source not in listed)
    return problems


def _fragment_problems(article: Article, site: Site) -> Iterator[Problem]:
    for link in article.links:
        if not link.fragment or link.image:
            continue
        if link.article:
            target = site.articles.get(link.target)
        elif not urlsplit(link.target).path:
            target = article
        else:
            continue
        if target is None:
            continue
        ids = {heading.id for heading in target.headings}
        if link.fragment not in ids:
            yield Problem(article.source, link.line,
                          f"no subheading with the anchor #{link.fragment} in {target.source}",
                          f"known anchors: {', '.join(sorted(ids)) or 'none'}")


def _image_problems(article: Article, static: Path) -> Iterator[Problem]:
    sources = [(link.target, link.alt, link.line) for link in article.links if link.image]
    if article.image:
        sources.append((article.image.src, article.image.alt, article.image.line))
    for src, alt, line in sources:
        parts = urlsplit(src)
        if not parts.scheme and not parts.netloc:
            path = static / unquote(parts.path).lstrip("/")
            if not path.resolve().is_relative_to(static.resolve()) or not path.is_file():
                yield Problem(article.source, line, f"image {src!r} does not exist",
                              f"put the file at static/{unquote(parts.path).lstrip('/')}")
        if not alt.strip():
            yield Problem(article.source, line, f"image {src!r} has no alt text",
                          "describe what the picture shows, for readers who cannot see it")
