"""Reading the project's content from disk: the only place content files are read."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sitegen.document import SourceFile
from sitegen.errors import Problem
from sitegen.fields import did_you_mean

AUTHORS_FOLDER = "authors"
_IGNORED_PREFIXES = (".", "_", "#")
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".bak")


@dataclass(frozen=True, slots=True)
class AuthorFile:
    id: str
    path: str
    text: str


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """An article file found below content/, its bytes not read yet.

    The parse workers of a first build read the files themselves, in parallel; a build
    that has parsed documents to reuse reads them first, to look them up by content.
    """

    path: str
    """Project-relative POSIX path, Unicode NFC."""
    lang: str
    """Language folder the file lives in."""
    location: str
    """Where the file is on disk."""

    def read(self) -> SourceFile:
        """The file's bytes; OSError when it cannot be read."""
        return SourceFile(self.path, self.lang, read_bytes(self.location))


@dataclass(frozen=True, slots=True)
class ContentFiles:
    """Every content file of a project, in a fixed order; articles not read yet."""

    articles: tuple[ArticleFile, ...]
    authors: tuple[AuthorFile, ...]
    problems: tuple[Problem, ...]


def is_ignored_name(name: str) -> bool:
    """Hidden files, editor swap and backup files are never content."""
    return name.startswith(_IGNORED_PREFIXES) or name.endswith(_IGNORED_SUFFIXES)


def list_content(project: Path, languages: Collection[str]) -> ContentFiles:
    """Find every article file below project/content, and read the author files."""
    content = project / "content"
    problems: list[Problem] = []
    articles: list[ArticleFile] = []
    if not content.is_dir():
        problems.append(Problem("content", None, "the content folder is missing",
                                "create content/<lang>/ folders with Markdown articles"))
        return ContentFiles((), (), tuple(problems))
    for folder in sorted(content.iterdir()):
        if folder.name == AUTHORS_FOLDER or is_ignored_name(folder.name) or not folder.is_dir():
            continue
        if folder.name not in languages:
            problems.append(Problem(_relative(folder, project), None,
                                    f"folder {folder.name!r} is not a language of the site",
                                    did_you_mean(folder.name, languages)))
            continue
        articles += (ArticleFile(relative, folder.name, path)
                     for relative, path in _walk(folder, project, ".md"))
    return ContentFiles(tuple(articles), tuple(_read_authors(content, project)), tuple(problems))


def walk_files(folder: Path, project: Path, *, suffix: str = "") -> list[Path]:
    """Files below folder in a fixed order, skipping ignored names and links leaving project."""
    return [Path(path) for _, path in _walk(folder, project, suffix)]


def _walk(folder: Path, project: Path, suffix: str) -> list[tuple[str, str]]:
    """(project-relative NFC POSIX path, path) of the files walk_files finds, in its order.

    Paths are built as strings, and the folders read with scandir, which tells links and
    folders apart without a system call per file: for an archive of ten thousand
    articles, Path objects and a stat of each file cost more than reading the files.
    Links to folders are not followed; links to files are kept when they stay inside
    project; an unreadable folder is skipped, as os.walk skips it.
    """
    found: list[tuple[str, str]] = []
    root = project.resolve()
    prefix = folder.relative_to(project).as_posix()
    pending = [(os.fspath(folder), prefix)]
    while pending:
        directory, relative = pending.pop()
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            if is_ignored_name(entry.name):
                continue
            if entry.is_dir():
                if not entry.is_symlink():
                    pending.append((entry.path, f"{relative}/{entry.name}"))
            elif entry.name.endswith(suffix) and (
                    not entry.is_symlink() or Path(entry.path).resolve().is_relative_to(root)):
                found.append((unicodedata.normalize("NFC", f"{relative}/{entry.name}"),
                              entry.path))
    found.sort()
    return found


def read_bytes(path: str) -> bytes:
    """The bytes of a file, read with os-level calls: a Python file object costs more
    than the reading itself for a small file."""
    descriptor = os.open(path, _READ_FLAGS)
    try:
        size = os.fstat(descriptor).st_size
        parts = [os.read(descriptor, size + 1)]
        while parts[-1]:  # until the end, should the file grow meanwhile
            parts.append(os.read(descriptor, 1 << 16))
    finally:
        os.close(descriptor)
    return b"".join(parts) if len(parts) > 2 else parts[0]


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_authors(content: Path, project: Path) -> list[AuthorFile]:
    folder = content / AUTHORS_FOLDER
    if not folder.is_dir():
        return []
    return [
        AuthorFile(path.stem, _relative(path, project), path.read_text("utf-8-sig"))
        for path in sorted(folder.iterdir())
        if path.suffix in (".yaml", ".yml") and not is_ignored_name(path.name)
    ]


def _relative(path: Path, project: Path) -> str:
    return unicodedata.normalize("NFC", path.relative_to(project).as_posix())
