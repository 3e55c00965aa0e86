"""Incremental builds must equal clean builds: worker counts, warm caches, edit sequences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import CLOCK, snapshot
from site_edits import (
    assert_agrees_with_a_clean_build,
    edit,
    failure_of,
    fresh_copy,
    make_corpus,
)
from sitegen.build import BuildOptions, build
from sitegen.project import Project
from sitegen.render import Renderer


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus") / "site")


def clean_build(root: Path, out: Path, jobs: int = 1) -> dict[str, bytes]:
    build(Project(root), out, BuildOptions(clock=CLOCK, jobs=jobs, cache=False))
    return snapshot(out)


def test_output_does_not_depend_on_the_worker_count(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path)
    assert clean_build(root, tmp_path / "one", jobs=1) == clean_build(root, tmp_path / "four",
                                                                      jobs=4)


def test_warm_build_equals_cold_build(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path)
    options = BuildOptions(clock=CLOCK, jobs=2)
    build(Project(root), root / "public", options)
    cold = snapshot(root / "public")
    report = build(Project(root), root / "public", options)
    assert snapshot(root / "public") == cold
    assert report.written.written == 0


@pytest.mark.parametrize("kind", ["body", "tags"])
def test_records_made_by_workers_keep_the_same_pages_as_records_made_in_process(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A first build's workers record each page's structure; the next build, in one
    process, must find the same pages unchanged as if the first build had been too."""

    def pages_rendered_after_an_edit(first_jobs: int, folder: Path) -> list[str]:
        root = fresh_copy(corpus, folder)
        build(Project(root), root / "public", BuildOptions(clock=CLOCK, jobs=first_jobs))
        edit(root, kind, 7)
        rendered: list[str] = []
        render = Renderer.render

        def counting(self: Renderer, route: Any, context: Any) -> str:
            rendered.append(route.output)
            return render(self, route, context)

        with monkeypatch.context() as patched:
            patched.setattr(Renderer, "render", counting)
            build(Project(root), root / "public", BuildOptions(clock=CLOCK, jobs=1))
        return rendered

    in_process = pages_rendered_after_an_edit(1, tmp_path / "one")
    from_workers = pages_rendered_after_an_edit(2, tmp_path / "two")
    assert from_workers == in_process
    assert 0 < len(in_process) < len(snapshot(tmp_path / "one" / "site" / "public")) // 4


def test_corrupted_cache_is_ignored(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path)
    options = BuildOptions(clock=CLOCK)
    build(Project(root), root / "public", options)
    for path in (root / ".sitegen-cache").glob("*.pickle"):
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data[: len(data) * 3 // 4]))
    first = sorted((root / "content/fr").rglob("*.md"))[0]
    first.write_text(first.read_text().replace("headline: ", "headline: Corrompu ", 1))
    build(Project(root), root / "public", options)
    assert snapshot(root / "public") == clean_build(root, tmp_path / "clean")


EDITS = st.lists(st.tuples(
    st.sampled_from(["body", "headline", "dek", "link", "tags", "date", "rename", "delete",
                     "add", "css", "template", "author"]),
    st.integers(min_value=0, max_value=40)), min_size=1, max_size=5)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
@example(edits=[("link", 43), ("rename", 50)])  # links to an article, then renames it
def test_any_edit_sequence_built_incrementally_equals_a_clean_build(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int]]
) -> None:
    work = tmp_path_factory.mktemp("edits")
    root = fresh_copy(corpus, work)
    options = BuildOptions(clock=CLOCK, jobs=2)
    build(Project(root), root / "public", options)
    failed = None
    for kind, index in edits:
        edit(root, kind, index)
        failed = failure_of(lambda: build(Project(root), root / "public", options))
    assert_agrees_with_a_clean_build(failed, root / "public",
                                     lambda: clean_build(root, work / "clean"), work / "clean")


def test_records_from_an_older_output_never_vouch_for_a_newer_one(
    corpus: Path, tmp_path: Path
) -> None:
    """A build killed after the swap but before saving its records, then an edit undone."""
    root = fresh_copy(corpus, tmp_path)
    options = BuildOptions(clock=CLOCK)
    build(Project(root), root / "public", options)
    saved = {p: p.read_bytes() for p in (root / ".sitegen-cache").glob("*pages.pickle")}
    first = sorted((root / "content/fr").rglob("*.md"))[0]
    original = first.read_text()
    first.write_text(original + "\nUne phrase ajoutée.\n")
    build(Project(root), root / "public", options)
    for path, data in saved.items():
        path.write_bytes(data)  # as if the records of this build had never been written
    first.write_text(original)
    build(Project(root), root / "public", options)
    assert snapshot(root / "public") == clean_build(root, tmp_path / "clean")
