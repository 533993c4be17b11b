"""The cheap header-only view of one reporting week: what ``status`` and ``remind`` answer from.

Who reported and when (paths and ``submitted:`` lines, ``headers.week_submissions``), who is
assigned (``assignments.assigned_members``, the few unusual files validated), which reports were
withdrawn (``data/withdrawn/``, each record read only when asked), the week's reviews
(``data/reviews/``, with the SHA-256 of the report each one is about now) and how imported reports
arrived (``data/received/`` and the report's ``received.via`` line). No report is parsed as YAML;
``dvcli check`` validates them in full. What was read of each report and assignment is kept with
the file's stat data (``seen.py``): a warm ``status`` reads only what changed, and stats the rest.
The few withdrawals, reviews and received folders of a week are listed and read every time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, Problem, cannot_read
from ..model import Assignment, Review, Roster, Withdrawal
from ..periods import Period
from ..rawio import read_bytes
from .assignments import assigned_members
from .corrections import week_files
from .headers import week_submissions
from .seen import Seen
from .store import Store
from .stored import is_record_file, stored_digest

_VIA = re.compile(r"^received:\n(?:  .*\n)*?  via: (\w+)", re.M)


@dataclass(frozen=True)
class WeekView:
    """One week as ``status`` sees it (see the module docstring)."""

    submitted: dict[str, str | None]  # member → the ``submitted:`` text of their weekly report
    nothing: set[str]  # members whose report says ``nothing_to_report: true``
    assigned: set[str]  # members holding an assignment overlapping the week
    withdrawn: dict[str, Path] = field(default_factory=dict)  # member → withdrawal record file
    imported: set[str] = field(default_factory=set)  # members with a ``data/received/`` folder this week


def week_view(store: Store, roster: Roster, period: Period) -> WeekView:
    """The week's view, or ``DataError``: an unusual assignment that is invalid, a report nobody can read."""
    ws = store.ws
    assigned = _assigned(store, roster, period)
    unreadable: list[tuple[str, OSError]] = []
    nothing: set[str] = set()
    seen = Seen(store.cache, f"{ws.rel(ws.reports_dir)}/{period.year}/W{period.week:02d}")
    filed = week_submissions(ws, period.year, period.week, unreadable, nothing, seen)
    seen.save()
    if unreadable:  # a report nobody can read is neither late nor missing: say which, and why
        raise DataError([cannot_read(ws.rel(Path(path)), exc) for path, exc in unreadable])
    return WeekView(filed, nothing, assigned, week_files(ws.withdrawn_dir, period.year, period.week),
                    _imported(store, period))


def withdrawal(store: Store, path: Path) -> Withdrawal:
    """The withdrawal record at ``path`` (``WeekView.withdrawn``), or ``DataError``."""
    loaded = store.read(path, Withdrawal)
    if loaded.record is None:
        raise DataError(loaded.problems)
    record: Withdrawal = loaded.record
    return record


def arrived_via(path: Path) -> str | None:
    """How an imported report arrived (``email``, ``paper``…), from its ``received.via`` line."""
    try:
        text = read_bytes(path).decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    except OSError:
        return None
    match = _VIA.search(text)
    return None if match is None else match.group(1)


@dataclass(frozen=True)
class WeekReview:
    """A review of one member's weekly report, with the SHA-256 of that report's bytes now."""

    member: str
    review: Review
    report_sha256: str


def week_reviews(store: Store, period: Period) -> list[WeekReview]:
    """The week's reviews of reports still filed (by member), or ``DataError`` naming every bad review."""
    ws = store.ws
    found: list[WeekReview] = []
    problems: list[Problem] = []
    for member, path in sorted(week_files(ws.reviews_dir, period.year, period.week).items()):
        report = ws.report_path(period.year, period.week, member)
        if not is_record_file(ws, report):
            continue  # withdrawn or never filed (a link is no report either): the review is history
        loaded = store.read(path, Review)
        if loaded.record is None:
            problems += loaded.problems
            continue
        found.append(WeekReview(member, loaded.record, stored_digest(ws, report)))
    if problems:
        raise DataError(problems)
    return found


def _imported(store: Store, period: Period) -> set[str]:
    """Members whose report of ``period`` came through ``report import`` (they have a received/ folder)."""
    folder = store.ws.data / "received" / f"{period.year}" / f"W{period.week:02d}"
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_dir(follow_symlinks=False) and entry.name[:1] != "."}
    except OSError:
        return set()


def _assigned(store: Store, roster: Roster, period: Period) -> set[str]:
    """The members with an assignment overlapping ``period`` (``assigned_members``).

    The few files whose paths and top-level lines cannot answer are read and validated through
    the store; a broken one stops the command, as it always did.
    """
    seen = Seen(store.cache, store.ws.rel(store.ws.assignments_dir))
    assigned, unusual = assigned_members(store.ws, (member.id for member in roster.members),
                                         period.start.isoformat(), period.end.isoformat(), seen)
    seen.save()
    problems = []
    for name in unusual:
        path = Path(name)
        if not path.is_file():
            continue  # a folder named *.yaml is no assignment
        loaded = store.read(path, Assignment)
        problems += loaded.problems
        if loaded.record is not None and loaded.record.active(period.start, period.end):
            assigned.add(loaded.record.member)
    if problems:
        raise DataError(problems)
    return assigned
