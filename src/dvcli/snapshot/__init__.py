"""The one reader of the workspace: its listing, its records, and the problems found on the way.

Split by job. The listing rule: ``rule`` (which entries can be records; ``Stray``),
``report_files``, ``assignment_files``, ``corrections``, ``issued``, ``drafts`` and ``mail`` (where each
kind belongs and how its records are read), ``strays`` (how ``check`` names every other file).
Reading: ``reading`` (bytes → records through the verified cache, parallel where it pays),
``figures`` and ``history`` (earlier weeks as their figures only, for the cumulative totals) and
``take`` (an immutable ``Snapshot`` of the whole workspace). The cheap header-only view:
``headers``, ``assignments`` and ``week`` (who reported when, who is assigned, withdrawals,
reviews — from paths and a few top-level lines, what ``status`` and ``remind`` answer from).
No other module lists ``data/`` or parses a data file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import DataError, Problem
from ..model import Assignment, Plan, Report, Roster
from ..rawio import paused_gc
from .assignment_files import assignment_files, assignment_listing, assignment_names, member_folders
from .assignments import assigned_members, read_assignment_end
from .corrections import all_files, review_path, week_files, withdrawal_path
from .figures import Figures, figures_of
from .headers import (
    ReportHeader,
    Submitted,
    parse_moment,
    read_header,
    read_submission,
    read_submitted,
    week_submissions,
)
from .history import remember, summarised
from .issued import folder_files, issued_files, issued_folders
from .reading import Files, read_files, records_of
from .report_files import (
    AD_HOC_DIR,
    ReportPath,
    WeekFolder,
    ad_hoc_date,
    ad_hoc_path,
    period_label,
    report_files,
    report_weeks,
)
from .requests import request_files, request_listing
from .rule import SYMLINK, Stray
from .store import Store
from .stored import is_record_file, named, stored_bytes, stored_digest, stored_file, stored_text
from .strays import correction_strays, layout_strays, stray_problem, symlinks
from .week import WeekReview, WeekView, arrived_via, week_reviews, week_view, withdrawal


@dataclass(frozen=True)
class Snapshot:
    """The workspace's records as read once: every valid record, each file's digest, every problem.

    ``reports`` and ``assignments`` are ``(workspace-relative path, record)`` pairs in listing
    order; ``digests`` maps each record file's path to the SHA-256 of the bytes it was read from.
    ``plan``/``roster`` are None only when they are invalid (then ``problems`` says why).
    """

    plan: Plan | None
    roster: Roster | None
    reports: tuple[tuple[str, Report], ...]
    assignments: tuple[tuple[str, Assignment], ...]
    digests: Mapping[str, str]
    problems: tuple[Problem, ...]
    figures: tuple[tuple[str, Figures], ...] = ()
    """The weekly reports outside the weeks ``take(weeks=…)`` kept in full, as their figures."""

    def require(self) -> ValidSnapshot:
        """This snapshot if every file is valid, else ``DataError`` with every problem."""
        if self.problems or self.plan is None or self.roster is None:
            raise DataError(list(self.problems))
        return ValidSnapshot(self.plan, self.roster, self.reports, self.assignments, self.digests, self.problems,
                             self.figures)


@dataclass(frozen=True)
class ValidSnapshot(Snapshot):
    """A snapshot without problems: plan and roster are there."""

    plan: Plan
    roster: Roster


def take(store: Store, read: Files | None = None, save_early: bool = False,
         weeks: Callable[[Plan], Collection[str] | None] | None = None) -> Snapshot:
    """Read the workspace once (or build from the bytes ``read_files`` already read).

    ``weeks``: given the plan, the week labels whose reports are wanted in full (None: all);
    every other weekly report is in ``figures`` only (``figures.py``: the cumulative totals need
    no more of it). ``save_early``: start saving what was newly put into the parse cache now, in
    a forked child (``Store.save_early``), so that a cold run's pickling overlaps what the caller
    computes.
    """
    with paused_gc():  # records hold no cycles: collections walking them cost more than the parse
        if read is None:
            read = read_files(store, weeks)
        summarise, known, missed = summarised(store, read, weeks) if weeks is not None else ({}, {}, [])
        loaded, problems = records_of(store, read, summarise, known)
        remember(store, read, loaded, missed)
    if save_early and not problems:  # a run that stops at its problems saves at its end, as usual
        store.save_early()
    ws = store.ws
    digests = {item.display: item.digest.hex() for item in read.files if item.display in loaded}
    plan, roster = loaded.get(ws.rel(ws.plan_file)), loaded.get(ws.rel(ws.members_file))
    return Snapshot(plan if isinstance(plan, Plan) else None, roster if isinstance(roster, Roster) else None,
                    tuple((path, rec) for path, rec in loaded.items() if isinstance(rec, Report)),
                    tuple((path, rec) for path, rec in loaded.items() if isinstance(rec, Assignment)),
                    MappingProxyType(digests), tuple(problems),
                    tuple((path, rec) for path, rec in loaded.items() if isinstance(rec, Figures)))


__all__ = [
    "AD_HOC_DIR", "Figures", "figures_of", "Files", "Snapshot", "ValidSnapshot", "read_files", "take", "ReportHeader", "ReportPath", "Stray", "WeekFolder", "ad_hoc_date", "ad_hoc_path",
    "assigned_members", "assignment_files", "assignment_names", "request_files", "request_listing", "assignment_listing", "issued_files", "parse_moment", "period_label",
    "read_assignment_end", "read_header", "read_submitted", "report_files", "report_weeks", "stray_problem",
    "symlinks", "week_submissions", "Submitted", "all_files", "read_submission", "review_path", "week_files",
    "withdrawal_path", "correction_strays", "layout_strays", "member_folders", "SYMLINK", "folder_files", "issued_folders", "WeekReview", "WeekView", "arrived_via", "week_reviews", "week_view", "withdrawal",
    "is_record_file", "named", "stored_bytes", "stored_digest", "stored_file", "stored_text",
]
