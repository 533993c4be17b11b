"""Where reports belong: ``data/reports/<ISO-year>/W<ww>/<member>.yaml``, ad hoc in ``…/W<ww>/dot-xuat/``.

Identity is in the path. ``report_weeks`` lists only the week folders, so that ``check``'s
workers list (and check) one week each; ``week_entries`` lists one week by the listing rule
(``rule.py``), every other entry a ``Stray``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..workspace import Workspace
from .rule import MISPLACED_REPORT, Stray, entry_reason, everything_under, scan

AD_HOC_DIR = "dot-xuat"
_WEEK_DIR = re.compile(r"^W(\d{2})$")
_YEAR_DIR = re.compile(r"^\d{4}$")
_AD_HOC_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.yaml$")


def period_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class ReportPath:
    """What a report's location says: the ISO week folder, and member (weekly) or name (ad hoc)."""

    location: str
    """The file's path as listed (a string: a listing of 50,000 reports builds no ``Path`` it does not need)."""
    year: int
    week: int
    member: str | None  # weekly reports only
    ad_hoc: bool

    @property
    def period(self) -> str:
        return period_label(self.year, self.week)

    @cached_property
    def path(self) -> Path:
        return Path(self.location)


def week_entries(week_dir: str, year: int, week: int, ad_hoc: bool = True,
                 strays: list[Stray] | None = None) -> list[ReportPath]:
    """One week folder's reports, weekly then ad hoc by name; what is not a report goes to ``strays``."""
    found: list[ReportPath] = []
    for entry in scan(week_dir, strays):
        reason = entry_reason(entry)
        if reason == "":
            continue
        if reason:
            if strays is not None:
                strays.append(Stray(entry.path, reason))
            continue
        if entry.name == AD_HOC_DIR and entry.is_dir(follow_symlinks=False):
            if not ad_hoc and strays is None:
                continue
            for inner in scan(entry.path, strays):
                inner_reason = entry_reason(inner)
                if inner_reason == "":
                    continue
                if inner_reason or inner.is_dir(follow_symlinks=False):
                    if strays is not None:
                        if inner_reason:
                            strays.append(Stray(inner.path, inner_reason))
                        else:
                            everything_under(inner.path, MISPLACED_REPORT, strays, "report")
                    continue
                if ad_hoc:
                    found.append(ReportPath(inner.path, year, week, None, True))
        elif entry.is_dir(follow_symlinks=False):
            if strays is not None:
                everything_under(entry.path, MISPLACED_REPORT, strays, "report")
        else:
            found.append(ReportPath(entry.path, year, week, entry.name[:-5], False))
    return found


def report_files(ws: Workspace, year: int | None = None, week: int | None = None,
                 ad_hoc: bool = True) -> list[ReportPath]:
    """Report files under ``data/reports`` (one week when ``year``/``week`` are given), sorted."""
    if year is not None and week is not None:
        one = week_folder(ws, year, week)
        return [] if one is None else week_entries(one, year, week, ad_hoc)
    found: list[ReportPath] = []
    for folder in report_weeks(ws)[0]:
        if year is None or folder.year == year:
            found += week_entries(folder.path, folder.year, folder.week, ad_hoc)
    return found


def report_names(ws: Workspace) -> list[str]:
    """Every report file's path as a string, in ``report_files`` order (no ``Path`` per file: 10,000s)."""
    found: list[str] = []
    for folder in report_weeks(ws)[0]:
        found += [item.location for item in week_entries(folder.path, folder.year, folder.week)]
    return found


@dataclass(frozen=True)
class WeekFolder:
    """One report week folder, as ``report_weeks`` lists it; ``files`` counts its entries (roughly)."""

    path: str
    year: int
    week: int
    files: int

    def reports(self) -> list[ReportPath]:
        """The week's reports, weekly then ad hoc by name (as ``report_files``)."""
        return week_entries(self.path, self.year, self.week)

    def listing(self) -> tuple[list[ReportPath], list[Stray]]:
        """The week's reports and every other file in the folder."""
        strays: list[Stray] = []
        return week_entries(self.path, self.year, self.week, True, strays), strays


def report_weeks(ws: Workspace) -> tuple[list[WeekFolder], list[Stray]]:
    """The report week folders (sorted, not opened) and every stray outside them.

    Together with each ``WeekFolder``'s ``listing()`` this is the whole of ``data/reports``,
    split by week, so that ``dvcli check`` can leave the listing of 500,000 files to the worker
    processes that check them, week by week.
    """
    weeks: list[WeekFolder] = []
    strays: list[Stray] = []
    for year_entry in scan(str(ws.reports_dir), strays):
        reason = entry_reason(year_entry)
        if reason == "":
            continue
        if reason or not year_entry.is_dir(follow_symlinks=False) or not _YEAR_DIR.match(year_entry.name):
            _other(year_entry, reason, strays)
            continue
        for week_entry in scan(year_entry.path, strays):
            reason = entry_reason(week_entry)
            if reason == "":
                continue
            match = _WEEK_DIR.match(week_entry.name)
            if reason or not match or not week_entry.is_dir(follow_symlinks=False):
                _other(week_entry, reason, strays)
                continue
            try:
                count = len(os.listdir(week_entry.path))  # noqa: PTH208 - names only
            except OSError:
                count = 1
            weeks.append(WeekFolder(week_entry.path, int(year_entry.name), int(match.group(1)), count))
    return weeks, strays


def _other(entry: os.DirEntry[str], reason: str | None, strays: list[Stray]) -> None:
    """An entry of ``data/reports`` that is not a year or week folder: nothing in it is a report."""
    if reason:
        strays.append(Stray(entry.path, reason))
    elif entry.is_dir(follow_symlinks=False):
        everything_under(entry.path, MISPLACED_REPORT, strays, "report")
    else:
        strays.append(Stray(entry.path, MISPLACED_REPORT, "report"))


def week_folder(ws: Workspace, year: int, week: int) -> str | None:
    """One week's folder, or None when it is missing or reached through a symbolic link."""
    year_dir = f"{ws.reports_dir}{os.sep}{year}"
    folder = f"{year_dir}{os.sep}W{week:02d}"
    if os.path.islink(year_dir) or os.path.islink(folder):  # noqa: PTH114 - strings on the hot path
        return None
    return folder


def weekly_report_names(folder: str | None) -> list[str]:
    """The weekly reports' file names in one week folder (unsorted), by the listing rule."""
    if folder is None:
        return []
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries
                    if entry_reason(entry) is None and not entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def ad_hoc_path(ws: Workspace, day: dt.date, year: int, week: int, member: str, slug: str) -> Path:
    return ws.reports_dir / f"{year}" / f"W{week:02d}" / AD_HOC_DIR / f"{day.isoformat()}-{member}-{slug}.yaml"


def ad_hoc_date(name: str) -> str | None:
    match = _AD_HOC_NAME.match(name)
    return match.group(1) if match else None
