"""Event framing and the hub: every page gets every event; late pages learn what stands."""

from __future__ import annotations

import json
import queue

from sitegen.errors import Problem
from sitegen.serve.events import CSS, OK, RELOAD, EventHub, ServerEvent, build_failed, hello


def drain(stream: queue.SimpleQueue[ServerEvent | None]) -> list[ServerEvent | None]:
    items = []
    while not stream.empty():
        items.append(stream.get_nowait())
    return items


def test_event_is_framed_for_text_event_stream() -> None:
    assert ServerEvent("reload").encode() == b"event: reload\ndata: \n\n"
    assert ServerEvent("x", "a\nb").encode() == b"event: x\ndata: a\ndata: b\n\n"


def test_error_event_lists_file_line_and_message_of_every_problem() -> None:
    event = build_failed([Problem("content/fr/a.md", 5, "bad 'date'", "write ISO 8601", 1),
                          Problem("site.yaml", None, "site.yaml is missing")])
    data = json.loads(event.data)
    assert event.name == "error"
    assert [(p["file"], p["line"], p["message"]) for p in data["problems"]] == [
        ("content/fr/a.md", 5, "bad 'date'"), ("site.yaml", None, "site.yaml is missing")]
    assert "\n" not in event.data


def test_every_subscriber_gets_hello_then_every_event() -> None:
    hub = EventHub("s-1")
    first, second = hub.subscribe(), hub.subscribe()
    hub.publish(CSS, build_id="s-2")
    assert drain(first) == drain(second) == [hello("s-1"), CSS]
    assert drain(hub.subscribe()) == [hello("s-2")]


def test_a_page_connecting_while_the_build_is_broken_gets_the_error() -> None:
    hub = EventHub("s-1")
    error = build_failed([Problem("a.md", 1, "bad")])
    hub.publish(error)
    assert drain(hub.subscribe()) == [hello("s-1"), error]
    hub.publish(OK, RELOAD, build_id="s-2")
    assert drain(hub.subscribe()) == [hello("s-2")]


def test_closing_ends_every_stream_and_later_ones_at_once() -> None:
    hub = EventHub("s-1")
    stream = hub.subscribe()
    hub.close()
    assert drain(stream) == [hello("s-1"), None]
    assert drain(hub.subscribe()) == [None]
    assert hub.listeners == 0


def test_unsubscribed_stream_gets_nothing_more() -> None:
    hub = EventHub("s-1")
    stream = hub.subscribe()
    hub.unsubscribe(stream)
    hub.publish(RELOAD)
    assert drain(stream) == [hello("s-1")]
