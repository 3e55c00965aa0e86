"""write_output: the only writer. Builds into a staging folder and swaps it in whole."""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import BuildError, Problem

MARKER = ".sitegen-output"
"""File that marks a folder as sitegen's output, so it may be replaced."""


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    """Files whose bytes changed or are new."""
    unchanged: int
    """Files kept as they were (same inode, same modification time)."""


def check_output_dir(out: Path, project: Path, sources: Iterable[Path]) -> None:
    """Refuse output folders that would overwrite the project or someone else's files."""
    target = out.resolve()
    root = project.resolve()
    problems = []
    if root.is_relative_to(target):
        problems.append(Problem(str(out), None, "the output folder contains the project",
                                "choose a folder such as public/"))
    for source in sources:
        if target.is_relative_to(source.resolve()):
            problems.append(Problem(str(out), None, f"the output folder lies inside {source}",
                                    "choose a folder outside content/, templates/ and static/"))
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        problems.append(Problem(str(out), None, "the output folder is not empty and was not "
                                "made by sitegen", f"empty it, or add a file {MARKER} to it"))
    if problems:
        raise BuildError(problems)


def write_output(
    pages: Iterable[tuple[str, bytes]], static_files: Iterable[tuple[str, Path]], out: Path
) -> WriteReport:
    """Write every page and static file into a fresh tree, then swap it for out.

    pages may be a lazy iterator that raises at its end (a render error): the staging tree
    is then removed and out is left exactly as it was. So is it on Ctrl-C; after a kill -9,
    the next build discards the half-written staging tree.
    """
    recover_interrupted_swap(out)
    staging = out.with_name(f".{out.name}.staging")
    if staging.exists():
        shutil.rmtree(staging)  # left by a killed build: ours by its name
    staging.mkdir(parents=True)
    folders: set[Path] = {staging}
    written = unchanged = 0
    try:
        for relative, data in pages:
            changed = _place(staging / relative, out / relative, folders, data=data)
            written, unchanged = written + changed, unchanged + (not changed)
        for relative, source in static_files:
            changed = _place(staging / relative, out / relative, folders, source=source)
            written, unchanged = written + changed, unchanged + (not changed)
        (staging / MARKER).write_text("This folder is written by sitegen and replaced on "
                                      "build.\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, out)
    return WriteReport(written, unchanged)


def recover_interrupted_swap(out: Path) -> None:
    """If a build was killed between the two renames of a swap, put the old output back."""
    previous = out.with_name(f".{out.name}.previous")
    if previous.exists():
        if out.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(out)


def _place(target: Path, old: Path, folders: set[Path], *, data: bytes | None = None,
           source: Path | None = None) -> bool:
    """Put one file in the staging tree; reuse the old file when its bytes are unchanged."""
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    if data is None:
        assert source is not None
        data = source.read_bytes()
    if _same_bytes(old, data):
        try:
            os.link(old, target)
            return False
        except OSError:
            pass  # no hard links on this file system: write a copy
    with open(target, "wb") as handle:
        handle.write(data)
    return True


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _swap(staging: Path, out: Path) -> None:
    """Put staging in out's place: one atomic exchange where the system offers it."""
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging)  # now holds the previous output
        return
    previous = out.with_name(f".{out.name}.previous")
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    if previous.exists():
        shutil.rmtree(previous)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
