"""Where assignments and reports live, and what a report's path and first lines say.

Identity is in the path: ``data/assignments/<member>/<task>_<start>.yaml`` and
``data/reports/<ISO-year>/W<ww>/<member>.yaml`` (ad-hoc reports in ``…/W<ww>/dot-xuat/``).
``read_header`` answers "who, which period, submitted when" by scanning a report's top-level
``member:``/``period:``/``date:``/``submitted:`` lines — no YAML parsing, so ``status`` over a
week of ten thousand reports reads a few bytes per file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .rawio import read_bytes
from .workspace import Workspace

AD_HOC_DIR = "dot-xuat"
_WEEK_DIR = re.compile(r"^W(\d{2})$")
_YEAR_DIR = re.compile(r"^\d{4}$")
_AD_HOC_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.yaml$")
_HEADER = re.compile(r"^(member|period|date|submitted|title):[ \t]*(.*?)[ \t]*$")
_ASSIGNMENT_DATES = re.compile(r"^(start|end):[ \t]*(.*?)[ \t]*\r?$", re.MULTILINE)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})  # as yamlio: plain scalars that mean "no value"


def period_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def assignment_files(ws: Workspace) -> list[Path]:
    """Every assignment file, sorted by member then name."""
    root = ws.assignments_dir
    if not root.is_dir():
        return []
    found: list[str] = []  # os.scandir and string sorting: pathlib's glob and Path ordering are ~10x slower
    with os.scandir(root) as members:
        for member in members:
            if member.is_dir():
                with os.scandir(member.path) as entries:
                    found += [entry.path for entry in entries if entry.name.endswith(".yaml") and entry.is_file()]
    return [Path(name) for name in sorted(found, key=lambda name: name.rsplit(os.sep, 2)[-2:])]


def assigned_members(ws: Workspace, members: Iterable[str], first: str, last: str) -> tuple[set[str], list[str]]:
    """Which of ``members`` hold an assignment overlapping ``first``..``last`` (ISO dates), from paths.

    Member and start come from the path ``data/assignments/<member>/<task>_<start>.yaml``; only
    ``end`` is read, from the file's top-level lines (``read_assignment_end``: no YAML parsing, no
    validation), and only for assignments that start by ``last``; a member's other files are not
    opened once one is found active. Returns the members found and the *unusual* files — a name
    not of that form, lines that do not say start and end plainly: the caller reads those through
    the store, which validates them. ``dvcli check`` validates every assignment in full.
    Strings and ``os.listdir``, not ``Path`` objects: this runs for every member of a large roster.
    """
    root = f"{ws.assignments_dir}{os.sep}"
    assigned: set[str] = set()
    unusual: list[str] = []
    listdir, is_date = os.listdir, _ISO_DATE.match
    for member in members:
        folder = f"{root}{member}{os.sep}"
        try:
            names = listdir(folder)
        except OSError:  # no folder: no assignment
            continue
        if len(names) > 1:
            names.sort()
        for name in names:
            if not name.endswith(".yaml"):
                continue
            start = name[-15:-5]
            if name[-16:-15] != "_" or len(name) < 17 or not is_date(start):
                unusual.append(folder + name)
                continue
            if start > last:  # ISO dates order as strings
                continue
            understood, end = read_assignment_end(folder + name, start)
            if not understood:
                unusual.append(folder + name)
            elif end is None or end >= first:
                assigned.add(member)
                break
    return assigned, unusual


def read_assignment_end(path: str, start: str) -> tuple[bool, str | None]:
    """An assignment's ``end`` (ISO date text, None: open-ended), read from its top-level lines.

    ``(True, end)`` when the file has exactly one top-level ``start:`` line saying ``start`` (a
    valid date) and at most one ``end:`` line that is empty, a null word or a valid date.
    ``(False, None)`` for anything else — flow style, an alias, a tag, a bad date, an unreadable
    file: the caller then reads the file through the store, which validates it.
    """
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False, None
    starts: list[str] = []
    ends: list[str] = []
    for key, value in _ASSIGNMENT_DATES.findall(text):
        (starts if key == "start" else ends).append(value)
    if len(starts) != 1 or len(ends) > 1 or _scalar(starts[0]) != start:
        return False, None
    end = _scalar(ends[0]) if ends and ends[0] not in _NULL_WORDS else None
    if end is not None and not _ISO_DATE.match(end):
        return False, None
    try:
        dt.date.fromisoformat(start)
        if end is not None:
            dt.date.fromisoformat(end)
    except ValueError:
        return False, None
    return True, end


def week_submissions(ws: Workspace, year: int, week: int) -> dict[str, str | None]:
    """member → the ``submitted:`` text of each weekly report of one week (ad-hoc reports aside).

    Who from the file name, when from the first top-level ``submitted:`` line (as ``read_header``
    finds it; None when there is none): one small read per report, no YAML parsing. Files are
    opened relative to the week folder (``dir_fd``), which saves the kernel a path walk per file.
    """
    folder = f"{ws.reports_dir}{os.sep}{year}{os.sep}W{week:02d}"
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries
                     if entry.name.endswith(".yaml") and not entry.name.startswith(".") and entry.is_file()]
    except OSError:
        return {}
    if os.open not in os.supports_dir_fd:  # pragma: no cover - not POSIX
        return {name[:-5]: read_submitted(f"{folder}{os.sep}{name}") for name in names}
    found: dict[str, str | None] = {}
    directory = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for name in names:
            found[name[:-5]] = read_submitted(name, directory)
    finally:
        os.close(directory)
    return found


def read_submitted(path: str, dir_fd: int | None = None) -> str | None:
    """The value of a report's first top-level ``submitted:`` line (as ``read_header``), or None."""
    try:
        fd = os.open(path, _READ, dir_fd=dir_fd)
        try:
            data = os.read(fd, 4096)
            at = _find_line(data, b"submitted:")
            if at < 0 and len(data) == 4096:
                while chunk := os.read(fd, 65536):
                    data += chunk
                at = _find_line(data, b"submitted:")
        finally:
            os.close(fd)
    except OSError:
        return None
    if at < 0:
        return None
    end = data.find(b"\n", at)
    line = data[at + 10:] if end < 0 else data[at + 10:end]
    value = _scalar(line.decode("utf-8", errors="replace").rstrip("\r").strip(" \t"))
    return value or None


def _find_line(data: bytes, key: bytes) -> int:
    """Where the first line starting with ``key`` starts in ``data`` (a leading BOM allowed), or -1."""
    if data.startswith(key):
        return 0
    if data.startswith(b"\xef\xbb\xbf" + key):
        return 3
    at = data.find(b"\n" + key)
    return at + 1 if at >= 0 else -1


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


@dataclass(frozen=True)
class ReportHeader:
    member: str | None = None
    period: str | None = None
    date: str | None = None
    title: str | None = None
    submitted: dt.datetime | None = None
    submitted_text: str | None = None


def _scalar(text: str) -> str:
    """A one-line YAML scalar without its quotes or trailing comment."""
    if text[:1] in ("'", '"'):
        quote = text[0]
        end = text.find(quote, 1)
        return text[1:end] if end > 0 else text[1:]
    return text.split(" #", 1)[0].strip()


def parse_moment(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def read_header(path: Path) -> ReportHeader:
    """The identifying top-level fields of a report, read line by line (see module docstring)."""
    values: dict[str, str] = {}
    try:
        data = read_bytes(path)  # one raw read and one decode: a text-mode line loop costs 3x more
    except OSError:
        return ReportHeader()
    for line in data.decode("utf-8-sig", errors="replace").split("\n"):
        match = _HEADER.match(line.rstrip("\r"))
        if match and match.group(1) not in values:
            values[match.group(1)] = _scalar(match.group(2))
            if {"member", "submitted"} <= values.keys() and ("period" in values or "date" in values):
                break
    submitted_text = values.get("submitted")
    return ReportHeader(values.get("member"), values.get("period"), values.get("date"), values.get("title"),
                        parse_moment(submitted_text) if submitted_text else None, submitted_text)
