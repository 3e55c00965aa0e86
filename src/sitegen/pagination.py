"""The pagination of listing pages: which pages a page links to, and where.

A listing page links to a window of pages, not to every page: the first and the last, and
those near itself. Linking every page from every page made a listing's HTML grow with the
square of its length: a section of 5,000 articles had 500 pages of 500 links each.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sitegen.routes import Route
from sitegen.urls import paginated
from sitegen.views import Link

NEAR = 2
"""Pages shown on each side of the current one."""


@dataclass(frozen=True, slots=True)
class PageLink:
    """One page of a listing, as the pagination links to it."""

    number: int
    url: str


@dataclass(frozen=True, slots=True)
class Pagination:
    page: int
    page_count: int
    prev_url: str
    next_url: str
    window: tuple[PageLink | None, ...]
    """The pages to link: the first, the last and those near this one; None marks pages
    left out between two of them."""
    pages: tuple[Link, ...]
    """Every page, text being its number: for themes that list them all."""


def pagination_of(route: Route) -> Pagination | None:
    """The pagination of a listing route (section, author, tag); None for other pages."""
    if route.kind not in ("section", "author", "tag"):
        return None
    first = route.url if route.page == 1 else route.url.rsplit("page/", 1)[0]
    return Pagination(
        page=route.page,
        page_count=route.page_count,
        prev_url=paginated(first, route.page - 1) if route.page > 1 else "",
        next_url=paginated(first, route.page + 1) if route.page < route.page_count else "",
        window=tuple(PageLink(n, paginated(first, n)) if n else None
                     for n in window(route.page, route.page_count)),
        pages=_every_page(first, route.page_count),
    )


def window(page: int, page_count: int) -> tuple[int, ...]:
    """The page numbers to link from page, 0 standing for a gap.

    A gap is never of a single page: that page is shown instead of the ellipsis, which
    would take as much room.
    """
    shown = sorted({1, page_count, *range(max(1, page - NEAR), min(page_count, page + NEAR) + 1)})
    numbers: list[int] = []
    for number in shown:
        previous = numbers[-1] if numbers else 0
        if number - previous == 2:
            numbers.append(previous + 1)
        elif number - previous > 2:
            numbers.append(0)
        numbers.append(number)
    return tuple(numbers)


@functools.lru_cache(maxsize=1024)
def _every_page(first: str, page_count: int) -> tuple[Link, ...]:
    """Links to every page of a listing: the same for each of its pages, so made once."""
    return tuple(Link(str(n), paginated(first, n)) for n in range(1, page_count + 1))
