"""Which file of the output folder a request path names, and how to send it; no sockets here."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

NOT_FOUND_PAGE = "404.html"
TEXT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".xml": "application/xml", ".txt": "text/plain",
    ".svg": "image/svg+xml", ".json": "application/json",
    ".webmanifest": "application/manifest+json",
}
"""Types the site writes as UTF-8 text; named here so no system MIME table can change them."""


@dataclass(frozen=True, slots=True)
class Found:
    """A file to send."""

    path: Path


@dataclass(frozen=True, slots=True)
class Redirect:
    """A folder asked for without its trailing slash."""

    location: str


@dataclass(frozen=True, slots=True)
class Refused:
    """A path that could name something outside the output folder."""


@dataclass(frozen=True, slots=True)
class Missing:
    """Nothing there; page is the site's 404 page for the path's language, if it has one."""

    page: Path | None


Lookup = Found | Redirect | Refused | Missing


def look_up(root: Path, target: str, languages: Sequence[str] = ()) -> Lookup:
    """What the request target (path and query) names inside root.

    languages are the folders of languages not served at the root, such as 'en'.
    Raises FileNotFoundError when root itself is missing: a build is swapping it.
    """
    raw_path, _, query = target.partition("#")[0].partition("?")
    segments = url_segments(raw_path)
    if segments is None:
        return Refused()
    base = os.path.realpath(root)
    if not os.path.isdir(base):
        raise FileNotFoundError(base)
    real = os.path.realpath(os.path.join(base, *segments))
    if not _inside(real, base):
        return Refused()
    if os.path.isdir(real):
        if not raw_path.endswith("/"):
            return Redirect(raw_path + "/" + (f"?{query}" if query else ""))
        real = os.path.realpath(os.path.join(real, "index.html"))
        if not _inside(real, base):
            return Refused()
    if os.path.isfile(real):
        return Found(Path(real))
    return Missing(not_found_page(base, segments, languages))


def url_segments(raw_path: str) -> tuple[str, ...] | None:
    """The decoded folder and file names of a URL path; None when it must be refused."""
    if not raw_path.startswith("/") or raw_path.startswith("//"):
        return None  # '//host/x' is another host's path; anything else is not a path
    if any(ord(char) <= 32 or char == "\x7f" for char in raw_path):
        return None
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in path or "\x00" in path:
        return None
    segments = path[1:].split("/")
    if segments[-1] == "":
        segments.pop()  # the trailing slash of a folder, or the root itself
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    return tuple(segments)


def not_found_page(base: str, segments: Sequence[str], languages: Sequence[str]) -> Path | None:
    """The 404 page of the language the path's first segment names, else the root one."""
    folders = [segments[0]] if segments and segments[0] in languages else []
    folders += ["", *languages]  # the root's page, or any language's when there is none
    for folder in folders:
        page = os.path.realpath(os.path.join(base, folder, NOT_FOUND_PAGE))
        if _inside(page, base) and os.path.isfile(page):
            return Path(page)
    return None


def content_type(path: Path) -> str:
    """Content-Type header of a file, with charset=utf-8 for the text types."""
    suffix = path.suffix.lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def is_html(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def inject_client(html: bytes, tag: bytes) -> bytes:
    """html with tag just before its last </body>, or at its end when it has none."""
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def _inside(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)
