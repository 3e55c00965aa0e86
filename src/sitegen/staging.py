"""Writing a few changed files: the staging folder brought up to date without walking it.

The preview server's builder knows, from the last swap, exactly where the staging folder
differs from the live output (a StagingLayout). A rebuild that changed a handful of files
fixes those paths and the ones it changes now, then swaps the folders as a full build does:
the output still changes in one step. Only a process that made the last swap knows its
layout, so a crash leaves nothing to trust: the next process walks the folders again.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sitegen.files import exchange, remove_file, share_file, write_fresh
from sitegen.output import MARKER, StagingLayout, WriteReport, staging_folder


def write_changes(out: Path, layout: StagingLayout, changed: Mapping[str, bytes],
                  wanted: frozenset[str]) -> WriteReport:
    """Make out hold wanted, where changed gives new bytes and every other file stays.

    Raises OSError when the folders cannot be exchanged atomically; the caller then falls
    back to a full write. Files whose bytes equal the live ones count as unchanged.
    """
    staging = staging_folder(out)
    fresh = {path: data for path, data in changed.items() if not _holds(out / path, data)}
    removed = layout.live - wanted
    for path in sorted(layout.differing | removed | fresh.keys()):
        target = staging / path
        if path in fresh:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_fresh(target, fresh[path])
        elif path in wanted:
            target.parent.mkdir(parents=True, exist_ok=True)
            share_file(out / path, target)
        else:
            remove_file(target, staging)
    if not exchange(staging, out):
        raise OSError(f"cannot exchange {staging} and {out} atomically")
    unchanged = len(wanted - fresh.keys() - {MARKER})
    return WriteReport(len(fresh), unchanged,
                       StagingLayout(wanted, frozenset(fresh) | removed))


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
