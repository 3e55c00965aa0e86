"""Which articles and static files a batch of changed paths touches, read from disk.

The preview server's builder applies such changes to the last build it keeps in memory
(sitegen.live). Anything else (site.yaml, templates, catalogs, authors, a folder) is not
a Changes: the builder then builds the whole site again.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.document import SourceFile
from sitegen.project import Project
from sitegen.sources import AUTHORS_FOLDER, is_ignored_name


@dataclass(frozen=True, slots=True)
class Changes:
    """Articles changed, added or deleted, and whether static files changed."""

    articles: Mapping[str, SourceFile | None]
    """Source path -> the file as it is now, None when it is gone."""
    static: bool = False


class NeedsFullBuild(Exception):
    """A change that only a full build handles; the message says which and why."""


def read_changes(paths: Iterable[Path], project: Project,
                 languages: Collection[str]) -> Changes:
    """The changes in paths, with the new bytes of every changed article.

    Raises NeedsFullBuild for any path that is not an article file or a static file.
    Paths outside the sources, hidden files and editors' temporary files are ignored.
    """
    articles: dict[str, SourceFile | None] = {}
    static = False
    for path in sorted(set(paths)):
        if path == project.config_path:
            raise NeedsFullBuild(f"{path.name} changed")
        folder = next((f for f in (project.content, project.templates, project.static)
                       if path.is_relative_to(f)), None)
        if folder is None:
            continue
        parts = path.relative_to(folder).parts
        if any(is_ignored_name(part) for part in parts):
            continue
        if folder == project.static:
            static = True
        elif folder == project.templates or not parts:
            raise NeedsFullBuild(f"{project.relative(path)} changed")
        else:
            source = _article_file(path, parts, project, languages)
            if source is not None:
                articles[source[0]] = source[1]
    return Changes(articles, static)


def _article_file(path: Path, parts: tuple[str, ...], project: Project,
                  languages: Collection[str]) -> tuple[str, SourceFile | None] | None:
    """(source path, file or None when deleted) for an article file; None for other files."""
    label = unicodedata.normalize("NFC", path.relative_to(project.root).as_posix())
    if parts[0] == AUTHORS_FOLDER or parts[0] not in languages or len(parts) < 2:
        raise NeedsFullBuild(f"{label} is not an article file")
    if path.is_symlink() or path.is_dir() or (path.suffix != ".md" and not path.exists()):
        raise NeedsFullBuild(f"{label} is a folder or a link, or was one")
    if path.suffix != ".md":
        return None  # a file that is not content, beside the articles
    try:
        return label, SourceFile(label, parts[0], path.read_bytes())
    except FileNotFoundError:
        return label, None
