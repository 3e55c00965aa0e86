"""Page contexts as the templates show them: the pagination of listing pages."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import SiteWriter, article, build_site, html
from sitegen.pagination import NEAR, window

ARTICLES = {
    **{f"content/fr/monde/a{n}.md": article(f"Article {n}", date=f"2023-10-{10 + n}T09:00")
       for n in range(5)},
    **{f"content/en/world/a{n}.md": article(f"Story {n}", date=f"2023-10-{10 + n}T09:00")
       for n in range(5)},
}
"""Two listings of three pages each (pagination: 2): what they link to must not mix."""


def pagination(page: Path) -> list[tuple[str, str, bool]]:
    """(number shown, href, is current) of each link in the page's pagination."""
    nav = html(page).select_one("nav.pagination")
    assert nav is not None
    return [(a.get_text(), str(a["href"]), a.get("aria-current") == "page")
            for a in nav.select(".pagination__pages a")]


def test_every_page_of_a_short_listing_links_every_page_and_marks_itself(
        write_site: SiteWriter) -> None:
    root = write_site(ARTICLES)
    build_site(root)
    public = root / "public"
    for listing in ("/monde/", "/en/world/"):
        first = pagination(public / listing.lstrip("/") / "index.html")
        assert first == [("1", listing, True), ("2", f"{listing}page/2/", False),
                         ("3", f"{listing}page/3/", False)]
        for number, href, _ in first[1:]:
            links = pagination(public / href.lstrip("/") / "index.html")
            assert [(n, h) for n, h, _ in links] == [(n, h) for n, h, _ in first]
            assert [n for n, _, current in links if current] == [number]


LONG = {f"content/fr/monde/b{n:02d}.md":
        article(f"Dépêche {n}", date=f"2023-{1 + n // 28:02d}-{1 + n % 28:02d}T09:00")
        for n in range(24)}
"""With the sample site's own article, one listing of thirteen pages (pagination: 2)."""


def shown(page: Path) -> list[str]:
    """The items of the page's pagination as a reader sees them: numbers and gaps."""
    nav = html(page).select_one("nav.pagination .pagination__pages")
    assert nav is not None
    return [li.get_text(strip=True) for li in nav.select("li")]


def test_a_long_listing_links_the_ends_and_the_pages_near_each_page(
        write_site: SiteWriter) -> None:
    root = write_site(LONG)
    build_site(root)
    listing = root / "public/monde"
    assert shown(listing / "index.html") == ["1", "2", "3", "…", "13"]
    assert shown(listing / "page/6/index.html") == ["1", "…", "4", "5", "6", "7", "8", "…",
                                                    "13"]
    assert shown(listing / "page/4/index.html") == ["1", "2", "3", "4", "5", "6", "…", "13"]
    # A gap of a single page (2) shows that page instead.
    assert shown(listing / "page/5/index.html") == ["1", "2", "3", "4", "5", "6", "7", "…",
                                                    "13"]
    assert shown(listing / "page/13/index.html") == ["1", "…", "11", "12", "13"]
    current = html(listing / "page/6/index.html").select(".pagination__pages a[aria-current]")
    assert [(a.get_text(), a["href"]) for a in current] == [("6", "/monde/page/6/")]


@given(st.integers(min_value=1, max_value=400).flatmap(
    lambda count: st.tuples(st.integers(min_value=1, max_value=count), st.just(count))))
def test_window_is_the_ends_and_the_neighbours_with_real_gaps(case: tuple[int, int]) -> None:
    page, page_count = case
    numbers = window(page, page_count)
    pages = [n for n in numbers if n]
    assert pages == sorted(set(pages))
    assert {1, page_count, page} <= set(pages)
    assert set(range(max(1, page - NEAR), min(page_count, page + NEAR) + 1)) <= set(pages)
    for before, after in pairwise(numbers):
        if before and after:
            assert after == before + 1  # pages are left out only where a gap says so
    for before, gap, after in zip(numbers, numbers[1:], numbers[2:], strict=False):
        if gap == 0:
            assert after - before > 2  # a gap always hides two pages or more
    assert numbers[0] == 1 and numbers[-1] == page_count
    assert len(numbers) <= 2 * NEAR + 5  # the same size on every page, however long
