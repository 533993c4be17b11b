"""Which weekly reports a snapshot gives as their figures only, and the figures found or kept.

``summarised`` reads the plan first (the caller's ``weeks`` needs it to know the period), then
groups every readable weekly report outside the wanted weeks by its week folder and looks each
folder up in ``ParseCache.figures`` by the digests of all of its weekly reports. ``remember``
stores the figures of every folder that missed, once each of its reports parsed cleanly and
said its folder's week (see ``figures.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from ..model import Plan, Report
from .figures import Figures, from_plain, to_plain, week_key, week_of_display
from .reading import Files, InputFile, parse_one
from .store import Store


@dataclass(frozen=True)
class Missed:
    """A week folder whose figures were not in the cache: they are stored once parsed."""

    folder: str  # ``data/reports/2021/W38``
    key: bytes
    indices: tuple[int, ...]


def plan_of(store: Store, item: InputFile) -> Plan | None:
    """The plan record of ``item`` (through the parse cache), or None when it is not valid."""
    if item.raw is None or item.kind is not Plan:
        return None
    cached = store.cache.get(item.display, Plan.__name__, item.digest)
    if cached is None:
        cached, problems = parse_one(item)
        if cached is None or problems:
            return None  # ``records_of`` parses it again and names its problems
        store.cache.put(item.display, Plan.__name__, item.digest, cached)
    return cached if isinstance(cached, Plan) else None


def summarised(store: Store, read: Files, weeks: Callable[[Plan], Collection[str] | None],
               ) -> tuple[dict[int, str], dict[int, Figures], list[Missed]]:
    """file index → week of the reports wanted as figures, those already known, the folders missed."""
    plan = plan_of(store, read.files[0]) if read.files else None
    wanted = weeks(plan) if plan is not None else None
    if wanted is None:
        return {}, {}, []
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(read.files):
        if item.kind is Report and item.problem is None:  # bytes dropped by ``read_files`` when known
            week = week_of_display(item.display)
            if week is not None and week not in wanted:
                groups.setdefault(week, []).append(index)
    summarise: dict[int, str] = {}
    known: dict[int, Figures] = {}
    missed: list[Missed] = []
    for week, indices in groups.items():
        files = [read.files[index] for index in indices]
        key = week_key([(item.display, item.digest) for item in files])
        folder = files[0].display.rsplit("/", 1)[0]
        found = _found(store.cache.figures(folder, key), files)
        if found is not None:
            known.update(zip(indices, found, strict=True))
            continue
        summarise.update((index, week) for index in indices)
        missed.append(Missed(folder, key, tuple(indices)))
    return summarise, known, missed


def _found(plain: Any, files: list[InputFile]) -> list[Figures] | None:
    entries = None if plain is None else from_plain(plain)
    if entries is None or [display for display, _f in entries] != [item.display for item in files]:
        return None
    return [figures for _d, figures in entries]


def remember(store: Store, read: Files, loaded: dict[str, Any], missed: list[Missed]) -> None:
    """Store the figures of each missed week folder whose reports all came back as figures."""
    for week in missed:
        shown = [read.files[index].display for index in week.indices]
        entries = [(display, loaded.get(display)) for display in shown]
        if all(isinstance(figures, Figures) for _d, figures in entries):
            store.cache.put_figures(week.folder, week.key, to_plain(entries))  # type: ignore[arg-type]
