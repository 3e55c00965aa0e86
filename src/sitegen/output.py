"""write_output: the only writer. Builds into a staging folder and swaps it in whole."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.errors import BuildError, Problem
from sitegen.files import (
    exchange,
    files_below,
    remove_file,
    same_bytes,
    share_file,
    write_fresh,
    write_new_file,
)

MARKER = ".sitegen-output"
"""File that marks a folder as sitegen's output, so it may be replaced."""


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    """Files whose bytes changed or are new."""
    unchanged: int
    """Files kept as they were (same inode, same modification time)."""
    layout: StagingLayout | None = field(default=None, repr=False, compare=False)
    """What out and its staging folder hold now, when a long-running builder asked."""
    identities: Mapping[str, tuple[int, int, int]] | None = field(
        default=None, repr=False, compare=False)
    """Relative path -> (inode, size, modification time) of every file of the output, as
    the build learnt them while writing (links and renames keep them)."""


@dataclass(frozen=True, slots=True)
class StagingLayout:
    """The files of the output, and where the staging folder beside it differs from them.

    After a swap the staging folder holds the previous output, whose unchanged files are
    hard links to the live ones. Knowing which paths differ lets the next build bring
    staging up to date without walking it (see sitegen.staging).
    """

    live: frozenset[str]
    """Every file of the output."""
    differing: frozenset[str]
    """Paths where staging does not hold the live file: written by the last build, or only
    in staging."""


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


@dataclass(frozen=True, slots=True)
class Written:
    """A page already written into a new staging folder (by a worker), and its identity."""

    identity: tuple[int, int, int]


PageData = bytes | None | Written
"""A page's bytes; None: keep the previous file; Written: already in the staging folder."""


def fresh_staging(out: Path) -> Path | None:
    """The staging folder pages may be written straight into, by any process: when
    neither it nor out exists, so that no file there can be shared with the live output.
    None otherwise (pages then go through write_output, which compares them)."""
    recover_interrupted_swap(out)
    staging = staging_folder(out)
    return staging if not staging.exists() and not out.exists() else None


def write_output(
    pages: Iterable[tuple[str, PageData]], static_files: Iterable[tuple[str, Path]],
    out: Path, *, previous: frozenset[str] | None = None, track: bool = False,
    fresh: bool = False,
) -> WriteReport:
    """Make out hold exactly these pages and static files, switching over in one step.

    The new tree is prepared in a staging folder beside out, then exchanged with it
    atomically. The staging folder is kept after the exchange, holding the previous output:
    the next build only updates the files that differ there, so an unchanged site costs a
    few system calls per file instead of a fresh tree. Unchanged files are hard links to
    the live ones, so they keep their inode and modification time.

    A page whose bytes are None is kept from the previous output as it is. A Written page
    is already in the staging folder, which fresh_staging allowed. pages may be a lazy
    iterator that raises at its end (a render error): out is then left exactly as it was,
    as it is on Ctrl-C or kill -9 at any moment.

    With track, the report carries the StagingLayout; previous, the files of the output
    before this build when known, spares a walk of the staging folder to find it. fresh
    says the staging folder came from fresh_staging: Written pages may already be in it.
    """
    recover_interrupted_swap(out)
    staging = staging_folder(out)
    first = fresh or (not staging.exists() and not out.exists())
    staging.mkdir(parents=True, exist_ok=True)
    sync = _Sync(staging, out, first=first)
    for relative, data in pages:
        sync.page(relative, data)
    for relative, source in static_files:
        sync.page(relative, source.read_bytes())
    written, unchanged = sync.written, sync.unchanged
    sync.page(MARKER, MARKER_TEXT)
    sync.remove_others()
    exchanged = _swap(staging, out)
    if not track:
        return WriteReport(written, unchanged, identities=sync.identities)
    live = frozenset(sync.wanted)
    if not exchanged:  # staging became out: make the next build's staging now, not then
        _mirror(out, staging, live)
        return WriteReport(written, unchanged, StagingLayout(live, frozenset()),
                           sync.identities)
    # Bring staging (the previous output) in line now: a full build takes seconds anyway,
    # and the rebuild after the next save should only touch the files it changes.
    only_staged = (previous if previous is not None else files_below(staging)) - live
    _mirror(out, staging, sync.fresh)
    for relative in only_staged:
        remove_file(staging / relative, staging)
    return WriteReport(written, unchanged, StagingLayout(live, frozenset()), sync.identities)


MARKER_TEXT = b"This folder is written by sitegen and replaced on build.\n"


class _Sync:
    """Brings the staging tree in line with the desired output, file by file."""

    def __init__(self, staging: Path, out: Path, *, first: bool = False) -> None:
        self.staging, self.out = staging, out
        self.first = first
        """Neither folder existed: every file is new, nothing needs comparing or removing."""
        self.wanted: set[str] = set()
        self.fresh: set[str] = set()
        """Paths whose live file is not the previous output's: the staging copy differs."""
        self.folders: set[str] = set()
        """Folders made or found in staging, as strings."""
        # Paths are joined by hand, as strings: this runs for every file of the site.
        self._staging_prefix = os.path.join(os.fspath(staging), "")
        self._out_prefix = os.path.join(os.fspath(out), "")
        self.written = self.unchanged = 0
        self.identities: dict[str, tuple[int, int, int]] = {}
        """Of each file now in staging (see WriteReport)."""

    def page(self, relative: str, data: PageData) -> None:
        if isinstance(data, Written):
            if not self.first:
                raise ValueError(f"{relative} was written into a staging folder in use")
            self._adopt(relative, data.identity)
            return
        if self.first and data is not None:
            self._adopt(relative, write_new_file(str(self.staging), relative, data,
                                                 self.folders))
            return
        self.wanted.add(relative)
        target, live = self._staging_prefix + relative, self._out_prefix + relative
        folder = os.path.dirname(target)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        if data is None or same_bytes(live, data):
            info = share_file(live, target)
            self.unchanged += 1
        else:
            info = (os.stat(target) if same_bytes(target, data, inode_of=live)
                    else write_fresh(target, data))
            self.fresh.add(relative)
            self.written += 1
        self.identities[relative] = (info.st_ino, info.st_size, info.st_mtime_ns)

    def _adopt(self, relative: str, identity: tuple[int, int, int]) -> None:
        """A file new in a staging folder made by this build: no previous file to compare."""
        self.wanted.add(relative)
        self.identities[relative] = identity
        self.fresh.add(relative)
        self.written += 1

    def remove_others(self) -> None:
        """Delete what the previous-but-one build left and this one does not want."""
        if self.first:
            return
        root = str(self.staging)
        for directory, folders, files in os.walk(root, topdown=False):
            prefix = directory[len(root) + 1:].replace(os.sep, "/")
            prefix = prefix + "/" if prefix else ""
            for name in files:
                if prefix + name not in self.wanted:
                    os.unlink(os.path.join(directory, name))
            if not files and not folders and directory != root:
                with contextlib.suppress(OSError):
                    os.rmdir(directory)  # left empty by removals


def _mirror(out: Path, staging: Path, paths: Iterable[str]) -> None:
    """Make staging hold hard links to the given files of out."""
    folders: set[Path] = set()
    for relative in paths:
        target = staging / relative
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        share_file(out / relative, target)


def staging_folder(out: Path) -> Path:
    """The folder beside out where the next output is prepared."""
    return out.with_name(f".{out.name}.staging")


def recover_interrupted_swap(out: Path) -> None:
    """If a build was killed between the two renames of a swap, put the old output back."""
    previous = out.with_name(f".{out.name}.previous")
    if previous.exists():
        if out.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(out)


def _swap(staging: Path, out: Path) -> bool:
    """Put staging in out's place: one atomic exchange where the system offers it.

    True when staging now holds the previous output, the base of the next build.
    """
    if out.exists() and exchange(staging, out):
        return True
    previous = out.with_name(f".{out.name}.previous")
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    if previous.exists():
        shutil.rmtree(previous)
    return False
