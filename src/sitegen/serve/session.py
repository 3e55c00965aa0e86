"""A running preview: server, watcher and rebuild loop on their threads, stopped as one."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from sitegen.build import Builder, BuildOptions, load_project_config
from sitegen.progress import ProgressBar
from sitegen.project import Project
from sitegen.serve.classify import classify
from sitegen.serve.events import EventHub
from sitegen.serve.loop import Built, LiveReload
from sitegen.serve.server import PreviewServer
from sitegen.serve.watch import Quiet, Watcher

POLL_SECONDS = 0.05
"""How often the server checks whether to stop: the wait on stop()."""


@dataclass(frozen=True, slots=True)
class PreviewSettings:
    """How to preview: where to listen and what to include."""

    host: str = "127.0.0.1"
    port: int = 8000
    """0 picks any free port."""
    drafts: bool = True
    future: bool = True
    quiet: Quiet = field(default_factory=Quiet)


def display_url(host: str, port: int) -> str:
    """The address to open in a browser."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def language_folders(project: Project) -> tuple[str, ...]:
    """Folders of the languages not served at the root, where their 404 pages are."""
    config = load_project_config(project)
    return tuple(lang.prefix.strip("/") for lang in config.languages if lang.prefix)


class PreviewSession:
    """Builds project into out, serves it and rebuilds on change until stop()."""

    def __init__(self, project: Project, out: Path, settings: PreviewSettings,
                 console: TextIO = sys.stderr,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.project = project
        self._console = console
        self.hub = EventHub("")
        self.server = PreviewServer(settings.host, settings.port, out, self.hub)
        self.url = display_url(settings.host, self.server.port)
        options = BuildOptions(clock=now(), drafts=settings.drafts, future=settings.future,
                               base_url=self.url)
        self._builder = Builder(project, out, options, now)
        self.loop = LiveReload(self._rebuild, self.hub, lambda batch: classify(batch, project),
                               console)
        self._watcher = Watcher(project, settings.quiet)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> bool:
        """Watch, build once, then serve; False when the first build failed (still serving)."""
        self._watcher.start()  # before building, so no save during the first build is lost
        built = self.loop.first_build()
        self._spawn("sitegen-serve-http", lambda: self.server.serve_forever(POLL_SECONDS))
        self._spawn("sitegen-serve-loop", self._run_loop)
        return built

    def stop(self) -> None:
        """Stop serving, watching and rebuilding; returns once every thread has ended."""
        self._stop.set()
        if any(thread.name == "sitegen-serve-http" for thread in self._threads):
            self.server.shutdown()  # no new requests, then end the open event streams
        self.hub.close()
        self.server.server_close()
        self._watcher.stop()
        for thread in self._threads:
            thread.join()

    def wait(self, timeout: float) -> bool:
        """Wait up to timeout seconds; True once the session has stopped."""
        return self._stop.wait(timeout)

    def _run_loop(self) -> None:
        try:
            self.loop.run(self._watcher.batches(self._stop), self._stop)
        finally:
            self._stop.set()

    def _rebuild(self, changed: frozenset[Path]) -> Built:
        bar = ProgressBar(self._console) if ProgressBar.wanted(self._console, False) else None
        try:
            report = self._builder.build(changed, bar.update if bar else None)
        finally:
            if bar:
                bar.close()
        self.server.languages = language_folders(self.project)
        return report

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()
