"""Page contexts as the templates show them: the pagination of listing pages."""

from __future__ import annotations

from pathlib import Path

from conftest import SiteWriter, article, build_site, html

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


def test_every_page_of_a_listing_links_every_page_and_marks_itself(
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
