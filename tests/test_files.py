"""write_new_file: pages written straight into a new staging folder, by any process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.files import write_new_file


def test_missing_folders_are_made_and_the_identity_is_the_files(tmp_path: Path) -> None:
    folders: set[str] = set()
    identity = write_new_file(str(tmp_path), "fr/monde/titre/index.html", b"<p>a</p>", folders)
    target = tmp_path / "fr/monde/titre/index.html"
    assert target.read_bytes() == b"<p>a</p>"
    info = target.stat()
    assert identity == (info.st_ino, info.st_size, info.st_mtime_ns)
    assert folders == {str(target.parent)}


def test_a_folder_another_process_made_is_used_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "fr/monde/a").mkdir(parents=True)
    (tmp_path / "fr/monde/a/image.svg").write_bytes(b"<svg/>")
    write_new_file(str(tmp_path), "fr/monde/a/index.html", b"x" * 100_000, set())
    assert (tmp_path / "fr/monde/a/index.html").read_bytes() == b"x" * 100_000
    assert (tmp_path / "fr/monde/a/image.svg").read_bytes() == b"<svg/>"


def test_a_file_where_the_folder_goes_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr/monde").write_bytes(b"not a folder")
    with pytest.raises(FileExistsError):
        write_new_file(str(tmp_path), "fr/monde/index.html", b"<p>a</p>", set())
    assert (tmp_path / "fr/monde").read_bytes() == b"not a folder"


def test_files_are_made_with_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_new_file(str(tmp_path), "a/index.html", b"", set())
    finally:
        os.umask(umask)
    assert (tmp_path / "a/index.html").stat().st_mode & 0o777 == 0o644
