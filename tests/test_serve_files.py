"""Request paths to output files, content types and the injected client tag; no sockets."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.serve.files import (
    Found,
    Missing,
    Redirect,
    Refused,
    content_type,
    inject_client,
    look_up,
    url_segments,
)

TAG = b'<script src="/__sitegen/client.js"></script>'


@pytest.mark.parametrize("path, segments", [
    ("/", ()), ("/monde/", ("monde",)), ("/monde", ("monde",)),
    ("/css/site.css", ("css", "site.css")), ("/%C3%A9t%C3%A9/", ("été",)),
    ("/a%2Fb", ("a", "b")),
])
def test_url_segments_decode_the_path(path: str, segments: tuple[str, ...]) -> None:
    assert url_segments(path) == segments


@pytest.mark.parametrize("path", [
    "/../site.yaml", "/%2e%2e/x", "/%2E%2E/x", "/..%2fx", "/monde/../../x", "//etc/passwd",
    "/\\..\\site.yaml", "/%5c..%5csite.yaml", "/x%00.html", "/./x", "/a//b", "etc/passwd",
    "/%ff", "/a b",
])
def test_url_segments_refuse_what_could_leave_the_folder(path: str) -> None:
    assert url_segments(path) is None


@pytest.fixture
def out(tmp_path: Path) -> Path:
    root = tmp_path / "out"
    for relative in ("index.html", "404.html", "en/404.html", "monde/index.html", "a.css"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(relative)
    (tmp_path / "secret.txt").write_text("secret")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (root / "outside").symlink_to(tmp_path)
    (root / "alias.css").symlink_to(root / "a.css")
    return root


def test_look_up_finds_files_and_folder_indexes(out: Path) -> None:
    assert look_up(out, "/a.css?v=1") == Found((out / "a.css").resolve())
    assert look_up(out, "/monde/") == Found((out / "monde/index.html").resolve())
    assert look_up(out, "/") == Found((out / "index.html").resolve())


def test_look_up_redirects_folders_to_their_slash_form_keeping_the_query(out: Path) -> None:
    assert look_up(out, "/monde") == Redirect("/monde/")
    assert look_up(out, "/monde?page=2") == Redirect("/monde/?page=2")


def test_look_up_refuses_symlinks_out_of_the_folder_but_follows_those_inside(out: Path) -> None:
    assert look_up(out, "/leak.txt") == Refused()
    assert look_up(out, "/outside/secret.txt") == Refused()
    assert look_up(out, "/alias.css") == Found((out / "a.css").resolve())


def test_missing_paths_get_the_404_page_of_their_language(out: Path) -> None:
    assert look_up(out, "/en/nope/", ["en", "da"]) == Missing((out / "en/404.html").resolve())
    assert look_up(out, "/da/nope/", ["en", "da"]) == Missing((out / "404.html").resolve())
    assert look_up(out, "/nope", ["en", "da"]) == Missing((out / "404.html").resolve())
    assert look_up(out, "/en/nope/") == Missing((out / "404.html").resolve())


def test_missing_root_404_falls_back_to_a_language_one(out: Path) -> None:
    (out / "404.html").unlink()
    assert look_up(out, "/nope", ["en"]) == Missing((out / "en/404.html").resolve())
    (out / "en/404.html").unlink()
    assert look_up(out, "/nope", ["en"]) == Missing(None)


def test_missing_output_folder_is_a_swap_in_progress(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        look_up(tmp_path / "gone", "/")


@pytest.mark.parametrize("name, expected", [
    ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
    ("a.js", "text/javascript; charset=utf-8"), ("feed.xml", "application/xml; charset=utf-8"),
    ("robots.txt", "text/plain; charset=utf-8"), ("a.svg", "image/svg+xml; charset=utf-8"),
    ("a.json", "application/json; charset=utf-8"), ("a.png", "image/png"),
    ("a.unknownext", "application/octet-stream"),
])
def test_content_type(name: str, expected: str) -> None:
    assert content_type(Path(name)) == expected


def test_client_tag_goes_before_the_last_closing_body() -> None:
    html = b"<html><body><p>a</p><!-- </body> --></BODY></html>"
    assert inject_client(html, TAG) == (b"<html><body><p>a</p><!-- </body> -->" + TAG
                                        + b"</BODY></html>")


def test_client_tag_is_appended_to_html_without_body_end() -> None:
    assert inject_client(b"<p>fragment", TAG) == b"<p>fragment" + TAG
