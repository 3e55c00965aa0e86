"""The persistent build cache (.sitegen-cache/): parsed documents keyed by content hash.

A cache from another engine version, another project, another configuration, or a file
that is corrupt, is ignored: never trusted, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import markdown
import pyromark

from sitegen import __version__

FORMAT = 1
_MAGIC = b"sitegen-cache\n"


@dataclass(slots=True)
class ParseCache:
    """Parse results by content key, plus the keys used by this build (the rest is pruned)."""

    fingerprint: str
    entries: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> Any | None:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value


def content_key(path: str, lang: str, raw: bytes) -> str:
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"\0{path}\0{lang}".encode())
    return digest.hexdigest()


@functools.cache
def engine_digest() -> str:
    """Digest of sitegen's own code and data: a cache made by other code is not trusted."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.blake2b(digest_size=20)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".js") and "theme" not in path.parts:
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def fingerprint(project: Path, *parts: object) -> str:
    """Everything besides a file's bytes that changes how it parses."""
    text = repr((FORMAT, __version__, engine_digest(), markdown.__version__, pyromark.__version__,
                 str(project.resolve()), parts))
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def load_cache(path: Path, expected: str) -> ParseCache:
    """The cache at path if it is intact and made for expected; an empty one otherwise."""
    try:
        with open(path, "rb") as handle:
            magic, checksum = handle.readline(), handle.readline().rstrip(b"\n")
            payload = handle.read()
        if magic != _MAGIC or hashlib.blake2b(payload).hexdigest().encode() != checksum:
            return ParseCache(expected)
        stored_fingerprint, entries = pickle.loads(payload)
        if stored_fingerprint != expected or not isinstance(entries, dict):
            return ParseCache(expected)
        return ParseCache(expected, entries)
    except Exception:  # noqa: BLE001 - any unreadable cache is simply not used
        return ParseCache(expected)


def save_cache(path: Path, cache: ParseCache) -> None:
    """Write the entries this build used, atomically (a temporary file, then a rename).

    The pickle streams to the file through its checksum, never whole in memory: for a
    large archive it is tens of megabytes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / ".gitignore").write_text("*\n")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(_MAGIC + b"0" * _CHECKSUM_LENGTH + b"\n")
        hashing = _HashingWriter(handle)
        pickle.dump((cache.fingerprint, cache.used), hashing, protocol=pickle.HIGHEST_PROTOCOL)
        handle.seek(len(_MAGIC))
        handle.write(hashing.hasher.hexdigest().encode())
    os.replace(temporary, path)


_CHECKSUM_LENGTH = len(hashlib.blake2b().hexdigest())


class _HashingWriter:
    """A binary file that also feeds what it writes to a checksum."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.hasher = hashlib.blake2b()

    def write(self, data: bytes) -> int:
        self.hasher.update(data)
        return self.handle.write(data)
