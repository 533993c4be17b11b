"""How ``dvcli check`` names what is no record: each ``Stray`` with a hint, and every symbolic link."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from ..i18n import _
from ..workspace import Workspace
from .rule import (
    FOLDER,
    HIDDEN,
    MISPLACED_TOP,
    NOT_ISSUED,
    NOT_ORIGINAL,
    NOT_PREPARED,
    NOT_RECEIVED,
    NOT_YAML,
    SYMLINK,
    TEMP_NAME,
    UNKNOWN_FOLDER,
    UNREADABLE_FOLDER,
    Stray,
    entry_reason,
    scan,
)

README = "README.md"  # dvcli init's guide to the folder, beside plan.yaml


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
    from . import drafts, mail

    for top in (ws.withdrawn_dir, ws.reviews_dir, mail.reminders_dir(ws), drafts.folder(ws)):
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


def top_strays(ws: Workspace) -> list[Stray]:
    """What lies directly in ``data/`` and belongs nowhere: the top holds the plan, the roster, the
    units, the mail settings, dvcli init's README and the folders of each kind — nothing else."""
    from . import drafts, issued, mail, received  # here: received.py imports pydantic, which status never needs

    files = {ws.plan_file.name, ws.members_file.name, received.UNITS_FILE, Path(mail.MAIL_FILE).name, README}
    folders = {Path(folder).name for folder in (
        ws.assignments_dir, ws.reports_dir, ws.withdrawn_dir, ws.reviews_dir, ws.requests_dir, ws.issued_dir,
        issued.prepared_dir(ws), received.received_dir(ws), drafts.folder(ws), mail.reminders_dir(ws))}
    found: list[Stray] = []
    for entry in scan(str(ws.data), found):
        reason = entry_reason(entry)
        if reason in ("", SYMLINK) or entry.name in (folders if entry.is_dir(follow_symlinks=False) else files):
            continue
        if entry.is_dir(follow_symlinks=False):
            found.append(Stray(entry.path, HIDDEN if reason == HIDDEN else UNKNOWN_FOLDER))
        else:
            found.append(Stray(entry.path, reason or MISPLACED_TOP))
    return found


def layout_strays(ws: Workspace) -> list[Stray]:
    """Every stray of the top of ``data/``, of ``data/issued/`` and ``data/prepared/`` (outside a
    document's folder: ``checks/issued.py`` compares those with their records), of report import's originals
    (``data/received/<year>/``) — the folders whose listing is not a reading of records."""
    from . import issued, received

    found = top_strays(ws)
    issued.issued_folders(ws, found)
    issued.prepared_listing(ws, found)
    received.original_listing(ws, found)
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
    if stray.reason == HIDDEN and os.path.isdir(stray.path):  # noqa: PTH112 - rare: a hidden copy of a folder
        return Problem(shown, None, "", _("thư mục ẩn nằm trong thư mục dữ liệu: dvcli không đọc gì trong đó"),
                       _("đổi tên thư mục cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm -r '{p}'").format(
                           p=shown))
    if stray.reason == HIDDEN:
        return Problem(shown, None, "", _("tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó"),
                       _("đổi tên tệp cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm '{p}'").format(p=shown))
    if stray.reason == NOT_YAML:
        return Problem(shown, None, "", _("tệp không phải .yaml nằm trong thư mục dữ liệu: dvcli không đọc nó"),
                       _("bản sao lưu của trình soạn thảo hay tệp lạ: xoá nó (rm '{p}'), hoặc đặt ngoài data/").format(
                           p=shown))
    if stray.reason == MISPLACED_TOP:
        return Problem(shown, None, "", _("tệp .yaml lạ ngay trong data/: không phải bản ghi nào, dvcli không đọc nó"),
                       _("ngay trong data/ chỉ có plan.yaml, members.yaml, units.yaml, mail.yaml; báo cáo tuần: "
                         "data/reports/NĂM/Wtt/THÀNH-VIÊN.yaml — chuyển tệp vào đúng chỗ (git mv), hoặc xoá nó: "
                         "git rm '{p}'").format(p=shown))
    if stray.reason == UNKNOWN_FOLDER:
        return Problem(shown, None, "", _("thư mục lạ trong data/: dvcli không đọc gì trong đó"),
                       _("các thư mục của dvcli: assignments, reports, withdrawn, reviews, requests, issued, prepared, "
                         "received, drafts, reminders — chuyển các tệp vào đúng chỗ, hoặc đặt thư mục ngoài data/"))
    if stray.reason == NOT_ISSUED:
        return Problem(shown, None, "", _("tệp lạ trong data/issued/: không thuộc văn bản đã ban hành nào"),
                       _("văn bản đã ban hành: data/issued/NĂM/SỐ-LOẠI-KÝ-HIỆU/ (dvcli ghi khi ban hành); xoá tệp "
                         "này: git rm '{p}'").format(p=shown))
    if stray.reason == NOT_PREPARED:
        return Problem(shown, None, "", _("tệp lạ trong thư mục văn bản chuẩn bị để ký: dvcli không đọc nó"),
                       _("mỗi văn bản chuẩn bị để ký: data/prepared/MÃ/ gồm prepared.yaml, MÃ.pdf, MÃ.docx; "
                         "xoá tệp này: git rm '{p}'").format(p=shown))
    if stray.reason == NOT_ORIGINAL:
        return Problem(shown, None, "", _("tệp lạ trong thư mục tệp gốc đã nhận: không phải tệp gốc nào"),
                       _("tệp gốc do dvcli report import lưu: data/received/NĂM/Wtt/THÀNH-VIÊN/MÃ-TÊN (báo cáo đột "
                         "xuất: data/received/NĂM/dot-xuat/THÀNH-VIÊN/…); xoá tệp này: git rm '{p}'").format(p=shown))
    if stray.reason == NOT_RECEIVED:
        return Problem(shown, None, "", _("tệp lạ trong thư mục báo cáo đơn vị đã nhận"),
                       _("mỗi báo cáo đã nhận: data/received/ĐƠN-VỊ/NĂM/SỐ-LOẠI-KÝ-HIỆU/ gồm package.zip, "
                         "received.yaml (và replaced.yaml); xoá tệp này: git rm '{p}'").format(p=shown))
    if stray.misplaced == "request":
        return Problem(shown, None, "", _("tệp yêu cầu báo cáo nằm sai chỗ"),
                       _("yêu cầu báo cáo: data/requests/MÃ-YÊU-CẦU.yaml (ngay trong thư mục, không có thư mục con)"))
    if stray.misplaced == "assignment":
        return Problem(shown, None, "", _("tệp phân công nằm sai chỗ"),
                       _("phân công: data/assignments/THÀNH-VIÊN/NHIỆM-VỤ_NGÀY-BẮT-ĐẦU.yaml"))
    return Problem(shown, None, "", _("tệp báo cáo nằm sai chỗ"),
                   _("báo cáo tuần: data/reports/NĂM/Wtt/THÀNH-VIÊN.yaml; báo cáo đột xuất: "
                     "data/reports/NĂM/Wtt/dot-xuat/NGÀY-THÀNH-VIÊN-TIÊU-ĐỀ.yaml"))
