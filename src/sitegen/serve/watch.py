"""Watching a project: file-system events in, batches of changed source paths out.

batch_changes() is the whole policy and is pure; Watcher only feeds it from watchdog.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from sitegen.project import Project
from sitegen.serve.classify import is_source_path

Stamped = tuple[float, Path | None]
"""A change seen at a moment (seconds); a None path only says that the moment has come."""

CHANGE_TYPES = frozenset({"created", "modified", "deleted", "moved"})
"""Event types that change a file; opened/closed events come from the build reading them."""


@dataclass(frozen=True, slots=True)
class Quiet:
    """When a burst of changes counts as finished."""

    after: float = 0.05
    """Seconds without a new change that end a batch. An editor's save (temporary file,
    rename) takes a few milliseconds, and a checkout writes file after file without such a
    pause; webpack waits 20 ms."""
    longest: float = 1.0
    """Seconds after a batch's first change that end it anyway, so steady saves still show."""


def batch_changes(
    events: Iterable[Stamped], project: Project, quiet: Quiet = Quiet()
) -> Iterator[frozenset[Path]]:
    """Group stamped changes to the project's sources into batches ended by a quiet period."""
    pending: set[Path] = set()
    first = last = 0.0
    for when, path in events:
        if pending and (when - last >= quiet.after or when - first >= quiet.longest):
            yield frozenset(pending)
            pending = set()
        if path is None or not is_source_path(path, project):
            continue
        if not pending:
            first = when
        pending.add(path)
        last = when
    if pending:
        yield frozenset(pending)


class _Enqueue(FileSystemEventHandler):
    """Puts every changed file of a watchdog event into a queue, stamped with the clock."""

    def __init__(self, changes: queue.SimpleQueue[Stamped], clock: Callable[[], float],
                 on_folder: Callable[[str, Path], None]) -> None:
        self._changes = changes
        self._clock = clock
        self._on_folder = on_folder

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGE_TYPES:
            return
        paths = [Path(os.fsdecode(raw)) for raw in (event.src_path, event.dest_path) if raw]
        if event.is_directory:
            self._on_folder(event.event_type, paths[-1])
            if event.event_type not in ("deleted", "moved"):
                return  # the files of a new folder come as events of their own
        now = self._clock()  # a folder moved away or deleted may take articles with it
        for path in paths:
            self._changes.put((now, path))


class Watcher:
    """watchdog observing site.yaml's folder (not below it) and content/, templates/, static/.

    A source folder made while watching (a static/ the site did not have) is watched from then.
    """

    def __init__(self, project: Project, quiet: Quiet = Quiet(),
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.project = project
        self.quiet = quiet
        self._clock = clock
        self._changes: queue.SimpleQueue[Stamped] = queue.SimpleQueue()
        self._observer = Observer()
        self._handler = _Enqueue(self._changes, clock, self._folder_changed)
        self._watches: dict[Path, ObservedWatch] = {}
        self._folders = (project.content, project.templates, project.static)
        self._stopping = threading.Lock()

    def start(self) -> None:
        """Start watching; changes from now on end up in batches()."""
        self._observer.schedule(self._handler, str(self.project.root), recursive=False)
        for folder in self._folders:
            if folder.is_dir():
                self._watches[folder] = self._observer.schedule(self._handler, str(folder),
                                                                recursive=True)
        self._observer.start()

    def batches(self, stop: threading.Event) -> Iterator[frozenset[Path]]:
        """Batches of changed sources until stop is set; stops the observer at the end."""
        try:
            yield from batch_changes(self._stamped(stop), self.project, self.quiet)
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop watching; safe to call again and from several threads."""
        with self._stopping:
            if self._observer.is_alive():
                self._observer.stop()
                self._observer.join()

    def _folder_changed(self, kind: str, folder: Path) -> None:
        """Watch a source folder that appeared, reporting its files; forget one that went."""
        if folder not in self._folders:
            return
        if kind == "deleted" and folder in self._watches:
            with contextlib.suppress(KeyError):
                self._observer.unschedule(self._watches.pop(folder))
        elif kind != "deleted" and folder not in self._watches and folder.is_dir():
            self._watches[folder] = self._observer.schedule(self._handler, str(folder),
                                                            recursive=True)
            now = self._clock()
            for directory, _, files in os.walk(folder):
                for name in files:
                    self._changes.put((now, Path(directory) / name))

    def _stamped(self, stop: threading.Event) -> Iterator[Stamped]:
        tick = self.quiet.after / 5
        while not stop.is_set():
            try:
                yield self._changes.get(timeout=tick)
            except queue.Empty:
                yield (self._clock(), None)
