"""Reading every record of the workspace once: bytes and digests first, records after.

``read_files`` reads the plan, the roster, every assignment and every report — the files the
listing rule (``listing.py``) says are records, nothing else — one ``open``/``read`` each, and
hashes them: those digests key consolidate's output memo before anything is parsed or unpickled.
``parse_files`` then turns the same bytes into records — from the verified parse cache when the
digest matches, else parsed strictly and validated (``parse_one``, exactly what ``Store.read``
does), spread over forked children when thousands of files miss the cache
(``parallel.map_shared``) — and puts new records into the store's cache. ``take`` (in
``__init__``) builds the immutable ``Snapshot`` from them.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import parallel
from ..errors import DataError, Problem, cannot_read
from ..model import Assignment, Plan, Report, Roster
from ..model.common import max_file_bytes
from ..rawio import paused_gc, read_bytes
from ..workspace import Workspace
from .assignment_files import member_folder_paths, names_in_member_folder
from .figures import Figures, figures_of, week_key, week_of_display
from .report_files import report_names
from .store import Store


@dataclass
class InputFile:
    path: str  # a Path only where one is needed (a problem's line number): 23,000 Paths cost 0.1 s
    display: str
    kind: type[Any]
    raw: bytes | None  # dropped once parsed
    digest: bytes  # SHA-256 of ``raw``; empty when the file could not be read
    problem: Problem | None = None  # why it could not be read
    week: str | None = None  # wanted as its ``Figures`` only, when it is a report of this week


@dataclass
class Files:
    files: list[InputFile]
    problems: list[Problem]  # files that could not be read, in file order


SPLIT_MIN = 2000  # member folders under data/assignments from which a second process shares the reading


def read_files(store: Store, weeks: Callable[[Plan], Collection[str] | None] | None = None) -> Files:
    """Every input file's bytes and SHA-256, in the order ``load_inputs`` has always used.

    With thousands of member folders, forked processes list and read ``data/assignments`` while
    this one reads the reports, and this one then takes its share of the member folders left
    (``parallel.map_shared``): opening 24,000 files is most of a memoised preview's time, and
    listing 10,000 member folders alone takes longer than reading 10,000 reports.
    ``weeks`` (as ``take``'s): the bytes of a week folder outside them whose figures the cache
    already holds are dropped as soon as the folder is hashed (52 weeks of history are never all
    in memory at once); only their digests are kept.
    """
    ws = store.ws
    root = str(ws.root) + os.sep
    files = _read_all(ws, root, [str(ws.plan_file), str(ws.members_file)], [Plan, Roster])
    wanted = None
    if weeks is not None:
        from .history import plan_of  # here: history builds on this module

        plan = plan_of(store, files[0])
        wanted = weeks(plan) if plan is not None else None
    later: list[InputFile] = []

    def read_reports() -> None:
        reports = report_names(ws)
        later.extend(_read_all(ws, root, reports, [Report] * len(reports),
                               None if wanted is None else lambda items: _drop_known(store, items, wanted)))

    members = member_folder_paths(ws)
    found = parallel.map_shared(functools.partial(_member_rows, ws, root), members, [1] * len(members),
                                first=read_reports, minimum=SPLIT_MIN)
    files += [InputFile(path, display, Assignment, raw, digest, problem)
              for rows in found for path, display, raw, digest, problem in rows]
    files += later
    return Files(files, [item.problem for item in files if item.problem is not None])


def _drop_known(store: Store, items: list[InputFile], wanted: Collection[str]) -> None:
    """Drop the bytes of one week folder's weekly reports when the cache holds their figures."""
    weekly = [item for item in items if week_of_display(item.display) is not None]
    if not weekly or week_of_display(weekly[0].display) in wanted or any(item.raw is None for item in weekly):
        return
    key = week_key([(item.display, item.digest) for item in weekly])
    if store.cache.figures(weekly[0].display.rsplit("/", 1)[0], key) is not None:
        for item in weekly:
            item.raw = None


def _read_all(ws: Workspace, root: str, paths: list[str], kinds: list[type[Any]],
              settle: Callable[[list[InputFile]], None] | None = None) -> list[InputFile]:
    """The files' bytes and digests; ``settle`` is called with each folder's files once they are read."""
    files: list[InputFile] = []
    sha256 = hashlib.sha256
    folder, start = "", 0
    for path, kind in zip(paths, kinds, strict=True):
        if path.startswith(root) and os.sep + ".." not in path:  # Workspace.rel's common case, inline
            display = path[len(root):].replace(os.sep, "/")
        else:
            display = ws.rel(Path(path))
        if settle is not None:
            here = display.rsplit("/", 1)[0]
            if here != folder:
                settle(files[start:])
                folder, start = here, len(files)
        try:
            raw = read_bytes(path, max_file_bytes(kind))
        except OSError as exc:
            problem = cannot_read(display, exc)
            files.append(InputFile(path, display, kind, None, b"", problem))
            continue
        files.append(InputFile(path, display, kind, raw, sha256(raw).digest()))
    if settle is not None:
        settle(files[start:])
    return files


def _member_rows(ws: Workspace, root: str, folders: Sequence[str]) -> list[list[tuple[Any, ...]]]:
    """Each member folder's assignment files read, as plain tuples: what a forked reader sends back."""
    found = []
    for folder in folders:
        names = names_in_member_folder(folder)
        found.append([(item.path, item.display, item.raw, item.digest, item.problem)
                      for item in _read_all(ws, root, names, [Assignment] * len(names))])
    return found


def parse_one(item: InputFile) -> tuple[Any, list[Problem]]:
    """``item``'s record or its problems: strict YAML, then the schema (what ``Store.read`` does)."""
    assert item.raw is not None
    from .. import yamlio  # not at import: a warm run never parses YAML

    try:
        data = yamlio.loads(item.raw, item.display, max_file_bytes(item.kind))
    except DataError as exc:
        return None, exc.problems
    from .. import schema

    record, errors = schema.validate(item.kind, {} if data is None else data)
    if record is None:
        return None, [Problem(item.display, yamlio.line_of(Path(item.path), list(error.loc)), error.field, error.message,
                              error.hint) for error in errors]
    return record, []


# A file "weighs" its size plus 400 bytes' worth (bench/make_workspace.py's week: 17 µs a file plus
# 0.04 µs a byte; the example-grown week's prose, 0.11 µs a byte): only so that map_shared's chunks
# hold similar work — who parses which chunk is decided as they go, not by this estimate.
_FILE_WEIGHT = 400


def _parse_all(items: Sequence[InputFile]) -> list[tuple[Any, list[Problem]]]:
    with paused_gc():
        return [_parsed(item) for item in items]


def _parsed(item: InputFile) -> tuple[Any, list[Problem]]:
    """``parse_one``, and only the figures of a report wanted as such (a smaller trip back from a child)."""
    record, problems = parse_one(item)
    return (_as_wanted(record, item.week), problems) if item.week is not None else (record, problems)


def _as_wanted(record: Any, week: str) -> Any:
    """A weekly report's ``Figures`` when it says the week it is filed under; else the record itself."""
    if isinstance(record, Report) and record.period == week:
        return figures_of(record)
    return record


def records_of(store: Store, read: Files, summarise: Mapping[int, str] | None = None,
               known: Mapping[int, Figures] | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """Records by workspace-relative path (input order) and every problem, in file order.

    ``summarise``: file index → week, the reports wanted as their ``Figures`` only (not put in the
    record cache); ``known``: file index → figures already found (``ParseCache.figures``).
    """
    cache = store.cache
    records: dict[str, Any] = {}
    results: dict[int, tuple[Any, list[Problem]]] = {}
    misses: list[int] = []
    summarise, known = summarise or {}, known or {}
    for index, item in enumerate(read.files):
        figures = known.get(index)
        if figures is not None:
            results[index] = (figures, [])
            item.raw = None
            continue
        if item.raw is None:
            continue
        cached = cache.get(item.display, item.kind.__name__, item.digest)
        week = summarise.get(index)
        if cached is not None:
            results[index] = (cached if week is None else _as_wanted(cached, week), [])
            item.raw = None
        else:
            item.week = week
            misses.append(index)
    if misses:
        from .. import schema

        items = [read.files[index] for index in misses]
        schema.prepare({item.kind for item in items})  # built once here, not in every forked child
        costs = [len(item.raw or b"") + _FILE_WEIGHT for item in items]
        parsed = parallel.map_shared(_parse_all, items, costs)
        for index, item, result in zip(misses, items, parsed, strict=True):
            results[index] = result
            if result[0] is not None and not isinstance(result[0], Figures):
                cache.put(item.display, item.kind.__name__, item.digest, result[0])
            item.raw = None
    problems: list[Problem] = []
    for index, item in enumerate(read.files):
        if item.problem is not None:
            problems.append(item.problem)
            continue
        record, found = results[index]
        problems += found
        if record is not None:
            records[item.display] = record
    return records, problems
