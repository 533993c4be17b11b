"""Spreading many independent file jobs over the CPU's cores — only where that pays.

Parsing YAML is CPU-bound and the GIL serialises threads, so the work goes to forked worker
processes. Forking shares the parent's memory (plan, roster, store) without pickling it. Two
shapes, by what travels back:
- ``map_tasks``: a pool of workers takes tasks as they free up; each task writes its own cache
  shards, so only problems and counts travel back (a cold ``dvcli check`` of a long history).
- ``map_shared``: the results themselves travel back (a cold ``consolidate`` needs every record),
  and pickling them costs a fifth of making them. So this process takes its share of the work
  instead of waiting: every process takes chunks from one shared counter until none is left, and
  this process unpickles what the children finished between its own chunks.
A handful of files, a single core, ``DVCLI_JOBS=1`` or a system without ``fork`` run in-process.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import multiprocessing
import os
import pickle
import signal
import struct
import tempfile
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_FILES = 4000  # below this, forking and merging cost more than they save
# map_shared's chunks: enough per process that the last one taken leaves little waiting, each of
# enough items that taking it from the shared counter costs nothing worth counting
CHUNKS_PER_JOB, CHUNK_MIN = 32, 50

_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def workers() -> int:
    """How many processes to use: ``DVCLI_JOBS`` if set, else the usable cores (at most 8)."""
    named = os.environ.get("DVCLI_JOBS", "")
    if named.isdigit() and int(named) > 0:
        return int(named)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


_IN_WORKER = False


def in_worker() -> bool:
    """True inside a worker process of ``map_tasks``."""
    return _IN_WORKER


def _run(index: int) -> Any:
    global _IN_WORKER
    _IN_WORKER = True
    assert _JOB is not None
    function, tasks = _JOB
    return function(tasks[index])


def map_tasks(function: Callable[[T], R], tasks: Sequence[T], files: int) -> list[R]:
    """``[function(task) for task in tasks]``, in worker processes when ``files`` is large enough.

    ``function`` runs in a forked child and must leave its results in the return value (and in
    files it writes itself); the results come back in the order of ``tasks``.
    """
    global _JOB
    jobs = min(workers(), len(tasks))
    if jobs < 2 or files < MIN_FILES or "fork" not in multiprocessing.get_all_start_methods():
        return [function(task) for task in tasks]
    _JOB = (function, tasks)
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_signals) as pool:
            results = pool.map(_run, range(len(tasks)), chunksize=1)
            pool.close()  # the workers end on the queue's sentinel: no signal is needed to stop them
            pool.join()
            return results
    finally:
        _JOB = None


def _worker_signals() -> None:
    """A pool worker takes SIGTERM as a plain process does and leaves Ctrl-C to this process.

    The worker inherits this process's handlers (``interrupts.install``), which turn SIGTERM
    into an exception: raised while the worker waits for a task, it printed a traceback;
    caught by the pool's loop as a task's failure, or merely noted while a write was deferred,
    it left the worker waiting for a task forever and ``Pool.terminate`` waiting for the
    worker (seen: ``dvcli check`` on a year of history hung after its last task). Ctrl-C
    reaches every process of the terminal's group; this process stops the pool then.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_shared(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], costs: Sequence[int],
               first: Callable[[], None] | None = None, minimum: int | None = None) -> list[R]:
    """``function(items)``, its chunks computed at once by forked children and by this process.

    ``function`` maps a slice of ``items`` to one result per item and must not raise for bad data.
    ``costs`` estimates each item's work (any unit) so that chunks are of about equal work. Every
    process takes the next chunk from one shared counter until none is left, so they all finish
    together whatever the real costs turn out to be (a static cut by an estimate left this process
    with 1.9 s of a 10,000-member week and its child with 1.2 s). A child pickles each chunk as it
    goes, which is part of its pace, into its ``_Frames``; this process unpickles them between its
    own chunks (all at the end, through a pipe, they cost a cold 10,000-member consolidate 0.12 s
    more). A chunk a child took but did not send back (it failed, it could not be forked) is
    computed here, so the answer never depends on a child.

    ``first``: other work of this process, done before it takes its share while the children
    already take theirs (always done, forked or not). Below ``minimum`` items (``MIN_FILES`` unless
    given) nothing is forked.
    """
    jobs = min(workers(), len(items))
    if jobs < 2 or len(items) < (MIN_FILES if minimum is None else minimum) or not hasattr(os, "fork") or _IN_WORKER:
        return _here(function, items, first)
    slices = _chunks(costs, max(1, min(len(items) // CHUNK_MIN, jobs * CHUNKS_PER_JOB)))
    try:
        counter = multiprocessing.get_context("fork").Value("l", 0)
    except OSError:  # no shared semaphore on this system (a container without /dev/shm)
        return _here(function, items, first)
    # the costliest chunks first (one huge roster among small reports): the last ones are small
    slices.sort(key=lambda bound: -sum(costs[bound[0]:bound[1]]))
    done: dict[int, list[R]] = {}
    try:
        frames = [_Frames() for _ in range(jobs - 1)]
    except OSError:  # no temporary file: the children send nothing, their chunks are computed here
        frames = []

    def received() -> None:
        for stream in frames:
            for index, data in stream.finished():
                done[index] = pickle.loads(data)  # noqa: S301 - our own child's bytes, in our unlinked file

    def take(stream: _Frames | None) -> None:
        while True:
            with counter.get_lock():
                index = counter.value
                counter.value = index + 1
            if index >= len(slices):
                return
            start, end = slices[index]
            part = function(items[start:end])
            if stream is None:
                done[index] = part
                received()  # what the children finished meanwhile: unpickled now, not all at the end
            else:
                stream.append(index, pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))

    children = [start_in_child(functools.partial(take, stream)) for stream in frames]
    try:
        if first is not None:
            first()
        take(None)
    except BaseException:
        for child in children:
            child.abandon()
        for stream in frames:
            stream.close()
        raise
    for child in children:
        child.wait()  # its exit: every frame it will write is written
    received()
    for stream in frames:
        stream.close()
    results: list[R] = []
    for index, (start, end) in sorted(enumerate(slices), key=lambda taken: taken[1]):
        part = done.get(index)
        results += function(items[start:end]) if part is None else part
    return results


class _Frames:
    """One child's finished chunks, appended as they are done to an unlinked temporary file that
    this process reads between its own chunks (a pipe would stall the child whenever it is full
    and this process busy). A frame is its chunk's index and length, then the pickle; only whole
    frames are taken, so a child that fails mid-write leaves its chunk to be computed here."""

    _HEAD = struct.Struct("<QQ")

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.read = 0  # bytes taken so far

    def append(self, index: int, data: bytes) -> None:
        """In the child: one finished chunk."""
        self.file.write(self._HEAD.pack(index, len(data)) + data)
        self.file.flush()

    def finished(self) -> list[tuple[int, bytes]]:
        """In this process: the whole frames written since the last call (``os.pread``: the file's
        offset is the child's, shared since the fork)."""
        fd = self.file.fileno()
        size = os.fstat(fd).st_size
        found: list[tuple[int, bytes]] = []
        head = self._HEAD.size
        while size - self.read >= head:
            index, length = self._HEAD.unpack(os.pread(fd, head, self.read))
            if size - self.read - head < length:
                break  # still being written
            found.append((index, os.pread(fd, length, self.read + head)))
            self.read += head + length
        return found

    def close(self) -> None:
        self.file.close()


def _here(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], first: Callable[[], None] | None) -> list[R]:
    if first is not None:
        first()
    return function(items)


def _chunks(costs: Sequence[int], count: int) -> list[tuple[int, int]]:
    """About ``count`` slices of about equal estimated cost, none of more than twice the average
    number of items: where the estimate is wrong, no chunk holds a large part of the work."""
    bounds = _cut(costs, [1 / count] * (count - 1)) + [len(costs)]
    most = max(1, -(-2 * len(costs) // count))
    return [(first, min(first + most, end)) for start, end in itertools.pairwise(bounds)
            for first in range(start, end, most)]


def _cut(costs: Sequence[int], shares: list[float]) -> list[int]:
    """Slice starts: consecutive slices holding ``shares`` of the total cost, the rest last."""
    total = sum(costs)
    bounds, running, index = [0], 0, 0
    for share in itertools.accumulate(shares):
        while index < len(costs) and running + costs[index] <= share * total:
            running += costs[index]
            index += 1
        bounds.append(index)
    return bounds


class Child:
    """A forked child doing some of this process's work (``start_in_child``)."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid  # None: it could not be forked

    def wait(self) -> None:
        """Until the child has ended (whatever it wrote is written)."""
        if self.pid is not None:
            os.waitpid(self.pid, 0)

    def abandon(self) -> None:
        """This process is failing: stop the child and reap it, leaving no zombie behind."""
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def start_in_child(run: Callable[[], object]) -> Child:
    """Run ``run()`` in a forked child now: it shares this process's memory as it was at the fork,
    and leaves what it made where ``run`` puts it (``map_shared``: its ``_Frames``;
    ``Store.save_early``: the cache's files). Where ``fork`` fails, the child is never there and
    the caller does the work itself."""
    global _IN_WORKER
    try:
        pid = os.fork()
    except OSError:
        return Child(None)
    if pid == 0:  # the child: never returns, never runs the parent's clean-up
        code = 1
        try:
            _IN_WORKER = True
            run()
            code = 0
        finally:
            os._exit(code)
    return Child(pid)
