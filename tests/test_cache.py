"""The parse cache file: streamed to disk with its checksum, and never trusted when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cache import ParseCache, load_cache, save_cache

ENTRIES = {"k1": ("article", "<p>un</p>" * 100), "k2": ("article", "<p>deux</p>")}


def saved(tmp_path: Path) -> Path:
    cache = ParseCache("stamp")
    for key, value in ENTRIES.items():
        cache.put(key, value)
    path = tmp_path / ".sitegen-cache" / "parsed.pickle"
    save_cache(path, cache)
    return path


def test_saved_entries_load_back(tmp_path: Path) -> None:
    loaded = load_cache(saved(tmp_path), "stamp")
    assert loaded.entries == ENTRIES
    assert [p.name for p in (tmp_path / ".sitegen-cache").iterdir()] != []
    assert not list((tmp_path / ".sitegen-cache").glob(".*.tmp"))


def test_another_fingerprint_gets_an_empty_cache(tmp_path: Path) -> None:
    assert load_cache(saved(tmp_path), "other").entries == {}


@pytest.mark.parametrize("damage", ["flip", "truncate", "header", "empty"])
def test_a_damaged_file_gets_an_empty_cache(tmp_path: Path, damage: str) -> None:
    path = saved(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01  # inside a string: still a valid pickle
    elif damage == "truncate":
        del data[len(data) // 2:]
    elif damage == "header":
        data[0:5] = b"xxxxx"
    else:
        data.clear()
    path.write_bytes(bytes(data))
    assert load_cache(path, "stamp").entries == {}
