"""The live-reload loop: for each batch of changes, rebuild, and only then tell the pages."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TextIO

from sitegen.build import InternalError
from sitegen.errors import BuildError, Problem
from sitegen.serve.classify import Change
from sitegen.serve.events import CSS, OK, RELOAD, EventHub, ServerEvent, build_failed


class Built(Protocol):
    """What the loop reads of a finished build (a sitegen.build.BuildReport)."""

    @property
    def warnings(self) -> tuple[Problem, ...]: ...

    @property
    def seconds(self) -> float: ...


Rebuild = Callable[[frozenset[Path]], Built]
"""Builds the site into the served folder, swapping it in whole; raises BuildError."""


def events_after_build(change: Change | None, was_broken: bool) -> tuple[ServerEvent, ...]:
    """What open pages are told after a good build: first clear an error, then show it."""
    if was_broken:
        return (OK, RELOAD)  # the failed batches' changes are in this build too
    if change == "css":
        return (CSS,)
    return (RELOAD,) if change == "reload" else ()


def internal_problem(path: str, exc: BaseException) -> Problem:
    """A bug in sitegen, shown like a content problem so the preview keeps running."""
    return Problem(path, None, f"internal error: {type(exc).__name__}: {exc}",
                   "this is a bug in sitegen, please report it with this file")


class LiveReload:
    """Rebuilds after each batch and then publishes reload, css, error or ok to the pages.

    Problems are printed to console once: a build that fails the same way again prints
    nothing new.
    """

    def __init__(self, rebuild: Rebuild, hub: EventHub,
                 classify: Callable[[frozenset[Path]], Change | None], console: TextIO,
                 session: str | None = None) -> None:
        self._rebuild = rebuild
        self._hub = hub
        self._classify = classify
        self._console = console
        self._session = session or secrets.token_hex(4)
        self._builds = 0
        self._broken = False
        self._printed: frozenset[Problem] = frozenset()

    @property
    def build_id(self) -> str:
        """Changes with every good build, and between two runs of the server."""
        return f"{self._session}-{self._builds}"

    def first_build(self) -> bool:
        """Build once before serving; False when it failed (the pages show why)."""
        return self.handle(frozenset(), None)

    def run(self, batches: Iterable[frozenset[Path]], stop: threading.Event) -> None:
        """Handle batches until they end or stop is set."""
        for batch in batches:
            if stop.is_set():
                return
            change = self._classify(batch)
            if change is not None:
                self.handle(batch, change)

    def handle(self, batch: frozenset[Path], change: Change | None) -> bool:
        """Rebuild for one batch and tell the pages; False when the build failed."""
        try:
            report = self._rebuild(batch)
        except BuildError as exc:
            self._failed(exc.problems)
            return False
        except InternalError as exc:
            self._failed((internal_problem(exc.path, exc.__cause__ or exc),))
            return False
        except Exception as exc:  # noqa: BLE001 - a bug must not end the preview
            self._failed((internal_problem("(no file)", exc),))
            return False
        self._succeeded(report, change)
        return True

    def _succeeded(self, report: Built, change: Change | None) -> None:
        events = events_after_build(change, self._broken)
        if self._broken:
            print(f"fixed: the site builds again ({report.seconds:.2f} s)", file=self._console)
        self._print_new(report.warnings)
        self._builds += 1
        self._broken = False
        self._hub.publish(*events, build_id=self.build_id)

    def _failed(self, problems: tuple[Problem, ...]) -> None:
        if self._print_new(problems):
            print("build failed: still serving the last good build; fix and save to update",
                  file=self._console)
        self._broken = True
        self._hub.publish(build_failed(problems), build_id=self.build_id)

    def _print_new(self, problems: tuple[Problem, ...]) -> bool:
        """Print the problems not printed by the last build; True when there were any."""
        new = [problem for problem in problems if problem not in self._printed]
        for problem in new:
            print(problem, file=self._console)
        self._printed = frozenset(problems)
        return bool(new)
