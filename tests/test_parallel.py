"""map_ordered: results in the order of the items, whatever the workers, with bounded memory;
in_background: one result worked out beside the caller."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from sitegen.parallel import IN_FLIGHT_PER_WORKER, in_background, map_ordered


def square_chunk(state: dict[str, Any], items: Sequence[int]) -> list[int]:
    with state["started"].get_lock():
        state["started"].value += 1
    if state.get("fail") in items:
        raise ValueError(f"item {state['fail']}")
    return [item * item for item in items]


def new_state(**extra: Any) -> dict[str, Any]:
    return {"started": multiprocessing.get_context("fork").Value("i", 0), **extra}


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_results_come_in_the_order_of_the_items(jobs: int) -> None:
    items = list(range(100))
    assert list(map_ordered(square_chunk, items, jobs=jobs, state=new_state(), chunk=3)) == [
        item * item for item in items]


def test_a_worker_error_reaches_the_consumer() -> None:
    with pytest.raises(ValueError, match="item 57"):
        list(map_ordered(square_chunk, list(range(100)), jobs=2, state=new_state(fail=57),
                         chunk=4))


def test_workers_stay_a_bounded_number_of_chunks_ahead_of_a_slow_consumer() -> None:
    state = new_state()
    results = map_ordered(square_chunk, list(range(400)), jobs=2, state=state, chunk=4)
    assert next(results) == 0
    time.sleep(0.5)  # room for unbounded workers to run through all 100 chunks
    assert state["started"].value <= 2 * IN_FLIGHT_PER_WORKER + 1
    assert sum(1 for _ in results) == 399
    assert state["started"].value == 100


def worker_of_chunk(state: dict[str, Any], items: Sequence[int]) -> list[tuple[int, int]]:
    time.sleep(0.002)  # long enough for every worker to take a share
    return [(item, os.getpid()) for item in items]


@pytest.mark.parametrize("jobs", [1, 2, 3, 4])
@pytest.mark.parametrize("count", [0, 1, 7, 100, 101])
def test_from_both_ends_keeps_the_order_and_takes_every_item_once(jobs: int,
                                                                  count: int) -> None:
    items = list(range(count))
    results = list(map_ordered(square_chunk, items, jobs=jobs, state=new_state(), chunk=3,
                               from_both_ends=True))
    assert results == [item * item for item in items]


def test_from_both_ends_each_worker_keeps_a_run_of_neighbouring_items() -> None:
    results = list(map_ordered(worker_of_chunk, list(range(600)), jobs=2, state={}, chunk=5,
                               from_both_ends=True))
    assert [item for item, _ in results] == list(range(600))
    workers = [pid for _, pid in results]
    assert len(set(workers)) == 2
    # One worker ran the front and the other the back: the worker changes once, where the
    # two ends met, instead of at almost every chunk.
    changes = sum(1 for before, after in itertools.pairwise(workers) if before != after)
    assert changes == 1


def test_from_both_ends_passes_a_worker_error_on() -> None:
    with pytest.raises(ValueError, match="item 57"):
        list(map_ordered(square_chunk, list(range(100)), jobs=2, state=new_state(fail=57),
                         chunk=4, from_both_ends=True))


@pytest.mark.parametrize("both_ends", [False, True])
def test_finished_counts_every_item_as_its_chunk_is_done(both_ends: bool) -> None:
    yielded = 0
    reports: list[tuple[int, int]] = []  # (items finished, items yielded so far)
    results = map_ordered(worker_of_chunk, list(range(600)), jobs=2, state={}, chunk=5,
                          from_both_ends=both_ends,
                          finished=lambda done: reports.append((done, yielded)))
    for _ in results:
        yielded += 1
    done = [finished for finished, _ in reports]
    assert done == sorted(done) and done[-1] == 600
    if both_ends:
        # The back half finishes long before its turn to be yielded, and is counted then.
        assert max(finished - seen for finished, seen in reports) > 100


class Unpicklable:
    """An item that cannot travel through a pipe: workers must inherit it."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __reduce__(self) -> Any:
        raise TypeError("items are inherited by the workers, never pickled")


def value_chunk(state: dict[str, Any], items: Sequence[Unpicklable]) -> list[int]:
    return [item.value for item in items]


@pytest.mark.parametrize("both_ends", [False, True])
def test_items_reach_the_workers_without_being_pickled(both_ends: bool) -> None:
    items = [Unpicklable(n) for n in range(50)]
    assert list(map_ordered(value_chunk, items, jobs=2, state={}, chunk=4,
                            from_both_ends=both_ends)) == list(range(50))


def bytes_chunk(state: dict[str, Any], items: Sequence[int]) -> list[Any]:
    if state.get("fail") in items:
        raise ValueError(f"item {state['fail']}")
    # Sizes from empty to well past a pipe's 64 KiB, each result its own pattern.
    return [state.get("as", bytes)(bytes([item % 251]) * (item * 997 % 150_000))
            for item in items]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_spooled_results_come_back_whole_and_in_order(jobs: int) -> None:
    items = list(range(60))
    results = list(map_ordered(bytes_chunk, items, jobs=jobs, state={}, chunk=4, spool=True))
    assert results == bytes_chunk({}, items)
    assert all(type(result) is bytes for result in results)


@pytest.mark.parametrize("fail", [None, 37])
def test_spooled_results_leave_no_file_behind(fail: int | None, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    results = map_ordered(bytes_chunk, list(range(60)), jobs=2, state={"fail": fail},
                          chunk=4, spool=True)
    assert next(results) == b""
    # The spool files have no name: nothing to remove after a crash, nor even a kill -9.
    assert list(tmp_path.iterdir()) == []
    if fail is None:
        assert len(list(results)) == 59
    else:
        with pytest.raises(ValueError, match="item 37"):
            list(results)
    assert list(tmp_path.iterdir()) == []


def test_spooled_results_must_be_bytes() -> None:
    with pytest.raises(TypeError, match="bytes"):
        list(map_ordered(bytes_chunk, list(range(20)), jobs=2, state={"as": bytearray},
                         chunk=4, spool=True))


def test_a_worker_that_cannot_spool_sends_its_results_through_the_pipe(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "pwrite", full)  # the forked workers inherit the patch
    items = list(range(30))
    assert list(map_ordered(bytes_chunk, items, jobs=2, state={}, chunk=4,
                            spool=True)) == bytes_chunk({}, items)


def test_without_a_temporary_folder_results_take_the_pipe(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    items = list(range(30))
    assert list(map_ordered(bytes_chunk, items, jobs=2, state={}, chunk=4,
                            spool=True)) == bytes_chunk({}, items)


def pid_and_sum(state: dict[str, Any]) -> tuple[int, int]:
    if state.get("fail"):
        raise ValueError("no sum today")
    return os.getpid(), sum(state["numbers"])


@pytest.mark.parametrize("jobs", [1, 2])
def test_in_background_gives_what_the_function_gives(jobs: int) -> None:
    with in_background(pid_and_sum, {"numbers": range(10)}, jobs=jobs) as result:
        pid, total = result()
    assert total == 45
    assert (pid == os.getpid()) == (jobs == 1)  # with two jobs, another process worked


def test_in_background_runs_while_the_block_goes_on() -> None:
    started = multiprocessing.get_context("fork").Event()
    with in_background(lambda state: state["started"].set() or 1, {"started": started},
                       jobs=2) as result:
        assert started.wait(timeout=30)  # set by the other process before anyone asked
        assert result() == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_in_background_passes_an_error_on(jobs: int) -> None:
    with in_background(pid_and_sum, {"fail": True}, jobs=jobs) as result, \
            pytest.raises(ValueError, match="no sum today"):
        result()


def test_in_background_stops_its_process_when_the_block_ends_first() -> None:
    before = set(multiprocessing.active_children())
    with in_background(lambda state: time.sleep(60), {}, jobs=2):
        assert len(set(multiprocessing.active_children()) - before) == 1
    assert set(multiprocessing.active_children()) == before
