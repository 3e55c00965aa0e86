"""The scaffolder's only writer: new files are created exclusively, edits replace atomically."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from sitegen.scaffold.errors import RefusedError
from sitegen.scaffold.plans import Plan


def apply_plan(root: Path, plan: Plan) -> None:
    """Create plan.created, then apply the edits; refuse if the new file exists already."""
    create_file(root / plan.created, plan.text, label=plan.created)
    for relative, data in plan.edits:
        replace_file(root / relative, data)


def create_file(path: Path, text: str, *, label: str) -> None:
    """Write a new file, never overwriting one (even one created a moment ago)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise RefusedError(f"{label} exists already",
                           "nothing was written; edit that file, or choose another headline"
                           ) from None


def create_files(root: Path, files: Mapping[str, str]) -> None:
    """Create every file of files (relative path -> text) below root."""
    for relative, text in files.items():
        create_file(root / relative, text, label=relative)


def replace_file(path: Path, data: bytes) -> None:
    """Replace path's content atomically, keeping its permissions."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    shutil.copymode(path, temporary)
    os.replace(temporary, path)
