"""Batches of changes: the pure batching policy, and the real watchdog feeding it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.project import Project
from sitegen.serve.watch import Quiet, Stamped, Watcher, batch_changes

ROOT = Path("/site")
PROJECT = Project(ROOT)
ARTICLE = ROOT / "content/fr/monde/irak.md"
QUIET = Quiet(after=0.1, longest=1.0)


def batches(events: list[Stamped]) -> list[frozenset[Path]]:
    return list(batch_changes(events, PROJECT, QUIET))


def test_burst_of_200_changes_within_the_quiet_period_is_one_batch() -> None:
    paths = [ROOT / f"content/fr/monde/a{i % 50}.md" for i in range(200)]
    events: list[Stamped] = [(i * 0.0004, path) for i, path in enumerate(paths)]
    events.append((0.5, None))  # time passes: the quiet period is over
    assert batches(events) == [frozenset(paths)]


def test_batch_comes_out_at_the_first_moment_after_the_quiet_period() -> None:
    fed: list[Stamped] = []

    def feed() -> Iterator[Stamped]:
        for event in [(0.0, ARTICLE), (0.05, None), (0.09, None), (0.11, None), (0.2, None)]:
            fed.append(event)
            yield event

    assert next(batch_changes(feed(), PROJECT, QUIET)) == {ARTICLE}
    assert fed[-1] == (0.11, None)


def test_changes_apart_by_more_than_the_quiet_period_are_two_batches() -> None:
    other = ROOT / "templates/base.html"
    events: list[Stamped] = [(0.0, ARTICLE), (0.05, ARTICLE), (0.3, other), (0.31, None)]
    assert batches(events) == [frozenset({ARTICLE}), frozenset({other})]


def test_steady_stream_of_changes_is_cut_at_the_longest_wait() -> None:
    events: list[Stamped] = [(i * 0.05, ARTICLE) for i in range(40)]  # 2 s, never quiet
    result = batches(events)
    assert len(result) == 2
    assert all(batch == frozenset({ARTICLE}) for batch in result)


def test_swap_hidden_and_backup_files_are_ignored() -> None:
    events: list[Stamped] = [
        (0.0, ROOT / "content/fr/monde/.irak.md.swp"),
        (0.01, ROOT / "content/fr/monde/irak.md~"),
        (0.02, ROOT / ".git/index"),
        (0.03, ROOT / "public/index.html"),
        (0.04, ROOT / "content/fr/.drafts/x.md"),
        (1.0, None),
    ]
    assert batches(events) == []


def test_ignored_files_do_not_extend_a_batch() -> None:
    events: list[Stamped] = [(0.0, ARTICLE), *((0.05 * i, ROOT / ".x.swp") for i in range(1, 9)),
                             (0.5, ARTICLE)]
    assert batches(events) == [frozenset({ARTICLE}), frozenset({ARTICLE})]


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Project, Iterator[frozenset[Path]]]]:
    for folder in ("content/fr", "templates", "static/css"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "site.yaml").write_text("title: x\n")
    project = Project(tmp_path)
    watcher = Watcher(project, Quiet(after=0.05, longest=1.0))
    stop = threading.Event()
    deadline = threading.Timer(20, stop.set)  # a watcher that sees nothing fails, not hangs
    deadline.start()
    watcher.start()
    produced = watcher.batches(stop)
    yield project, produced
    stop.set()
    deadline.cancel()
    list(produced)  # runs to its end, which stops the observer
    watcher.stop()


def test_real_watcher_reports_a_saved_article_and_not_the_swap_file(
        watched: tuple[Project, Iterator[frozenset[Path]]]) -> None:
    project, produced = watched
    (project.content / "fr" / ".irak.md.swp").write_text("swap")
    article = project.content / "fr" / "irak.md"
    article.write_text("---\nheadline: x\n---\n")
    (project.content / "fr" / "sub").mkdir()
    assert next(produced, None) == frozenset({article})


def test_real_watcher_reports_a_folder_of_articles_moved_away(
        watched: tuple[Project, Iterator[frozenset[Path]]]) -> None:
    """A folder moved out of content/ gives no event per file: the folder itself is the
    change, so the builder knows its articles are gone."""
    project, produced = watched
    folder = project.content / "fr" / "dossier"
    folder.mkdir()
    (folder / "a.md").write_text("---\nheadline: a\n---\n")
    assert next(produced, None) == frozenset({folder / "a.md"})
    folder.rename(project.root / "dossier-hors-site")
    assert next(produced, None) == frozenset({folder})


def test_real_watcher_reports_site_yaml_and_a_stylesheet(
        watched: tuple[Project, Iterator[frozenset[Path]]]) -> None:
    project, produced = watched
    (project.root / "notes.txt").write_text("not a source")
    project.config_path.write_text("title: y\n")
    stylesheet = project.static / "css" / "site.css"
    stylesheet.write_text("h1 {}")
    seen: set[Path] = set()
    for batch in produced:
        seen |= batch
        if seen >= {project.config_path, stylesheet}:
            break
    assert seen == {project.config_path, stylesheet}


# watchdog may see static/css both in its first walk and as created: it warns and copes.
@pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")
def test_real_watcher_watches_a_source_folder_made_after_it_started(tmp_path: Path) -> None:
    project = Project(tmp_path)
    (tmp_path / "content").mkdir()
    watcher = Watcher(project, Quiet(after=0.05, longest=1.0))
    stop = threading.Event()
    deadline = threading.Timer(20, stop.set)
    deadline.start()
    watcher.start()
    produced = watcher.batches(stop)
    try:
        (project.static / "css").mkdir(parents=True)  # the site had no static/
        stylesheet = project.static / "css" / "site.css"
        stylesheet.write_text("h1 {}")
        assert stylesheet in next(produced, frozenset())
        stylesheet.write_text("h1 { color: red }")
        assert next(produced, None) == frozenset({stylesheet})
    finally:
        deadline.cancel()
        stop.set()
        list(produced)
