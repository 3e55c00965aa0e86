"""The demo in real Chromium: layout at desktop and phone widths, and axe accessibility."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from conftest import SiteWriter, build_site
from demo import build_demo, serve_folder
from test_demo import SEED
from test_pages import LONG

PAGES = ["", SEED, "en/", "da/", "ar/", "monde/", "sujets/", "auteurs/chloe/", "404.html",
         "_status/", "ar/" + SEED.replace("monde/", "alam/"), "en/world/"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    public = build_demo(tmp_path_factory.mktemp("demo") / "public")
    with serve_folder(public) as url:
        yield url



@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(browser: Browser, base_url: str, path: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/{path}")
    results = Axe().run(page)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    page.close()
    assert violations == []


@pytest.mark.parametrize("width", [1280, 390])
def test_article_layout_fits_the_viewport(browser: Browser, base_url: str, width: int,
                                          tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{base_url}/{SEED}")
    page.screenshot(path=str(tmp_path / f"article-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    column = page.locator(".article__body").bounding_box()
    assert column is not None and column["width"] <= 42 * 17 + 1  # readable measure
    avatar = page.locator(".author-card__avatar")
    assert avatar.evaluate("e => getComputedStyle(e).borderRadius") == "50%"
    card = page.locator(".author-card").evaluate("e => getComputedStyle(e).borderTopStyle")
    assert card == "solid"
    page.close()


def test_right_to_left_page_mirrors_the_layout(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/ar/")
    switcher = page.locator(".lang-switcher").bounding_box()
    assert switcher is not None and switcher["x"] < 640  # start edge is on the left in RTL
    page.close()


def test_a_long_listing_pagination_fits_a_phone_and_passes_axe(
        browser: Browser, write_site: SiteWriter) -> None:
    root = write_site(LONG)
    build_site(root)
    with serve_folder(root / "public") as url:
        page = browser.new_page(viewport={"width": 320, "height": 800})
        page.goto(f"{url}/monde/page/9/")  # 1 … 7 8 9 10 11 12 13: two-digit numbers
        assert page.locator(".pagination__gap").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        results = Axe().run(page)
        page.close()
    assert [v["id"] for v in results.response["violations"]] == []
