"""The preview HTTP server: the output folder as a site, plus the live-reload event stream.

It knows nothing about building: something else rebuilds the folder and publishes events.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from sitegen.serve.events import RETRY_MS, EventHub
from sitegen.serve.files import (
    Found,
    Lookup,
    Missing,
    Redirect,
    content_type,
    inject_client,
    is_html,
    look_up,
)

PREFIX = "/__sitegen/"
EVENTS_URL = PREFIX + "events"
CLIENT_URL = PREFIX + "client.js"
KEEP_ALIVE = 10.0
"""Seconds between comments on an idle event stream, to notice pages that went away."""
SWAP_RETRIES = 50
JOIN_SECONDS = 5.0
FALLBACK_404 = (b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title>"
                b"</head><body><h1>Not found</h1><p>This page is not in the built site."
                b"</p></body></html>\n")
"""Shown when the site has no 404 page yet, for instance while its first build fails."""


@dataclass(frozen=True, slots=True)
class Response:
    status: HTTPStatus
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""


def client_script() -> bytes:
    """The live-reload script pages load from /__sitegen/client.js."""
    return resources.files("sitegen.serve").joinpath("client.js").read_bytes()


class PreviewServer(ThreadingHTTPServer):
    """Serves root, a folder that may be swapped for a new build at any moment."""

    request_queue_size = 64  # socketserver's 5 drops connections when a page loads its assets

    def __init__(self, host: str, port: int, root: Path, hub: EventHub) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.root = root
        self.hub = hub
        self.languages: Sequence[str] = ()
        """Folders of the languages that have one, for their 404 pages; set after builds."""
        self.client = client_script()
        self._requests: dict[threading.Thread, socket.socket] = {}
        super().__init__((host, port), PreviewHandler)  # binds; calls server_close on failure

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def process_request(self, request: socket.socket | tuple[bytes, socket.socket],
                        client_address: Any) -> None:
        """One daemon thread per request, remembered so that server_close() can end it."""
        assert isinstance(request, socket.socket)
        thread = threading.Thread(target=self.process_request_thread,
                                  args=(request, client_address), daemon=True,
                                  name="sitegen-serve-request")
        # Only the serving thread calls this, so the pruning cannot race with itself.
        self._requests = {t: s for t, s in self._requests.items() if t.is_alive()}
        self._requests[thread] = request
        thread.start()

    def server_close(self) -> None:
        """Stop listening, cut every connection still open and wait for its thread."""
        super().server_close()
        running, self._requests = self._requests, {}
        for request in running.values():
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RDWR)
        for thread in running:
            thread.join(JOIN_SECONDS)

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket],
                     client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the page went away mid-answer: nothing to report
        super().handle_error(request, client_address)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "sitegen-preview"
    timeout = 30.0
    """Seconds a connection may stall; ends threads of pages that went away mid-request."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # writers want build problems in the terminal, not a request log

    def _answer(self, *, send_body: bool) -> None:
        path = self.path.partition("?")[0]
        if path == EVENTS_URL:
            self._stream_events(send_body=send_body)
            return
        if path == CLIENT_URL:
            response = _ok(self.server.client, "text/javascript; charset=utf-8")
        else:
            response = self._site_response()
        self._send(response, send_body=send_body)

    def _site_response(self) -> Response:
        build_id = self.server.hub.build_id  # before reading: a newer build must reload the page
        tag = (f'<script src="{CLIENT_URL}" data-sitegen-build="{build_id}"></script>'
               ).encode()
        for _ in range(SWAP_RETRIES):
            try:
                found = look_up(self.server.root, self.path, self.server.languages)
                return _response(found, tag)
            except FileNotFoundError:
                time.sleep(0.01)  # the folder is being swapped for a new build
        return _response(Missing(None), tag)

    def _send(self, response: Response, *, send_body: bool) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def _stream_events(self, *, send_body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not send_body:
            return
        stream = self.server.hub.subscribe()
        try:
            self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
            while True:
                try:
                    event = stream.get(timeout=KEEP_ALIVE)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    continue
                if event is None:
                    return
                self.wfile.write(event.encode())
        except ConnectionError:
            return
        finally:
            self.server.hub.unsubscribe(stream)


def _response(found: Lookup, tag: bytes) -> Response:
    """The answer to a lookup; HTML gets the client tag as it is sent, never on disk."""
    if isinstance(found, Redirect):
        return Response(HTTPStatus.MOVED_PERMANENTLY, (("Location", found.location),))
    if isinstance(found, Found):
        body = found.path.read_bytes()
        if is_html(found.path):
            body = inject_client(body, tag)
        return _ok(body, content_type(found.path))
    if isinstance(found, Missing):
        body = found.page.read_bytes() if found.page else FALLBACK_404
        return Response(HTTPStatus.NOT_FOUND, (("Content-Type", "text/html; charset=utf-8"),),
                        inject_client(body, tag))
    return Response(HTTPStatus.FORBIDDEN, (("Content-Type", "text/plain; charset=utf-8"),),
                    b"403 forbidden: outside the site\n")


def _ok(body: bytes, kind: str) -> Response:
    return Response(HTTPStatus.OK, (("Content-Type", kind),), body)
