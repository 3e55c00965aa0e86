"""Live preview in real headless Chromium: saves show up in the open tab by themselves."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import REPO, SiteWriter, article
from sitegen.project import Project
from sitegen.serve.session import PreviewSession, PreviewSettings
from sitegen.serve.watch import Quiet

ARTICLE = "content/fr/monde/missiles.md"
ARTICLE_URL = "monde/des-missiles-frappent-une-base/"
OVERLAY = "#sitegen-error-overlay"
WAIT_MS = 15_000
QUIET = Quiet(after=0.05, longest=1.0)


def article_text(body: str, date: str = "2023-10-19T18:40:00") -> str:
    return article("Des missiles frappent une base", date=date,
                   extra="translation_key: missiles\n", body=body)



@pytest.fixture
def site(write_site: SiteWriter) -> Path:
    root = write_site({ARTICLE: article_text("Le premier paragraphe.\n\n" * 30)})
    shutil.copytree(REPO / "static", root / "static")
    return root


def start(site: Path, out: Path, port: int = 0) -> PreviewSession:
    settings = PreviewSettings(port=port, quiet=QUIET)
    session = PreviewSession(Project(site), out, settings, console=io.StringIO())
    session.start()
    return session


@pytest.fixture
def session(site: Path, tmp_path: Path) -> Iterator[PreviewSession]:
    running = start(site, tmp_path / "out")
    yield running
    running.stop()


@pytest.fixture
def page(browser: Browser, session: PreviewSession) -> Iterator[Page]:
    tab = browser.new_page(viewport={"width": 800, "height": 400})
    tab.goto(session.url + ARTICLE_URL)
    wait_for_listener(session)
    yield tab
    tab.close()


def body_text(page: Page) -> str:
    return page.locator(".article__body").inner_text()


def wait_for_listener(session: PreviewSession) -> None:
    """Wait until the page listens, so that no save is made before it can hear of it."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while session.hub.listeners == 0:
        assert time.monotonic() < deadline, "the page never opened the event stream"
        time.sleep(0.01)


def test_saved_article_appears_in_the_same_tab_at_the_same_scroll(page: Page, site: Path) -> None:
    page.evaluate("window.scrollTo(0, 150)")
    loaded_at = page.evaluate("performance.timeOrigin")
    (site / ARTICLE).write_text(article_text("Un paragraphe tout neuf.\n\n" * 30), "utf-8")
    expect(page.locator(".article__body")).to_contain_text("Un paragraphe tout neuf.",
                                                           timeout=WAIT_MS)
    assert page.evaluate("performance.timeOrigin") != loaded_at  # reloaded by itself...
    assert page.url.endswith(ARTICLE_URL)  # ...in place
    page.wait_for_function("() => window.scrollY === 150", timeout=WAIT_MS)


def test_stylesheet_change_applies_without_navigation(page: Page, site: Path) -> None:
    page.evaluate("window.__marker = 1")
    with (site / "static/css/site.css").open("a", encoding="utf-8") as css:
        css.write("\nh1 { color: rgb(1, 2, 3) !important; }\n")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'",
        timeout=WAIT_MS)
    assert page.evaluate("window.__marker") == 1
    assert page.locator('link[rel="stylesheet"]').count() == 1


def test_broken_front_matter_shows_an_overlay_until_fixed(page: Page, site: Path) -> None:
    (site / ARTICLE).write_text(article_text("Cassé.\n", date="pas-une-date"), "utf-8")
    overlay = page.locator(f'{OVERLAY}[role="alert"]')
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_contain_text(f"{ARTICLE}:5")
    expect(overlay).to_contain_text("bad 'date'")
    assert "Le premier paragraphe." in body_text(page)  # the last good build, underneath
    (site / ARTICLE).write_text(article_text("Réparé.\n"), "utf-8")
    expect(page.locator(".article__body")).to_have_text("Réparé.", timeout=WAIT_MS)
    expect(page.locator(OVERLAY)).to_have_count(0)


def test_page_opened_while_broken_shows_the_overlay(browser: Browser, session: PreviewSession,
                                                     site: Path) -> None:
    stream = session.hub.subscribe()
    (site / ARTICLE).write_text(article_text("Cassé.\n", date="pas-une-date"), "utf-8")
    while (event := stream.get(timeout=WAIT_MS / 1000)) is not None and event.name != "error":
        pass
    tab = browser.new_page()
    tab.goto(session.url + ARTICLE_URL)
    expect(tab.locator(OVERLAY)).to_contain_text(f"{ARTICLE}:5", timeout=WAIT_MS)
    tab.close()


def test_page_reloads_when_it_reconnects_to_a_restarted_server(
        browser: Browser, site: Path, tmp_path: Path) -> None:
    first = start(site, tmp_path / "first")
    tab = browser.new_page()
    try:
        tab.goto(first.url + ARTICLE_URL)
        wait_for_listener(first)
    finally:
        first.stop()
    (site / ARTICLE).write_text(article_text("Écrit pendant la pause.\n"), "utf-8")
    second = start(site, tmp_path / "second", port=first.server.port)
    try:
        expect(tab.locator(".article__body")).to_have_text("Écrit pendant la pause.",
                                                           timeout=WAIT_MS)
    finally:
        tab.close()
        second.stop()
