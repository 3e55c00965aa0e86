"""The persistent build cache (.sitegen-cache/): parsed documents keyed by content hash.

Each entry is stored as the pickle a worker made of its result, so that a cold build never
pickles the whole archive a second time: entries stream to the file as they arrive.

A cache from another engine version, another project, another configuration, or a file
that is corrupt, is ignored: never trusted, never an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import pickle
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import markdown
import pyromark

from sitegen import __version__

FORMAT = 2
_MAGIC = b"sitegen-cache\n"
_CHECKSUM_LENGTH = len(hashlib.blake2b().hexdigest())


class ParseCache:
    """Parse results by content key, and the keys this build used (the rest is pruned).

    Results come from the cache file, as pickles unpickled on first use, or, in a
    long-running builder, from the previous build's memory.
    """

    def __init__(self, fingerprint: str, stored: Mapping[str, bytes] | None = None,
                 remembered: Mapping[str, Any] | None = None) -> None:
        self.fingerprint = fingerprint
        self.stored: Mapping[str, bytes] = stored or {}
        """Key -> pickled result, as read from the cache file."""
        self._remembered: Mapping[str, Any] = remembered or {}
        self.used: dict[str, Any] = {}
        """Key -> result, for every key this build asked for or parsed."""

    def get(self, key: str) -> Any | None:
        value = self._remembered.get(key)
        if value is None:
            blob = self.stored.get(key)
            if blob is None:
                return None
            value = pickle.loads(blob)
        self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    @property
    def stale(self) -> int:
        """How many stored entries this build did not use."""
        return sum(1 for key in self.stored if key not in self.used)


def content_key(path: str, lang: str, raw: bytes) -> str:
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"\0{path}\0{lang}".encode())
    return digest.hexdigest()


def pickled(value: Any) -> bytes:
    """A value as the cache stores it (and as workers send it back)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


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
        records = pickle.Unpickler(io.BytesIO(payload))
        if records.load() != expected:
            return ParseCache(expected)
        stored: dict[str, bytes] = {}
        while (record := records.load()) is not None:
            key, blob = record
            stored[key] = blob
        return ParseCache(expected, stored)
    except Exception:  # noqa: BLE001 - any unreadable cache is simply not used
        return ParseCache(expected)


class CacheWriter:
    """Appends (key, pickled result) records to a new cache file."""

    def __init__(self, handle: BinaryIO, fingerprint: str) -> None:
        self._hashing = _HashingWriter(handle)
        self._pickler = pickle.Pickler(self._hashing, protocol=pickle.HIGHEST_PROTOCOL)
        self._pickler.dump(fingerprint)

    def add(self, key: str, blob: bytes) -> None:
        self._pickler.dump((key, blob))
        self._pickler.clear_memo()

    def finish(self) -> str:
        """End the records; the checksum of everything written."""
        self._pickler.dump(None)
        return self._hashing.hasher.hexdigest()


@contextlib.contextmanager
def writing_cache(path: Path, fingerprint: str) -> Iterator[CacheWriter]:
    """A CacheWriter whose file replaces path atomically when the block ends without error.

    Records stream to a temporary file through their checksum, never whole in memory: for
    a large archive they are tens of megabytes. On an error the temporary file is removed
    and the previous cache stays.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / ".gitignore").write_text("*\n")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(_MAGIC + b"0" * _CHECKSUM_LENGTH + b"\n")
            writer = CacheWriter(handle, fingerprint)
            yield writer
            checksum = writer.finish()
            handle.seek(len(_MAGIC))
            handle.write(checksum.encode())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def save_cache(path: Path, fingerprint: str, entries: Mapping[str, bytes]) -> None:
    """Write a whole cache file at once (tests and tools; builds stream with writing_cache)."""
    with writing_cache(path, fingerprint) as writer:
        for key, blob in entries.items():
            writer.add(key, blob)


class _HashingWriter:
    """A binary file that also feeds what it writes to a checksum."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.hasher = hashlib.blake2b()

    def write(self, data: bytes) -> int:
        self.hasher.update(data)
        return self.handle.write(data)
