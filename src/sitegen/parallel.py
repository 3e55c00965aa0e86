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
) -> Iterator[Result]:
    """Apply func to chunks of items; results come back in the order of items.

    func(state, chunk) runs in forked workers that inherit state without pickling it; with
    one job, no fork support, or little work, it runs in this process.
    """
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    if jobs <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for part in chunks:
            yield from func(state, part)
        return
    context = multiprocessing.get_context("fork")
    workers = min(jobs, len(chunks))
    with context.Pool(workers, initializer=_install, initargs=(func, state)) as pool:
        # A window of chunks in flight, not all of them: when the consumer is slower than the
        # workers (writing to a slow disk), finished results must not pile up in memory.
        window = workers * IN_FLIGHT_PER_WORKER
        pending = deque(pool.apply_async(_run, (part,)) for part in chunks[:window])
        queued = len(pending)
        while pending:
            results = pending.popleft().get()
            if queued < len(chunks):
                pending.append(pool.apply_async(_run, (chunks[queued],)))
                queued += 1
            yield from results


def _install(func: Callable[..., Any], state: dict[str, Any]) -> None:
    _WORKER_STATE.clear()
    _WORKER_STATE.update(state, __func__=func)


def _run(part: Sequence[Any]) -> list[Any]:
    func = _WORKER_STATE["__func__"]
    return func(_WORKER_STATE, part)  # type: ignore[no-any-return]
