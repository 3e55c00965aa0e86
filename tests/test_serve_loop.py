"""The live-reload loop: one rebuild per batch, pages told only after it, problems once."""

from __future__ import annotations

import io
import json
import queue
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitegen.build import BuildReport, InternalError
from sitegen.errors import BuildError, Problem
from sitegen.output import WriteReport
from sitegen.project import Project
from sitegen.serve.classify import Change, classify
from sitegen.serve.events import CSS, OK, RELOAD, EventHub, ServerEvent, hello
from sitegen.serve.loop import LiveReload, events_after_build
from sitegen.serve.watch import Quiet, Stamped, Watcher, batch_changes

ROOT = Path("/site")
PROJECT = Project(ROOT)
ARTICLE = ROOT / "content/fr/monde/irak.md"
STYLES = ROOT / "static/css/site.css"
BAD_DATE = Problem("content/fr/monde/irak.md", 5, "bad 'date'", "write ISO 8601", 1)


def report(*warnings: Problem) -> BuildReport:
    return BuildReport(Counter(), warnings, WriteReport(1, 0), 0.01)


@dataclass
class FakeBuild:
    """Counts rebuilds and fails while told to; records what pages had heard meanwhile."""

    failures: list[BaseException] = field(default_factory=list)
    calls: list[frozenset[Path]] = field(default_factory=list)
    heard_during_build: list[list[ServerEvent | None]] = field(default_factory=list)
    stream: queue.SimpleQueue[ServerEvent | None] | None = None

    def __call__(self, changed: frozenset[Path]) -> BuildReport:
        self.calls.append(changed)
        if self.stream is not None:
            self.heard_during_build.append(drain(self.stream))
        if self.failures:
            raise self.failures.pop(0)
        return report()


def drain(stream: queue.SimpleQueue[ServerEvent | None]) -> list[ServerEvent | None]:
    items = []
    while not stream.empty():
        items.append(stream.get_nowait())
    return items


@pytest.fixture
def hub() -> EventHub:
    return EventHub("")


def make_loop(build: FakeBuild, hub: EventHub, console: io.StringIO | None = None) -> LiveReload:
    return LiveReload(build, hub, lambda batch: classify(batch, PROJECT),
                      console or io.StringIO(), session="s")


def test_burst_of_200_file_events_rebuilds_once(hub: EventHub) -> None:
    build = FakeBuild()
    loop = make_loop(build, hub)
    paths = [ROOT / f"content/fr/monde/a{i}.md" for i in range(200)]
    events: list[Stamped] = [(i * 0.0001, path) for i, path in enumerate(paths)]
    loop.run(batch_changes([*events, (1.0, None)], PROJECT), threading.Event())
    assert build.calls == [frozenset(paths)]


def test_burst_of_200_real_file_writes_rebuilds_once(hub: EventHub, tmp_path: Path) -> None:
    project = Project(tmp_path)
    (tmp_path / "content/fr").mkdir(parents=True)
    build = FakeBuild()
    loop = LiveReload(build, hub, lambda batch: classify(batch, project), io.StringIO())
    watcher = Watcher(project, Quiet(after=1.0, longest=10.0))  # generous: no race on a slow disk
    stop = threading.Event()
    watcher.start()
    thread = threading.Thread(target=loop.run, args=(watcher.batches(stop), stop))
    thread.start()
    stream = hub.subscribe()
    for i in range(200):
        (tmp_path / f"content/fr/a{i}.md").write_text(f"article {i}")
    assert stream.get(timeout=20) == hello("")
    assert stream.get(timeout=20) == RELOAD
    stop.set()
    thread.join()
    assert len(build.calls) == 1
    assert len(build.calls[0]) == 200


def test_pages_hear_of_a_change_only_after_the_rebuild_returned(hub: EventHub) -> None:
    build = FakeBuild(stream=hub.subscribe())
    loop = make_loop(build, hub)
    assert loop.first_build()
    loop.handle(frozenset({ARTICLE}), "reload")
    assert build.heard_during_build == [[hello("")], []]
    assert drain(build.stream) == [RELOAD]  # type: ignore[arg-type]


def test_stylesheet_change_restyles_and_a_new_build_id_is_announced(hub: EventHub) -> None:
    loop = make_loop(FakeBuild(), hub)
    loop.first_build()
    stream = hub.subscribe()
    loop.run([frozenset({STYLES})], threading.Event())
    assert drain(stream) == [hello("s-1"), CSS]
    assert hub.build_id == loop.build_id == "s-2"


def test_batch_of_ignored_files_does_not_rebuild(hub: EventHub) -> None:
    build = FakeBuild()
    make_loop(build, hub).run([frozenset({ROOT / "content/fr/.a.md.swp"})], threading.Event())
    assert build.calls == []


def test_failed_build_shows_the_error_and_the_next_good_one_clears_it(hub: EventHub) -> None:
    build = FakeBuild()
    loop = make_loop(build, hub)
    loop.first_build()
    build.failures.append(BuildError([BAD_DATE]))
    stream = hub.subscribe()
    assert not loop.handle(frozenset({ARTICLE}), "reload")
    error = drain(stream)[1]
    assert error is not None and error.name == "error"
    assert json.loads(error.data)["problems"][0]["line"] == 5
    assert hub.build_id == "s-1"  # still the last good build
    assert loop.handle(frozenset({STYLES}), "css")
    assert drain(stream) == [OK, RELOAD]  # a full reload: the failed batch is in this build


def test_each_problem_is_printed_once_without_traceback(hub: EventHub) -> None:
    console = io.StringIO()
    other = Problem("content/fr/b.md", 2, "unknown author 'x'")
    build = FakeBuild(failures=[BuildError([BAD_DATE]), BuildError([BAD_DATE]),
                                BuildError([BAD_DATE, other])])
    loop = make_loop(build, hub, console)
    for _ in range(3):
        loop.handle(frozenset({ARTICLE}), "reload")
    lines = console.getvalue().splitlines()
    assert lines.count(str(BAD_DATE)) == 1
    assert lines.count(str(other)) == 1
    assert "Traceback" not in console.getvalue()


def test_internal_error_is_shown_and_the_loop_goes_on(hub: EventHub) -> None:
    failure = InternalError("content/fr/monde/irak.md")
    failure.__cause__ = ValueError("boom")
    build = FakeBuild(failures=[failure, RuntimeError("kaput")])
    loop = make_loop(build, hub)
    stream = hub.subscribe()
    loop.run([frozenset({ARTICLE})] * 3, threading.Event())
    errors = [json.loads(e.data)["problems"][0] for e in drain(stream) if e and e.name == "error"]
    assert [(e["file"], "boom" in e["message"]) for e in errors] == [
        ("content/fr/monde/irak.md", True), ("(no file)", False)]
    assert len(build.calls) == 3


def test_stop_ends_the_loop_before_the_next_batch(hub: EventHub) -> None:
    build = FakeBuild()
    stop = threading.Event()
    stop.set()
    make_loop(build, hub).run([frozenset({ARTICLE})], stop)
    assert build.calls == []


@pytest.mark.parametrize("change, was_broken, expected", [
    ("css", False, (CSS,)), ("reload", False, (RELOAD,)), (None, False, ()),
    ("css", True, (OK, RELOAD)), (None, True, (OK, RELOAD)),
])
def test_events_after_build(change: Change | None, was_broken: bool,
                            expected: tuple[ServerEvent, ...]) -> None:
    assert events_after_build(change, was_broken) == expected
