"""The progress bar: drawn for a person at a terminal, never in CI or when piped."""

from __future__ import annotations

import io

import pytest

from sitegen.progress import ProgressBar


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_shows_counts_and_clears_itself() -> None:
    stream = FakeTerminal()
    bar = ProgressBar(stream)
    bar.update(5, 10)
    bar.update(10, 10)
    assert stream.getvalue().split("\r")[-1] == "[" + "#" * 30 + "] 10/10 pages"
    bar.close()
    assert stream.getvalue().endswith("\r")


def test_bar_is_only_wanted_at_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert ProgressBar.wanted(FakeTerminal(), quiet=False)
    assert not ProgressBar.wanted(FakeTerminal(), quiet=True)
    assert not ProgressBar.wanted(io.StringIO(), quiet=False)
    monkeypatch.setenv("CI", "true")
    assert not ProgressBar.wanted(FakeTerminal(), quiet=False)


def test_build_reports_progress_to_the_callback(write_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import CLOCK
    from sitegen.build import BuildOptions, build
    from sitegen.project import Project

    root = write_site()
    calls: list[tuple[int, int]] = []
    build(Project(root), root / "public", BuildOptions(clock=CLOCK),
          lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1] > 0

