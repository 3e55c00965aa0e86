"""The preview server over real HTTP: only the output folder, the site's 404s, live reload."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.serve.events import RELOAD, EventHub
from sitegen.serve.server import CLIENT_URL, EVENTS_URL, PreviewServer

SECRET = "do-not-serve"


def page(title: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head>"
            f"<body><h1>{title}</h1></body></html>\n")


FILES = {
    "index.html": page("Accueil"),
    "404.html": page("Page introuvable"),
    "en/404.html": page("Page not found"),
    "en/index.html": page("Home"),
    "monde/index.html": page("Monde"),
    "css/site.css": "h1 { color: red; }\n",
    "feed.xml": "<?xml version='1.0'?><feed/>\n",
    "robots.txt": "User-agent: *\n",
    "images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
    "data.json": "{}\n",
}


@dataclass(frozen=True)
class Served:
    port: int
    out: Path
    hub: EventHub


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def html(self) -> BeautifulSoup:
        return BeautifulSoup(self.body.decode("utf-8"), "html5lib")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    out = tmp_path / "out"
    for relative, text in FILES.items():
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_text(text, encoding="utf-8")
    (tmp_path / "site.yaml").write_text(SECRET)
    (tmp_path / "secret.txt").write_text(SECRET)
    (out / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (out / "up").symlink_to(tmp_path)
    hub = EventHub("build-1")
    server = PreviewServer("127.0.0.1", 0, out, hub)
    server.languages = ("en", "da")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,))
    thread.start()
    yield Served(server.port, out, hub)
    server.shutdown()
    hub.close()
    server.server_close()
    thread.join()


def fetch(served: Served, path: str, method: str = "GET") -> Answer:
    """Send path exactly as written, as an attacker would (no client-side normalising)."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        body = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        connection.close()


@pytest.mark.parametrize("path", [
    "/../site.yaml", "/%2e%2e/site.yaml", "/%2e%2e/x", "/..%2fsite.yaml", "//etc/passwd",
    "/\\..\\site.yaml", "/%5c..%5csite.yaml", "/index.html%00.css", "/leak.txt",
    "/up/secret.txt", "/up/site.yaml",
])
def test_paths_leaving_the_output_folder_are_refused(served: Served, path: str) -> None:
    answer = fetch(served, path)
    assert answer.status in (403, 404)
    assert SECRET.encode() not in answer.body


def test_missing_page_gets_the_404_page_of_its_language(served: Served) -> None:
    answer = fetch(served, "/en/nope/")
    assert answer.status == 404
    assert answer.html().h1.get_text() == "Page not found"


@pytest.mark.parametrize("path", ["/nope", "/monde/nope/", "/da/nope/", "/xx/nope"])
def test_missing_page_without_a_language_404_gets_the_root_one(served: Served, path: str) -> None:
    answer = fetch(served, path)
    assert answer.status == 404
    assert answer.html().h1.get_text() == "Page introuvable"


def test_404_page_carries_the_live_reload_client(served: Served) -> None:
    answer = fetch(served, "/en/nope/")
    assert answer.html().select(f'script[src="{CLIENT_URL}"]')


@pytest.mark.parametrize("path, expected", [
    ("/", "text/html; charset=utf-8"), ("/css/site.css", "text/css; charset=utf-8"),
    ("/feed.xml", "application/xml; charset=utf-8"), ("/robots.txt", "text/plain; charset=utf-8"),
    ("/images/logo.svg", "image/svg+xml; charset=utf-8"),
    ("/data.json", "application/json; charset=utf-8"),
    (CLIENT_URL, "text/javascript; charset=utf-8"),
])
def test_content_type_and_charset(served: Served, path: str, expected: str) -> None:
    answer = fetch(served, path)
    assert (answer.status, answer.headers["content-type"]) == (200, expected)


@pytest.mark.parametrize("path", ["/", "/css/site.css", "/en/nope/"])
def test_head_has_the_length_of_get_and_no_body(served: Served, path: str) -> None:
    head, get = fetch(served, path, "HEAD"), fetch(served, path)
    assert head.body == b""
    assert head.status == get.status
    assert int(head.headers["content-length"]) == len(get.body) > 0


def test_folder_without_trailing_slash_redirects(served: Served) -> None:
    answer = fetch(served, "/monde")
    assert (answer.status, answer.headers["location"]) == (301, "/monde/")
    assert fetch(served, "/monde?page=2").headers["location"] == "/monde/?page=2"


def test_client_is_injected_as_served_and_never_written(served: Served) -> None:
    answer = fetch(served, "/monde/")
    scripts = answer.html().body.select(f'script[src="{CLIENT_URL}"]')
    assert [s["data-sitegen-build"] for s in scripts] == ["build-1"]
    assert int(answer.headers["content-length"]) == len(answer.body)
    on_disk = BeautifulSoup((served.out / "monde/index.html").read_text(), "html5lib")
    assert on_disk.select("script") == []
    assert answer.html().h1.get_text() == "Monde"


def test_non_html_is_served_byte_for_byte(served: Served) -> None:
    assert fetch(served, "/css/site.css").body == (served.out / "css/site.css").read_bytes()


def test_every_answer_forbids_caching(served: Served) -> None:
    assert fetch(served, "/css/site.css").headers["cache-control"] == "no-store"


def test_event_stream_says_hello_then_relays_published_events(served: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    connection.request("GET", EVENTS_URL)
    response = connection.getresponse()
    assert response.getheader("content-type") == "text/event-stream; charset=utf-8"
    assert read_event(response) == ("hello", '{"build": "build-1"}')
    served.hub.publish(RELOAD)
    assert read_event(response) == ("reload", "")
    served.hub.close()
    assert response.read() == b""  # the stream ends when the hub closes
    connection.close()


def read_event(response: http.client.HTTPResponse) -> tuple[str, str]:
    """The next named event of a stream, skipping retry lines and comments."""
    fields: dict[str, str] = {}
    while True:
        line = response.readline().decode().rstrip("\n")
        if not line and "event" in fields:
            return fields["event"], fields.get("data", "")
        name, _, value = line.partition(": ")
        if name in ("event", "data"):
            fields[name] = value


def test_twenty_concurrent_requests_all_succeed_beside_an_open_stream(served: Served) -> None:
    stream = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    stream.request("GET", EVENTS_URL)
    stream.getresponse()
    paths = ["/", "/monde/", "/css/site.css", "/en/", "/feed.xml"] * 4
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda path: fetch(served, path), paths))
    assert [a.status for a in answers] == [200] * 20
    assert {a.body for a in answers if a.headers["content-type"].startswith("text/css")} == {
        (served.out / "css/site.css").read_bytes()}
    stream.close()
