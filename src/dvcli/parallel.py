"""Spreading many independent file jobs over the CPU's cores — only where that pays.

Parsing YAML is CPU-bound and the GIL serialises threads, so the work goes to forked worker
processes. Forking shares the parent's memory (plan, roster, store) without pickling it, and
each task writes its own cache shards, so only problems and counts travel back. Used when
thousands of files are to be read (a cold ``dvcli check`` of a long history); a handful of
files, a single core, ``DVCLI_JOBS=1`` or a system without ``fork`` run in-process instead.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_FILES = 4000  # below this, forking and merging cost more than they save

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
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return pool.map(_run, range(len(tasks)), chunksize=1)
    finally:
        _JOB = None
