"""Incremental builds must equal clean builds: worker counts, warm caches, edit sequences."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLOCK, REPO, snapshot
from sitegen.build import BuildOptions, build
from sitegen.project import Project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "site"
    subprocess.run([sys.executable, str(REPO / "bench/corpus.py"), "--articles", "24",
                    "--languages", "fr,en", "--out", str(root)], check=True, capture_output=True)
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def fresh_copy(corpus: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(corpus, root, symlinks=True)
    return root


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
    st.sampled_from(["body", "headline", "rename", "delete", "add", "template", "author",
                     "tags"]),
    st.integers(min_value=0, max_value=40)), min_size=1, max_size=5)


def apply(root: Path, edit: str, index: int) -> None:
    files = sorted((root / "content").rglob("*.md"))
    target = files[index % len(files)]
    text = target.read_text()
    if edit == "body":
        target.write_text(text + f"\nUne phrase de plus ({index}).\n")
    elif edit == "headline":
        target.write_text(text.replace("headline: ", f"headline: Nouveau {index} ", 1))
    elif edit == "tags":
        target.write_text(text.replace("tags: [", f"tags: [Ajout{index % 3}, ", 1))
    elif edit == "rename":
        target.rename(target.with_name(f"renamed-{index}-{target.name}"))
    elif edit == "delete" and len(files) > 4:
        target.unlink()
    elif edit == "add":
        (target.parent / f"added-{index}.md").write_text(
            text.replace("headline: ", f"headline: Ajouté {index} ", 1)
                .replace("translation_key: ", f"translation_key: added-{index}-", 1))
    elif edit == "template":
        partial = root / "templates/partials/comments.html"
        partial.write_text(partial.read_text() + f"<!-- {index} -->\n")
    elif edit == "author":
        author = sorted((root / "content/authors").glob("*.yaml"))[index % 20]
        author.write_text(author.read_text().replace("name: ", f"name: X{index} ", 1))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
def test_any_edit_sequence_built_incrementally_equals_a_clean_build(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int]]
) -> None:
    work = tmp_path_factory.mktemp("edits")
    root = fresh_copy(corpus, work)
    options = BuildOptions(clock=CLOCK, jobs=2)
    build(Project(root), root / "public", options)
    for edit, index in edits:
        apply(root, edit, index)
        build(Project(root), root / "public", options)
    assert snapshot(root / "public") == clean_build(root, work / "clean")


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
