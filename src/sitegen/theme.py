"""The default theme shipped inside the package, and a site's own files layered over it.

A site's templates/ and static/ override the packaged ones file by file, so a newsroom can
restyle one partial without forking the theme.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sitegen.project import Project
from sitegen.sources import walk_files

THEME = Path(__file__).resolve().parent / "theme"
THEME_STATIC = ("css/", "images/favicon.svg", "images/logo.svg")
"""The theme's own static files; the rest of the repository's static/ is the demo's."""


def template_dirs(project: Project) -> list[Path]:
    """Where templates are looked up, the site's own first."""
    dirs = [project.templates] if project.templates.is_dir() else []
    packaged = THEME / "templates"
    if packaged.is_dir() and not any(_same(packaged, d) for d in dirs):
        dirs.append(packaged)
    return dirs


def static_dirs(project: Project) -> list[Path]:
    """Folders static files are copied from: the theme's and the site's."""
    return [THEME / "static", project.static]


def static_files(project: Project) -> Iterator[tuple[str, Path]]:
    """Files to copy into the output: the theme's, then the site's (which win)."""
    chosen: dict[str, Path] = {}
    for folder, root in ((THEME / "static", THEME), (project.static, project.root)):
        if folder.is_dir():
            for path in walk_files(folder, root):
                relative = path.relative_to(folder).as_posix()
                if folder == project.static or relative.startswith(THEME_STATIC):
                    chosen[relative] = path
    for relative in sorted(chosen):
        yield relative, chosen[relative]


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
