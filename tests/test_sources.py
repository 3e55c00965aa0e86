"""list_content and walk_files: which files are content, in which order, with what bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.sources import list_content, read_bytes, walk_files


def write(path: Path, data: bytes = b"---\n---\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_articles_come_in_path_order_with_their_bytes(tmp_path: Path) -> None:
    write(tmp_path / "content/fr/b.md", b"B")
    write(tmp_path / "content/fr/2024/z.md", b"Z")
    write(tmp_path / "content/fr/2024/a.md", b"A")
    write(tmp_path / "content/en/a.md", b"E")
    write(tmp_path / "content/authors/chloe.yaml", b"name: Chloe\n")
    files = list_content(tmp_path, {"fr", "en"})
    assert [(a.path, a.lang, a.read().raw) for a in files.articles] == [
        ("content/en/a.md", "en", b"E"),
        ("content/fr/2024/a.md", "fr", b"A"),
        ("content/fr/2024/z.md", "fr", b"Z"),
        ("content/fr/b.md", "fr", b"B"),
    ]
    assert [a.id for a in files.authors] == ["chloe"]
    assert files.problems == ()


def test_hidden_backup_and_other_files_are_not_content(tmp_path: Path) -> None:
    for name in (".draft.md", "_notes.md", "#a.md#", "a.md~", "a.md.swp", "notes.txt"):
        write(tmp_path / "content/fr" / name)
    write(tmp_path / "content/fr/.git/x.md")
    write(tmp_path / "content/fr/_drafts/y.md")
    write(tmp_path / "content/fr/kept.md")
    assert [a.path for a in list_content(tmp_path, {"fr"}).articles] == ["content/fr/kept.md"]


def test_names_are_normalized_to_nfc(tmp_path: Path) -> None:
    write(tmp_path / "content/fr" / "e\u0301te\u0301.md")  # "été", decomposed
    paths = [a.path for a in list_content(tmp_path, {"fr"}).articles]
    assert paths == ["content/fr/\u00e9t\u00e9.md"]


def test_links_leaving_the_project_and_links_to_folders_are_not_followed(tmp_path: Path) -> None:
    project, outside = tmp_path / "site", tmp_path / "outside"
    write(outside / "secret.md")
    write(outside / "folder/inner.md")
    write(project / "content/fr/real.md")
    write(project / "shared/inside.md")
    (project / "content/fr/secret.md").symlink_to(outside / "secret.md")
    (project / "content/fr/folder").symlink_to(outside / "folder")
    (project / "content/fr/inside.md").symlink_to(project / "shared/inside.md")
    found = [p.relative_to(project).as_posix()
             for p in walk_files(project / "content", project, suffix=".md")]
    assert found == ["content/fr/inside.md", "content/fr/real.md"]


def test_an_unreadable_folder_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    write(tmp_path / "content/fr/locked/a.md")
    write(tmp_path / "content/fr/b.md")
    real_scandir = os.scandir
    locked = str(tmp_path / "content/fr/locked")

    def scandir(path: str) -> object:
        if os.fspath(path) == locked:  # as chmod 0 would, for anyone but root
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [a.path for a in list_content(tmp_path, {"fr"}).articles] == ["content/fr/b.md"]


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 300_001])
def test_read_bytes_reads_the_whole_file(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    assert read_bytes(str(write(tmp_path / "f.md", data))) == data


def test_read_bytes_reads_what_a_file_grew_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    path = write(tmp_path / "f.md", b"a" * 10)
    real_fstat = os.fstat

    def stale_fstat(descriptor: int) -> os.stat_result:
        result = real_fstat(descriptor)
        return os.stat_result((*result[:6], 3, *result[7:]))  # an older, smaller size

    monkeypatch.setattr(os, "fstat", stale_fstat)
    assert read_bytes(str(path)) == b"a" * 10
