"""A whole preview session on a real site: save, rebuild, and only then the reload."""

from __future__ import annotations

import http.client
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, SiteWriter, article
from sitegen.project import Project
from sitegen.serve.server import CLIENT_URL, EVENTS_URL
from sitegen.serve.session import PreviewSession, PreviewSettings, display_url
from sitegen.serve.watch import Quiet
from test_serve_server import read_event

ARTICLE = "content/fr/monde/missiles.md"
ARTICLE_URL = "/monde/des-missiles-frappent-une-base/"
SETTINGS = PreviewSettings(port=0, quiet=Quiet(after=0.05, longest=1.0))


@pytest.fixture
def site(write_site: SiteWriter) -> Path:
    root = write_site()
    shutil.copytree(REPO / "static", root / "static")
    return root


def start(root: Path, out: Path) -> tuple[PreviewSession, io.StringIO]:
    console = io.StringIO()
    session = PreviewSession(Project(root), out, SETTINGS, console=console)
    session.start()
    return session, console


@pytest.fixture
def session(site: Path, tmp_path: Path) -> Iterator[PreviewSession]:
    before = set(threading.enumerate())
    running, _ = start(site, tmp_path / "out")
    yield running
    running.stop()
    assert set(threading.enumerate()) - before == set()


def get(session: PreviewSession, path: str) -> tuple[int, BeautifulSoup]:
    connection = http.client.HTTPConnection("127.0.0.1", session.server.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    soup = BeautifulSoup(response.read().decode(), "html5lib")
    connection.close()
    return response.status, soup


def events(session: PreviewSession) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", session.server.port, timeout=20)
    connection.request("GET", EVENTS_URL)
    return connection.getresponse()


def test_saved_article_is_rebuilt_before_the_page_is_told_to_reload(
        session: PreviewSession, site: Path) -> None:
    stream = events(session)
    assert read_event(stream)[0] == "hello"
    (site / ARTICLE).write_text(article("Des missiles frappent une base",
                                        extra="translation_key: missiles\n",
                                        body="Un paragraphe tout neuf.\n"), encoding="utf-8")
    assert read_event(stream)[0] == "reload"
    status, page = get(session, ARTICLE_URL)  # asked the moment the event came
    assert status == 200
    assert page.select_one(".article__body").get_text(strip=True) == "Un paragraphe tout neuf."


def test_template_change_is_rebuilt_before_the_reload(session: PreviewSession,
                                                     site: Path) -> None:
    stream = events(session)
    assert read_event(stream)[0] == "hello"
    template = site / "templates/404.html"
    template.write_text(template.read_text().replace(
        "{% block main %}", '{% block main %}<p id="fresh-template">new</p>', 1))
    assert read_event(stream)[0] == "reload"
    status, page = get(session, "/nope/")
    assert status == 404
    assert page.select_one("#fresh-template") is not None


def test_output_files_never_contain_the_client(session: PreviewSession, tmp_path: Path) -> None:
    _, served = get(session, ARTICLE_URL)
    assert served.select(f'script[src="{CLIENT_URL}"]')
    on_disk = (tmp_path / "out" / ARTICLE_URL.strip("/") / "index.html").read_text()
    assert CLIENT_URL not in on_disk


def test_links_point_at_the_preview_not_the_production_site(session: PreviewSession) -> None:
    _, page = get(session, ARTICLE_URL)
    assert page.select_one('link[rel="canonical"]')["href"] == (
        f"http://127.0.0.1:{session.server.port}{ARTICLE_URL}")


def test_broken_site_is_served_with_its_error_and_recovers(site: Path, tmp_path: Path) -> None:
    good = (site / ARTICLE).read_text()
    (site / ARTICLE).write_text(good.replace("date: 2023-10-19T18:40:00", "date: pas-une-date"))
    session, console = start(site, tmp_path / "out")
    try:
        status, page = get(session, ARTICLE_URL)
        assert status == 404 and page.select(f'script[src="{CLIENT_URL}"]')
        stream = events(session)
        assert read_event(stream)[0] == "hello"
        assert read_event(stream)[0] == "error"
        assert f"{ARTICLE}:5:1: error: bad 'date'" in console.getvalue()
        (site / ARTICLE).write_text(good)
        assert [read_event(stream)[0], read_event(stream)[0]] == ["ok", "reload"]
        assert get(session, ARTICLE_URL)[0] == 200
    finally:
        session.stop()


def test_stop_ends_every_thread_even_with_pages_listening(site: Path, tmp_path: Path) -> None:
    before = set(threading.enumerate())
    session, _ = start(site, tmp_path / "out")
    streams = [events(session) for _ in range(3)]
    assert all(read_event(stream)[0] == "hello" for stream in streams)
    session.stop()
    assert all(stream.read() == b"" for stream in streams)
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=10)
    assert set(threading.enumerate()) - before == set()


@pytest.mark.parametrize("host, url", [
    ("127.0.0.1", "http://127.0.0.1:8000/"), ("0.0.0.0", "http://127.0.0.1:8000/"),
    ("::1", "http://[::1]:8000/"), ("localhost", "http://localhost:8000/"),
])
def test_display_url(host: str, url: str) -> None:
    assert display_url(host, 8000) == url
