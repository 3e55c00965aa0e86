"""The parse cache file: streamed to disk with its checksum, and never trusted when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cache import ParseCache, load_cache, pickled, save_cache, writing_cache

VALUES = {"k1": ("article", "<p>un</p>" * 100), "k2": ("article", "<p>deux</p>")}
ENTRIES = {key: pickled(value) for key, value in VALUES.items()}


def saved(tmp_path: Path) -> Path:
    path = tmp_path / ".sitegen-cache" / "parsed.pickle"
    save_cache(path, "stamp", ENTRIES)
    return path


def test_saved_entries_load_back(tmp_path: Path) -> None:
    loaded = load_cache(saved(tmp_path), "stamp")
    assert loaded.stored == ENTRIES
    assert {key: loaded.get(key) for key in VALUES} == VALUES
    assert loaded.get("k3") is None
    assert not list((tmp_path / ".sitegen-cache").glob(".*.tmp"))


def test_stale_counts_the_stored_entries_not_used(tmp_path: Path) -> None:
    loaded = load_cache(saved(tmp_path), "stamp")
    assert loaded.stale == 2
    loaded.get("k1")
    assert loaded.stale == 1
    loaded.get("k2")
    assert loaded.stale == 0


def test_remembered_results_are_used_before_stored_ones() -> None:
    cache = ParseCache("stamp", stored=ENTRIES, remembered={"k1": "in memory"})
    assert (cache.get("k1"), cache.get("k2")) == ("in memory", VALUES["k2"])
    assert cache.used == {"k1": "in memory", "k2": VALUES["k2"]}


def test_an_error_while_writing_keeps_the_previous_cache(tmp_path: Path) -> None:
    path = saved(tmp_path)
    before = path.read_bytes()
    with pytest.raises(KeyboardInterrupt), writing_cache(path, "stamp") as writer:
        writer.add("k9", pickled("half"))
        raise KeyboardInterrupt
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


def test_another_fingerprint_gets_an_empty_cache(tmp_path: Path) -> None:
    assert load_cache(saved(tmp_path), "other").stored == {}


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
    assert load_cache(path, "stamp").stored == {}
