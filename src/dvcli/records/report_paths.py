"""Where reports live: ``data/reports/<ISO-year>/W<ww>/<member>.yaml``, ad-hoc ones in ``…/dot-xuat/``.

Identity is in the path. ``report_files`` lists reports with what their location says,
``report_weeks`` the week folders (for ``check``'s workers), ``stray_report_files`` YAML files
that are not where reports belong. ``os.scandir`` and string sorting throughout: pathlib's glob
and ``Path`` ordering are ~10x slower over 500,000 files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..workspace import Workspace

AD_HOC_DIR = "dot-xuat"
_WEEK_DIR = re.compile(r"^W(\d{2})$")
_YEAR_DIR = re.compile(r"^\d{4}$")
_AD_HOC_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.yaml$")


def period_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class ReportPath:
    """What a report's location says: the ISO week folder, and member (weekly) or name (ad hoc)."""

    path: Path
    year: int
    week: int
    member: str | None  # weekly reports only
    ad_hoc: bool

    @property
    def period(self) -> str:
        return period_label(self.year, self.week)


def report_files(ws: Workspace, year: int | None = None, week: int | None = None,
                 ad_hoc: bool = True) -> list[ReportPath]:
    """Report files under ``data/reports`` (one week when ``year``/``week`` are given), sorted."""
    found: list[ReportPath] = []
    root = ws.reports_dir
    if not root.is_dir():
        return found
    years = [str(year)] if year is not None else sorted(os.listdir(root))  # noqa: PTH208 - names only, no Path per entry
    for year_name in years:
        year_dir = root / year_name
        if not _YEAR_DIR.match(year_name) or not year_dir.is_dir():
            continue
        weeks = [f"W{week:02d}"] if week is not None else sorted(os.listdir(year_dir))  # noqa: PTH208
        for week_name in weeks:
            match = _WEEK_DIR.match(week_name)
            week_dir = year_dir / week_name
            if not match or not week_dir.is_dir():
                continue
            found += _week_files(week_dir, int(year_name), int(match.group(1)), ad_hoc)
    return found


def _week_files(week_dir: Path, year: int, week: int, ad_hoc: bool) -> list[ReportPath]:
    found = []
    with os.scandir(week_dir) as entries:
        for entry in sorted(entries, key=lambda item: item.name):
            if entry.is_file() and entry.name.endswith(".yaml") and not entry.name.startswith("."):
                found.append(ReportPath(Path(entry.path), year, week, entry.name[:-5], False))
            elif ad_hoc and entry.name == AD_HOC_DIR and entry.is_dir():
                for name in sorted(os.listdir(entry.path)):  # noqa: PTH208
                    if name.endswith(".yaml") and not name.startswith("."):
                        found.append(ReportPath(Path(entry.path) / name, year, week, None, True))
    return found


def stray_report_files(ws: Workspace, known: set[str] | None = None) -> list[Path]:
    """YAML files under ``data/reports`` that are not where reports belong (for ``check``).

    ``known``: the paths (as strings) ``report_files`` found, when the caller has them already.
    """
    root = ws.reports_dir
    if not root.is_dir():
        return []
    if known is None:
        known = {str(item.path) for item in report_files(ws)}
    return [Path(name) for name in sorted(name for name in yaml_files_under(str(root)) if name not in known)]


def yaml_files_under(folder: str) -> list[str]:
    """Every ``*.yaml`` (not hidden) below ``folder``, not following symbolic links to folders."""
    found: list[str] = []
    folders = [folder]
    while folders:  # os.scandir: Path.rglob is ~10x slower over 500,000 files
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.name.endswith(".yaml") and not entry.name.startswith("."):
                    found.append(entry.path)
    return found


@dataclass(frozen=True)
class WeekFolder:
    """One report week folder, as ``report_weeks`` lists it; ``files`` counts its entries (roughly)."""

    path: str
    year: int
    week: int
    files: int
    walked: bool  # False under a symbolic link: ``stray_report_files`` would not have looked inside

    def reports(self) -> list[ReportPath]:
        """The week's reports, weekly then ad hoc by name (as ``report_files``)."""
        return _week_files(Path(self.path), self.year, self.week, True)

    def strays(self, known: set[str]) -> list[str]:
        """YAML files inside this week folder that are not among ``known`` reports."""
        if not self.walked or Path(self.path).is_symlink():
            return []
        return [name for name in yaml_files_under(self.path) if name not in known]


def report_weeks(ws: Workspace) -> tuple[list[WeekFolder], list[str]]:
    """The report week folders (sorted, not opened) and the stray YAML files outside them.

    Together with each ``WeekFolder``'s ``reports()`` and ``strays()`` this is ``report_files``
    plus ``stray_report_files`` split by week, so that ``dvcli check`` can leave the listing of
    500,000 files to the worker processes that check them, week by week.
    """
    root = ws.reports_dir
    if not root.is_dir():
        return [], []
    weeks: list[WeekFolder] = []
    strays: list[str] = []

    def other(path: Path, walked: bool) -> None:  # not a year or week folder: every YAML in it is stray
        if not walked:
            return
        if path.is_dir() and not path.is_symlink():
            strays.extend(yaml_files_under(str(path)))
        elif path.name.endswith(".yaml") and not path.name.startswith("."):
            strays.append(str(path))

    for year_name in sorted(os.listdir(root)):  # noqa: PTH208 - names only
        year_dir = root / year_name
        if not _YEAR_DIR.match(year_name) or not year_dir.is_dir():
            other(year_dir, True)
            continue
        walked = not year_dir.is_symlink()
        for week_name in sorted(os.listdir(year_dir)):  # noqa: PTH208
            week_dir = year_dir / week_name
            match = _WEEK_DIR.match(week_name)
            if match and week_dir.is_dir():
                weeks.append(WeekFolder(str(week_dir), int(year_name), int(match.group(1)),
                                        len(os.listdir(week_dir)), walked))  # noqa: PTH208
            else:
                other(week_dir, walked)
    return weeks, strays


def ad_hoc_path(ws: Workspace, day: dt.date, year: int, week: int, member: str, slug: str) -> Path:
    return ws.reports_dir / f"{year}" / f"W{week:02d}" / AD_HOC_DIR / f"{day.isoformat()}-{member}-{slug}.yaml"


def ad_hoc_date(name: str) -> str | None:
    match = _AD_HOC_NAME.match(name)
    return match.group(1) if match else None
