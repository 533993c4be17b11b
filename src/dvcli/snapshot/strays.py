"""How ``dvcli check`` names what is no record: each ``Stray`` with a hint, and every symbolic link."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from ..i18n import _
from ..workspace import Workspace
from .rule import FOLDER, HIDDEN, NOT_YAML, SYMLINK, TEMP_NAME, UNREADABLE_FOLDER, Stray, entry_reason, scan


def symlinks(ws: Workspace) -> list[str]:
    """Every symbolic link under ``data/`` and ``templates/`` — the folders dvcli reads."""
    found: list[str] = []
    pending = [str(ws.data), str(ws.templates_dir)]
    for top in pending[:]:
        if Path(top).is_symlink():
            found.append(top)
            pending.remove(top)
    while pending:
        for entry in scan(pending.pop(), None):
            if entry.is_symlink():
                found.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
    return sorted(found)


def correction_strays(ws: Workspace) -> list[Stray]:
    """Hidden files and files that are not ``.yaml`` under ``data/withdrawn``, ``data/reviews``,
    ``data/reminders`` and ``data/drafts`` (whose ``*.yaml`` files ``check`` reads as records).
    Symbolic links are left to ``symlinks`` and temporary files to ``checks/leftovers.py``."""
    found: list[Stray] = []
    for top in (ws.withdrawn_dir, ws.reviews_dir, ws.data / "reminders", ws.data / "drafts"):
        pending = [str(top)]
        while pending:
            for entry in scan(pending.pop(), found):
                reason = entry_reason(entry)
                if reason in ("", SYMLINK):
                    continue
                if reason:
                    found.append(Stray(entry.path, reason))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    return found


def temp_files(ws: Workspace) -> list[tuple[Path, Path]]:
    """Every temporary file of an interrupted write under ``data/`` and ``templates/``, with its target."""
    found: list[tuple[Path, Path]] = []
    for top in (ws.data, ws.templates_dir):
        for folder, _dirs, files in os.walk(top):
            for name in sorted(files):
                match = TEMP_NAME.match(name)
                if match is not None:
                    path = Path(folder) / name
                    found.append((path, path.with_name(match["target"])))
    return found


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
    if stray.misplaced == "request":
        return Problem(shown, None, "", _("tệp yêu cầu báo cáo nằm sai chỗ"),
                       _("yêu cầu báo cáo: data/requests/MÃ-YÊU-CẦU.yaml (ngay trong thư mục, không có thư mục con)"))
    if stray.misplaced == "assignment":
        return Problem(shown, None, "", _("tệp phân công nằm sai chỗ"),
                       _("phân công: data/assignments/THÀNH-VIÊN/NHIỆM-VỤ_NGÀY-BẮT-ĐẦU.yaml"))
    return Problem(shown, None, "", _("tệp báo cáo nằm sai chỗ"),
                   _("báo cáo tuần: data/reports/NĂM/Wtt/THÀNH-VIÊN.yaml; báo cáo đột xuất: "
                     "data/reports/NĂM/Wtt/dot-xuat/NGÀY-THÀNH-VIÊN-TIÊU-ĐỀ.yaml"))
