"""What a batch of changed paths asks of the open pages: restyle, reload, or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from sitegen.project import Project
from sitegen.sources import is_ignored_name

Change = Literal["css", "reload"]
"""'css': only stylesheets changed, swap them in place; 'reload': load the page again."""


def is_source_path(path: Path, project: Project) -> bool:
    """Whether path is site.yaml or a file below content/, templates/ or static/.

    Hidden files, editor swap and backup files (any part of the path) never count.
    """
    if path == project.config_path:
        return True
    for folder in (project.content, project.templates, project.static):
        if path.is_relative_to(folder) and path != folder:
            return not any(is_ignored_name(part) for part in path.relative_to(folder).parts)
    return False


def classify(batch: Iterable[Path], project: Project) -> Change | None:
    """'css' when every changed source is a stylesheet under static/, else 'reload'.

    None when no path of the batch is a source of the site.
    """
    changed = [path for path in batch if is_source_path(path, project)]
    if not changed:
        return None
    if all(path.suffix == ".css" and path.is_relative_to(project.static) for path in changed):
        return "css"
    return "reload"
