"""Ordered parallel map over worker processes, so output never depends on the worker count."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

IN_FLIGHT_PER_WORKER = 3
"""Chunks given to each worker ahead of the one the consumer is waiting for."""

# The state a forked worker inherits from its parent (a renderer, a site). It is set only
# inside worker processes, by their initializer, and never read in the parent.
_WORKER_STATE: dict[str, Any] = {}


def default_jobs() -> int:
    return os.cpu_count() or 1


def worker_state() -> dict[str, Any]:
    """The state given to map_ordered, as seen from inside a worker."""
    return _WORKER_STATE


def map_ordered(
    func: Callable[[dict[str, Any], Sequence[Item]], list[Result]],
    items: Sequence[Item],
    *,
    jobs: int,
    state: dict[str, Any],
    chunk: int = 64,
    from_both_ends: bool = False,
    finished: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Apply func to chunks of items; results come back in the order of items.

    func(state, chunk) runs in forked workers that inherit state and items without
    pickling them (only results travel); with one job, no fork support, or little work, it
    runs in this process.

    from_both_ends: half the workers take chunks from the front of items, half from the
    back, so that neighbouring items stay with one worker as long as possible: they often
    share work a worker caches (the teasers of one language, of one kind of page). Results
    that finish early wait for their turn in memory: only for small results.

    finished is told how many items are done, in whatever order, as each chunk finishes:
    progress that does not wait for the results' turn.
    """
    tell = finished or (lambda done: None)
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    if jobs <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        done = 0
        for part in chunks:
            results = func(state, part)
            done += len(part)
            tell(done)
            yield from results
        return
    context = multiprocessing.get_context("fork")
    workers = min(jobs, len(chunks))
    if from_both_ends:
        yield from _from_both_ends(context, func, chunks, workers, state, tell)
        return
    # The workers inherit the chunks with the state; a task names its chunk by number, so
    # the items (a source file's bytes, say) are never pickled on their way to a worker.
    with context.Pool(workers, initializer=_install, initargs=(func, state, chunks)) as pool:
        # A window of chunks in flight, not all of them: when the consumer is slower than the
        # workers (writing to a slow disk), finished results must not pile up in memory.
        window = workers * IN_FLIGHT_PER_WORKER
        pending = deque(pool.apply_async(_run, (index,))
                        for index in range(min(window, len(chunks))))
        queued = len(pending)
        done = 0
        while pending:
            results = pending.popleft().get()
            done += len(results)
            tell(done)
            if queued < len(chunks):
                pending.append(pool.apply_async(_run, (queued,)))
                queued += 1
            yield from results


def _install(func: Callable[..., Any], state: dict[str, Any],
             chunks: Sequence[Sequence[Any]]) -> None:
    _WORKER_STATE.clear()
    _WORKER_STATE.update(state, __func__=func, __chunks__=chunks)


def _run(index: int) -> list[Any]:
    func = _WORKER_STATE["__func__"]
    return func(_WORKER_STATE, _WORKER_STATE["__chunks__"][index])  # type: ignore[no-any-return]


def _from_both_ends(
    context: Any, func: Callable[..., list[Result]], chunks: Sequence[Sequence[Any]],
    workers: int, state: dict[str, Any], tell: Callable[[int], None],
) -> Iterator[Result]:
    # The cursors: the next chunk from the front, and one past the next from the back.
    # There are as many tasks as chunks, and each task takes one chunk, so every chunk is
    # taken exactly once, wherever the two ends meet.
    cursors = context.Array("i", [0, len(chunks)])
    numbering = context.Value("i", 0)
    done: dict[int, list[Result]] = {}
    following = finished = 0
    with context.Pool(workers, initializer=_install_at_an_end,
                      initargs=(func, state, chunks, cursors, numbering)) as pool:
        for index, results in pool.imap_unordered(_run_from_an_end, range(len(chunks))):
            done[index] = results
            finished += len(chunks[index])
            tell(finished)
            while following in done:
                yield from done.pop(following)
                following += 1


def _install_at_an_end(func: Callable[..., Any], state: dict[str, Any],
                       chunks: Sequence[Sequence[Any]], cursors: Any, numbering: Any) -> None:
    _install(func, state, chunks)
    with numbering.get_lock():
        number = numbering.value
        numbering.value += 1
    _WORKER_STATE.update(__cursors__=cursors, __from_back__=number % 2)


def _run_from_an_end(_: int) -> tuple[int, list[Any]]:
    cursors = _WORKER_STATE["__cursors__"]
    with cursors.get_lock():
        if _WORKER_STATE["__from_back__"]:
            cursors[1] -= 1
            index = cursors[1]
        else:
            index = cursors[0]
            cursors[0] += 1
    func = _WORKER_STATE["__func__"]
    return index, func(_WORKER_STATE, _WORKER_STATE["__chunks__"][index])
