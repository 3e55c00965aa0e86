"""The serve loop's Builder: rebuilds from memory must equal clean builds, whatever changed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import CLOCK, snapshot
from site_edits import (
    articles,
    assert_agrees_with_a_clean_build,
    edit,
    failure_of,
    fresh_copy,
    make_corpus,
)
from sitegen.build import Builder, BuildOptions, build
from sitegen.errors import BuildError
from sitegen.project import Project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("live-corpus") / "site")


def clean_build(root: Path, out: Path, clock=CLOCK) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    build(Project(root), out, BuildOptions(clock=clock, cache=False))
    return snapshot(out)


def builder_for(root: Path, clock=CLOCK) -> Builder:  # type: ignore[no-untyped-def]
    return Builder(Project(root), root / "public", BuildOptions(clock=clock, jobs=2),
                   now=lambda: clock)


EDITS = st.lists(st.tuples(
    st.sampled_from(["body", "headline", "dek", "link", "tags", "date", "rename", "delete",
                     "add", "css", "template"]),
    st.integers(min_value=0, max_value=60)), min_size=1, max_size=6)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
@example(edits=[("link", 43), ("rename", 50)])  # links to an article, then renames it
def test_any_sequence_of_saves_rebuilt_from_memory_equals_a_clean_build(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int]]
) -> None:
    work = tmp_path_factory.mktemp("live")
    root = fresh_copy(corpus, work)
    builder = builder_for(root)
    builder.build()
    failed = None
    for kind, index in edits:
        failed = failure_of(lambda: builder.build(edit(root, kind, index)))  # noqa: B023
    assert_agrees_with_a_clean_build(failed, root / "public",
                                     lambda: clean_build(root, work / "clean"), work / "clean")


@pytest.mark.parametrize("kind", ["body", "headline", "dek", "link", "css", "tags", "date",
                                  "rename", "delete", "add"])
def test_an_article_or_static_change_is_applied_from_memory(
    corpus: Path, tmp_path: Path, kind: str
) -> None:
    root = fresh_copy(corpus, tmp_path)
    builder = builder_for(root)
    builder.build()
    for index in (3, 11):
        builder.build(edit(root, kind, index))
        assert builder.last_kind == "changes"
    assert snapshot(root / "public") == clean_build(root, tmp_path / "clean")


@pytest.mark.parametrize("kind", ["body", "headline"])
def test_without_the_cache_edits_are_still_applied_from_memory(
    corpus: Path, tmp_path: Path, kind: str
) -> None:
    """serve --no-cache: nothing is read from or written to .sitegen-cache/, and an edit is
    still rebuilt from what the last build left in memory."""
    root = fresh_copy(corpus, tmp_path)
    builder = Builder(Project(root), root / "public",
                      BuildOptions(clock=CLOCK, jobs=2, cache=False), now=lambda: CLOCK)
    builder.build()
    for index in (3, 11):
        builder.build(edit(root, kind, index))
        assert builder.last_kind == "changes"
    assert not (root / ".sitegen-cache").exists()
    assert snapshot(root / "public") == clean_build(root, tmp_path / "clean")


def test_a_body_edit_rewrites_only_the_files_it_changes(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path)
    builder = builder_for(root)
    builder.build()
    before = {p: p.stat().st_ino for p in (root / "public").rglob("*") if p.is_file()}
    report = builder.build(edit(root, "body", 5))
    after = {p: p.stat().st_ino for p in (root / "public").rglob("*") if p.is_file()}
    rewritten = {p.relative_to(root / "public").as_posix() for p in after
                 if before.get(p) != after[p]}
    assert report.written.written == len(rewritten) >= 1
    assert all(path.endswith((".html", ".xml")) for path in rewritten)
    assert len(rewritten) < len(after) // 10


def test_templates_and_site_yaml_ask_for_a_full_build(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path)
    builder = builder_for(root)
    builder.build()
    builder.build(edit(root, "template", 1))
    assert builder.last_kind == "full"
    config = root / "site.yaml"
    config.write_text(config.read_text().replace("pagination: ", "pagination: 1", 1))
    builder.build({config})
    assert builder.last_kind == "full"
    assert snapshot(root / "public") == clean_build(root, tmp_path / "clean")


def test_a_broken_save_keeps_the_output_and_the_fix_brings_every_change(
    corpus: Path, tmp_path: Path
) -> None:
    root = fresh_copy(corpus, tmp_path)
    builder = builder_for(root)
    builder.build()
    good = snapshot(root / "public")
    first, second = articles(root)[2], articles(root)[9]
    original = first.read_text()
    first.write_text(original.replace("date: ", "date: pas une date ", 1))
    second.write_text(second.read_text() + "\nAjout pendant la panne.\n")
    with pytest.raises(BuildError) as failure:
        builder.build({first, second})
    assert [p.path for p in failure.value.problems] == [
        first.relative_to(root).as_posix()]
    assert failure.value.problems[0].line == original.split("\n").index(
        next(line for line in original.split("\n") if line.startswith("date: "))) + 1
    assert snapshot(root / "public") == good
    first.write_text(original)
    builder.build({first})  # the second file changed while broken: it must be built too
    assert builder.last_kind == "changes"
    assert snapshot(root / "public") == clean_build(root, tmp_path / "clean")


def test_the_clock_reaching_a_scheduled_article_rebuilds_in_full(
    corpus: Path, tmp_path: Path
) -> None:
    root = fresh_copy(corpus, tmp_path)
    target = articles(root)[4]
    publish = (CLOCK + timedelta(minutes=5)).isoformat()
    target.write_text(target.read_text().replace("date: ", f"publish_at: {publish}\ndate: ", 1))
    moments = iter([CLOCK, CLOCK + timedelta(minutes=10)])
    builder = Builder(Project(root), root / "public", BuildOptions(clock=CLOCK),
                      now=lambda: next(moments))
    builder.build()
    builder.build(edit(root, "body", 8))
    assert builder.last_kind == "full"
    assert snapshot(root / "public") == clean_build(root, tmp_path / "clean",
                                                    CLOCK + timedelta(minutes=10))
