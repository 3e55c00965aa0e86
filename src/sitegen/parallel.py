"""Ordered parallel map over worker processes, so output never depends on the worker count."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar, cast

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
    spool: bool = False,
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

    spool: the results are bytes, and large (a parsed document each). They travel through
    a file each worker appends to, and only their places through the pool's pipe. A pipe
    carries them in 64 KiB pieces, each one a wake-up of the pool's result thread, which
    must take the GIL from the consumer: at 10,000 documents, 0.4 CPU-s of the consumer's
    process, and workers held up on a full pipe. The files have no name: they are gone with
    the last process that holds them, even after kill -9. A worker without a file (none
    could be made, or it replaced a crashed worker), or that cannot write to it (a full
    temporary folder), sends its results through the pipe after all.
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
    with _Spool(context, workers) if spool else contextlib.nullcontext() as spooled, \
            context.Pool(workers, initializer=_install,
                         initargs=(func, state, chunks, spooled)) as pool:
        # A window of chunks in flight, not all of them: when the consumer is slower than the
        # workers (writing to a slow disk), finished results must not pile up in memory.
        window = workers * IN_FLIGHT_PER_WORKER
        pending = deque(pool.apply_async(_run, (index,))
                        for index in range(min(window, len(chunks))))
        queued = len(pending)
        done = 0
        while pending:
            results = pending.popleft().get()
            if spooled is not None and isinstance(results, SpoolPlace):
                results = cast(list[Result], spooled.read(results))
            done += len(results)
            tell(done)
            if queued < len(chunks):
                pending.append(pool.apply_async(_run, (queued,)))
                queued += 1
            yield from results


@contextlib.contextmanager
def in_background(func: Callable[[dict[str, Any]], Result], state: dict[str, Any], *,
                  jobs: int) -> Iterator[Callable[[], Result]]:
    """func(state) worked out in a forked process while the block goes on; the block gets a
    function that waits for the result (and raises what func raised).

    With one job or no fork support, func runs in this process, when the result is asked
    for. Leaving the block stops a process still at work.
    """
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: func(state)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(1, initializer=_install, initargs=(func, state, ())) as pool:
        yield pool.apply_async(_run_whole).get


def _run_whole() -> Any:
    return _WORKER_STATE["__func__"](_WORKER_STATE)


def _install(func: Callable[..., Any], state: dict[str, Any],
             chunks: Sequence[Sequence[Any]], spool: _Spool | None = None) -> None:
    _WORKER_STATE.clear()
    _WORKER_STATE.update(state, __func__=func, __chunks__=chunks,
                         __spool__=spool.claim() if spool is not None else None)


def _run(index: int) -> Any:
    func = _WORKER_STATE["__func__"]
    results = func(_WORKER_STATE, _WORKER_STATE["__chunks__"][index])
    spool: _WorkerSpool | None = _WORKER_STATE["__spool__"]
    if spool is None:
        return results
    if not all(isinstance(result, bytes) for result in results):
        raise TypeError("a spooled map_ordered needs results that are bytes")
    try:
        return spool.write(results)
    except OSError:
        return results


class SpoolPlace(NamedTuple):
    """Where a chunk's spooled results are: a file, an offset, and each one's length."""

    slot: int
    offset: int
    lengths: list[int]


class _Spool:
    """Unnamed temporary files, one per worker, made before the workers are forked.

    Each worker claims one at start and is its only writer; the consumer reads the results
    back from where the worker says they are. A worker started later (one replacing a
    crashed worker) finds none left and sends its results through the pipe.
    """

    def __init__(self, context: Any, workers: int) -> None:
        self._context, self._workers = context, workers

    def __enter__(self) -> _Spool:
        self._files: list[Any] = []
        with contextlib.suppress(OSError):  # no usable temporary folder: results take the pipe
            for _ in range(self._workers):
                self._files.append(tempfile.TemporaryFile(prefix="sitegen-spool-"))
        self._descriptors = [file.fileno() for file in self._files]
        self._claimed = self._context.Value("i", 0)
        return self

    def __exit__(self, *_: object) -> None:
        for file in self._files:
            file.close()

    def claim(self) -> _WorkerSpool | None:
        """In a worker: the file it writes to, if one is left."""
        with self._claimed.get_lock():
            slot = self._claimed.value
            self._claimed.value += 1
        return _WorkerSpool(slot, self._descriptors[slot]) if slot < len(self._descriptors) \
            else None

    def read(self, place: SpoolPlace) -> list[bytes]:
        slot, offset, lengths = place
        data = os.pread(self._descriptors[slot], sum(lengths), offset)
        if len(data) != sum(lengths):
            raise OSError(f"spool file {slot} is shorter than its worker wrote")
        results, start = [], 0
        for length in lengths:
            results.append(data[start:start + length])
            start += length
        return results


class _WorkerSpool:
    """A worker's side of its spool file: appends each chunk's results after the last."""

    def __init__(self, slot: int, descriptor: int) -> None:
        self.slot, self.descriptor, self.end = slot, descriptor, 0

    def write(self, results: Sequence[bytes]) -> SpoolPlace:
        data, offset = b"".join(results), self.end
        written = 0
        while written < len(data):
            written += os.pwrite(self.descriptor, data[written:], offset + written)
        self.end = offset + len(data)
        return SpoolPlace(self.slot, offset, [len(result) for result in results])


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
