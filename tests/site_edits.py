"""Edits a writer makes to a generated corpus, shared by the incremental-build tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import snapshot
from sitegen.errors import BuildError

REPO = Path(__file__).resolve().parent.parent


def failure_of(run: Callable[[], object]) -> tuple[str, ...] | None:
    """The errors a build raised, as text; None when it succeeded.

    Edits can leave the content invalid for a while (a link to an article renamed since),
    as a writer's saves can: a build must then fail as a clean build would, and recover
    with a later save.
    """
    try:
        run()
    except BuildError as exc:
        return tuple(sorted(str(p) for p in exc.problems if p.severity == "error"))
    return None


def assert_agrees_with_a_clean_build(failed: tuple[str, ...] | None, public: Path,
                                     clean_build: Callable[[], object], clean: Path) -> None:
    """The last incremental build (failed: failure_of it) failed exactly when a clean build
    into clean fails, with the same errors; when it did not, public is what that makes."""
    assert failed == failure_of(clean_build)
    if failed is None:
        assert snapshot(public) == snapshot(clean)


def make_corpus(root: Path) -> Path:
    """A small generated newsroom (24 stories in fr and en) with the demo's templates."""
    subprocess.run([sys.executable, str(REPO / "bench/corpus.py"), "--articles", "24",
                    "--languages", "fr,en", "--out", str(root)], check=True, capture_output=True)
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "static/css").mkdir(parents=True, exist_ok=True)
    (root / "static/css/extra.css").write_text("body { color: black; }\n")
    return root


def fresh_copy(corpus: Path, folder: Path) -> Path:
    """A copy of corpus in folder/site, to edit."""
    root = folder / "site"
    shutil.copytree(corpus, root, symlinks=True)
    return root


def articles(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content").rglob("*.md") if "authors" not in p.parts)


def edit(root: Path, kind: str, index: int) -> set[Path]:
    """Change the site like a writer would; return the paths a watcher would report."""
    files = articles(root)
    target = files[index % len(files)]
    text = target.read_text()
    if kind == "body":
        target.write_text(text + f"\nUne phrase de plus ({index}).\n")
    elif kind == "headline":  # also moves the page: the slug comes from the headline
        target.write_text(text.replace("headline: ", f"headline: Nouveau {index} ", 1))
    elif kind == "dek":
        target.write_text(text.replace("dek: ", f"dek: Chapô {index} ", 1))
    elif kind == "link":  # the body now links to another article, by its source path
        other = os.path.relpath(files[(index + 7) % len(files)], target.parent)
        target.write_text(text + f"\nVoir [l'autre]({other}).\n")
    elif kind == "tags":
        target.write_text(text.replace("tags: [", f"tags: [Ajout{index % 3}, ", 1))
    elif kind == "date":
        target.write_text(text.replace("date: 20", "date: 19", 1))
    elif kind == "rename":
        renamed = target.with_name(f"renamed-{index}-{target.name}")
        target.rename(renamed)
        return {target, renamed}
    elif kind == "delete" and len(files) > 4:
        target.unlink()
    elif kind == "add":
        target = target.parent / f"added-{index}.md"
        target.write_text(text.replace("headline: ", f"headline: Ajouté {index} ", 1)
                          .replace("translation_key: ", f"translation_key: added-{index}-", 1))
    elif kind == "css":
        target = root / "static/css/extra.css"
        target.parent.mkdir(parents=True, exist_ok=True)
        old = target.read_text() if target.exists() else ""
        target.write_text(old + f"p {{ margin: {index}px; }}\n")
    elif kind == "template":
        target = root / "templates/partials/comments.html"
        target.write_text(target.read_text() + f"<!-- {index} -->\n")
    elif kind == "author":
        target = sorted((root / "content/authors").glob("*.yaml"))[index % 20]
        target.write_text(target.read_text().replace("name: ", f"name: X{index} ", 1))
    return {target}
