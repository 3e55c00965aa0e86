"""Server-sent events to the open pages, and the hub that hands each one to every page."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.errors import Problem

RETRY_MS = 1000
"""How soon a page tries again after losing the server (the browser's default is ~3 s)."""


@dataclass(frozen=True, slots=True)
class ServerEvent:
    """One message of the event stream: a name and a one-line JSON (or empty) payload."""

    name: str
    """hello, reload, css, error or ok."""
    data: str = ""

    def encode(self) -> bytes:
        """The event in text/event-stream framing."""
        lines = "".join(f"data: {line}\n" for line in self.data.split("\n"))
        return f"event: {self.name}\n{lines}\n".encode()


RELOAD = ServerEvent("reload")
CSS = ServerEvent("css")
OK = ServerEvent("ok")


def hello(build_id: str) -> ServerEvent:
    """First event on every connection: the build the server has now."""
    return ServerEvent("hello", json.dumps({"build": build_id}))


def build_failed(problems: Iterable[Problem]) -> ServerEvent:
    """Every problem of a failed build, for the page's error overlay."""
    listed = [{"file": p.path, "line": p.line, "col": p.col, "message": p.message,
               "hint": p.hint, "severity": p.severity} for p in problems]
    return ServerEvent("error", json.dumps({"problems": listed}))


EventStream = queue.SimpleQueue[ServerEvent | None]
"""Events for one page, in order; None when the hub has closed."""


class EventHub:
    """Hands every event to every open page; tells a page that connects later what it missed.

    A page that connects is told the current build id, then the standing error, if the
    last build failed.
    """

    def __init__(self, build_id: str) -> None:
        self._lock = threading.Lock()
        self._streams: set[EventStream] = set()
        self._build_id = build_id
        self._standing: ServerEvent | None = None
        self._closed = False

    @property
    def build_id(self) -> str:
        return self._build_id

    def subscribe(self) -> EventStream:
        """A new stream, starting with hello and the standing error."""
        stream: EventStream = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                stream.put(None)
                return stream
            stream.put(hello(self._build_id))
            if self._standing is not None:
                stream.put(self._standing)
            self._streams.add(stream)
        return stream

    def unsubscribe(self, stream: EventStream) -> None:
        with self._lock:
            self._streams.discard(stream)

    def publish(self, *events: ServerEvent, build_id: str | None = None) -> None:
        """Send events to every open page; an error stands until an ok follows."""
        with self._lock:
            if build_id is not None:
                self._build_id = build_id
            for event in events:
                if event.name == "error":
                    self._standing = event
                elif event.name == "ok":
                    self._standing = None
                for stream in self._streams:
                    stream.put(event)

    def close(self) -> None:
        """End every stream; later subscribers get a closed stream at once."""
        with self._lock:
            self._closed = True
            for stream in self._streams:
                stream.put(None)
            self._streams.clear()

    @property
    def listeners(self) -> int:
        """Number of open streams."""
        with self._lock:
            return len(self._streams)
