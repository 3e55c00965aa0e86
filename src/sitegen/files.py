"""File operations of the output writer: files written new, shared as hard links, compared,
removed, and folders exchanged atomically. Nothing here ever writes through a file that the
live output shares."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import stat
import sys
from pathlib import Path


def write_new_file(root: str, relative: str, data: bytes, folders: set[str]
                   ) -> tuple[int, int, int]:
    """Write a file that does not exist yet below root; its (inode, size, mtime).

    folders holds the folders this process already made, to skip their creation.
    """
    target = os.path.join(root, relative)
    folder = os.path.dirname(target)
    if folder not in folders:
        _make_folder(folder)
        folders.add(folder)
    # os-level calls, not a file object: a large site writes tens of thousands of pages.
    descriptor = os.open(target, _WRITE_FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        info = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    return (info.st_ino, info.st_size, info.st_mtime_ns)


_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _make_folder(folder: str) -> None:
    """Make folder, whose parent usually exists (a page's folder, beside its siblings'):
    one system call, where os.makedirs looks at the parent first."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise


def files_below(root: Path) -> frozenset[str]:
    """Every file below root, as POSIX paths relative to it."""
    found: set[str] = set()
    base = str(root)
    for directory, _, files in os.walk(base):
        prefix = directory[len(base) + 1:].replace(os.sep, "/")
        found.update(f"{prefix}/{name}" if prefix else name for name in files)
    return frozenset(found)


def share_file(live: str | Path, target: str | Path) -> os.stat_result:
    """Make target the same file as live (a hard link), unless it already is; its status."""
    info = os.stat(live)
    try:
        if os.path.samestat(os.lstat(target), info):
            return info
        os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(live, target)
    except OSError:
        shutil.copyfile(live, target)  # no hard links on this file system
        return os.stat(target)
    return info


def write_fresh(target: str | Path, data: bytes) -> os.stat_result:
    """Write a new file: never through a hard link that the live output shares; its
    status once written."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    with open(target, "wb") as handle:
        handle.write(data)
        handle.flush()
        return os.fstat(handle.fileno())


def remove_file(path: Path, root: Path) -> None:
    """Delete a file, and the folders up to root it leaves empty."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = folder.parent


def same_bytes(path: str | Path, data: bytes, *, inode_of: str | Path | None = None
               ) -> bool:
    """True when path holds data (and, with inode_of, is not the same file as it)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        if inode_of is not None:
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                if os.path.samestat(info, os.stat(inode_of)):
                    return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def exchange(a: Path, b: Path) -> bool:
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
