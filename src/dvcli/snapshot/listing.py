"""The listing rule: which files of ``data/`` are records, and every other file named once.

Identity is in the path: ``data/assignments/<member>/<task>_<start>.yaml``,
``data/reports/<ISO-year>/W<ww>/<member>.yaml`` (ad-hoc reports in ``…/W<ww>/dot-xuat/``), and
``data/issued/<year>/<folder>/issued.yaml``. A file is a record only when it is a regular file
(not a symbolic link) with a visible ``*.yaml`` name where its kind belongs. Everything else under
``data/assignments`` and ``data/reports`` — hidden names (``.ban-sao.yaml``, ``.x.yaml.swp``),
editor backups (``x.yaml~``), other extensions, misplaced YAML, symbolic links, folders that
cannot be read — is never a record for any command, and ``dvcli check`` names each one with a
hint (``stray_problem``). Temporary files of an interrupted write (``.NAME.xxxx.tmp``) are left to
``checks/leftovers.py``, which says whether the write finished.

``os.scandir`` and string sorting throughout: pathlib's glob and ``Path`` ordering are ~10x
slower over 500,000 files. ``report_weeks`` lists only the week folders, so that ``check``'s
workers list (and check) one week each.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..i18n import _
from ..workspace import Workspace

AD_HOC_DIR = "dot-xuat"
_WEEK_DIR = re.compile(r"^W(\d{2})$")
_YEAR_DIR = re.compile(r"^\d{4}$")
_AD_HOC_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.yaml$")
TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[A-Za-z0-9_]+\.tmp$")  # atomic.py's temporary files

# Why a file is not a record (``Stray.reason``); each has its message and hint in ``stray_problem``.
SYMLINK, HIDDEN, NOT_YAML, MISPLACED_REPORT, MISPLACED_ASSIGNMENT, UNREADABLE_FOLDER, FOLDER = (
    "symlink", "hidden", "not-yaml", "misplaced-report", "misplaced-assignment", "unreadable-folder", "folder")


def period_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def is_record_name(name: str) -> bool:
    """A visible ``*.yaml`` name: the only names a record file may have."""
    return name.endswith(".yaml") and not name.startswith(".") and len(name) > 5


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


@dataclass(frozen=True)
class Stray:
    """A file (or folder) under ``data/`` that is no record, and why."""

    path: str
    reason: str
    misplaced: str = ""  # MISPLACED_*: what kind of record it looks like


def _entry_reason(entry: os.DirEntry[str]) -> str | None:
    """Why a directory entry that should be a record file is not one (None: it is one)."""
    if entry.is_symlink():
        return SYMLINK
    if TEMP_NAME.match(entry.name):
        return ""  # named by checks/leftovers.py
    if entry.name.startswith("."):
        return HIDDEN
    if not entry.name.endswith(".yaml"):
        return NOT_YAML if not entry.is_dir(follow_symlinks=False) else None
    return None


def _scan(folder: str, strays: list[Stray] | None) -> list[os.DirEntry[str]]:
    """The entries of ``folder``, sorted by name; a folder that cannot be read is a stray."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda item: item.name)
    except FileNotFoundError:
        return []
    except OSError:
        if strays is not None:
            strays.append(Stray(folder, UNREADABLE_FOLDER))
        return []


def _everything_under(entry_path: str, reason: str, strays: list[Stray], misplaced: str) -> None:
    """Every file below a folder that holds no records, each named (symlinks not followed)."""
    if entry_path.endswith(".yaml"):
        strays.append(Stray(entry_path, FOLDER))
    for entry in _scan(entry_path, strays):
        own = _entry_reason(entry)
        if own == "":
            continue
        if own:
            strays.append(Stray(entry.path, own))
        elif entry.is_dir(follow_symlinks=False):
            _everything_under(entry.path, reason, strays, misplaced)
        else:
            strays.append(Stray(entry.path, reason, misplaced))


def week_entries(week_dir: str, year: int, week: int, ad_hoc: bool = True,
                 strays: list[Stray] | None = None) -> list[ReportPath]:
    """One week folder's reports, weekly then ad hoc by name; what is not a report goes to ``strays``."""
    found: list[ReportPath] = []
    for entry in _scan(week_dir, strays):
        reason = _entry_reason(entry)
        if reason == "":
            continue
        if reason:
            if strays is not None:
                strays.append(Stray(entry.path, reason))
            continue
        if entry.name == AD_HOC_DIR and entry.is_dir(follow_symlinks=False):
            if not ad_hoc and strays is None:
                continue
            for inner in _scan(entry.path, strays):
                inner_reason = _entry_reason(inner)
                if inner_reason == "":
                    continue
                if inner_reason or inner.is_dir(follow_symlinks=False):
                    if strays is not None:
                        if inner_reason:
                            strays.append(Stray(inner.path, inner_reason))
                        else:
                            _everything_under(inner.path, MISPLACED_REPORT, strays, "report")
                    continue
                if ad_hoc:
                    found.append(ReportPath(Path(inner.path), year, week, None, True))
        elif entry.is_dir(follow_symlinks=False):
            if strays is not None:
                _everything_under(entry.path, MISPLACED_REPORT, strays, "report")
        else:
            found.append(ReportPath(Path(entry.path), year, week, entry.name[:-5], False))
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
        found += [str(item.path) for item in week_entries(folder.path, folder.year, folder.week)]
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
    for year_entry in _scan(str(ws.reports_dir), strays):
        reason = _entry_reason(year_entry)
        if reason == "":
            continue
        if reason or not year_entry.is_dir(follow_symlinks=False) or not _YEAR_DIR.match(year_entry.name):
            _other(year_entry, reason, strays)
            continue
        for week_entry in _scan(year_entry.path, strays):
            reason = _entry_reason(week_entry)
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
        _everything_under(entry.path, MISPLACED_REPORT, strays, "report")
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
                    if _entry_reason(entry) is None and not entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def assignment_listing(ws: Workspace, strays: list[Stray] | None = None) -> list[Path]:
    """Every assignment file (``<member>/<name>.yaml``), sorted by member then name; others to ``strays``."""
    found: list[str] = []
    for member in _scan(str(ws.assignments_dir), strays):
        reason = _entry_reason(member)
        if reason == "":
            continue
        if reason or not member.is_dir(follow_symlinks=False):
            if strays is not None:
                strays.append(Stray(member.path, reason or MISPLACED_ASSIGNMENT, "assignment"))
            continue
        for entry in _scan(member.path, strays):
            reason = _entry_reason(entry)
            if reason == "":
                continue
            if reason:
                if strays is not None:
                    strays.append(Stray(entry.path, reason))
            elif entry.is_dir(follow_symlinks=False):
                if strays is not None:
                    _everything_under(entry.path, MISPLACED_ASSIGNMENT, strays, "assignment")
            else:
                found.append(entry.path)
    return [Path(name) for name in found]


def assignment_files(ws: Workspace) -> list[Path]:
    """Every assignment file, sorted by member then name (the listing rule; strays left out)."""
    return assignment_listing(ws)


def member_assignment_names(folder: str) -> list[str]:
    """The assignment file names in one member's folder (sorted), by the listing rule."""
    if os.path.islink(folder.rstrip(os.sep)):  # noqa: PTH114 - a string path, 10,000 members
        return []
    names = []
    for entry in _scan(folder, None):
        if _entry_reason(entry) is None and not entry.is_dir(follow_symlinks=False):
            names.append(entry.name)
    return names


def issued_files(ws: Workspace) -> list[Path]:
    """Every ``issued.yaml`` under ``data/issued`` (symbolic links neither followed nor listed)."""
    found: list[str] = []
    pending = [str(ws.issued_dir)]
    while pending:
        for entry in _scan(pending.pop(), None):
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.name == "issued.yaml":
                found.append(entry.path)
    return [Path(name) for name in sorted(found, key=lambda name: name.split(os.sep))]  # noqa: PTH206


def symlinks(ws: Workspace) -> list[str]:
    """Every symbolic link under ``data/`` and ``templates/`` — the folders dvcli reads."""
    found: list[str] = []
    pending = [str(ws.data), str(ws.templates_dir)]
    for top in pending[:]:
        if Path(top).is_symlink():
            found.append(top)
            pending.remove(top)
    while pending:
        for entry in _scan(pending.pop(), None):
            if entry.is_symlink():
                found.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
    return sorted(found)


def stray_problem(ws: Workspace, stray: Stray) -> Problem:
    """How ``dvcli check`` names a file that is no record: what it is, and what to do."""
    shown = ws.rel(Path(stray.path))
    if stray.reason == SYMLINK:
        return Problem(shown, None, "", _("liên kết tượng trưng (symlink) trong dữ liệu: dvcli không đọc nó"),
                       _("thay liên kết bằng chính tệp đó (hoặc xoá nó: git rm '{p}')").format(p=shown))
    if stray.reason == UNREADABLE_FOLDER:
        return Problem(shown, None, "", _("không đọc được thư mục: không có quyền đọc"),
                       _("xin quyền đọc thư mục (chmod a+rx '{p}')").format(p=shown))
    if stray.reason == FOLDER:
        return Problem(shown, None, "", _("thư mục mang tên tệp .yaml: dvcli không đọc nó như một bản ghi"),
                       _("đổi tên thư mục (bỏ đuôi .yaml), hoặc xoá nó nếu trống"))
    if stray.reason == HIDDEN:
        return Problem(shown, None, "", _("tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó"),
                       _("đổi tên tệp cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm '{p}'").format(p=shown))
    if stray.reason == NOT_YAML:
        return Problem(shown, None, "", _("tệp không phải .yaml nằm trong thư mục dữ liệu: dvcli không đọc nó"),
                       _("bản sao lưu của trình soạn thảo hay tệp lạ: xoá nó (rm '{p}'), hoặc đặt ngoài data/").format(
                           p=shown))
    if stray.misplaced == "assignment":
        return Problem(shown, None, "", _("tệp phân công nằm sai chỗ"),
                       _("phân công: data/assignments/THÀNH-VIÊN/NHIỆM-VỤ_NGÀY-BẮT-ĐẦU.yaml"))
    return Problem(shown, None, "", _("tệp báo cáo nằm sai chỗ"),
                   _("báo cáo tuần: data/reports/NĂM/Wtt/THÀNH-VIÊN.yaml; báo cáo đột xuất: "
                     "data/reports/NĂM/Wtt/dot-xuat/NGÀY-THÀNH-VIÊN-TIÊU-ĐỀ.yaml"))


def ad_hoc_path(ws: Workspace, day: dt.date, year: int, week: int, member: str, slug: str) -> Path:
    return ws.reports_dir / f"{year}" / f"W{week:02d}" / AD_HOC_DIR / f"{day.isoformat()}-{member}-{slug}.yaml"


def ad_hoc_date(name: str) -> str | None:
    match = _AD_HOC_NAME.match(name)
    return match.group(1) if match else None
