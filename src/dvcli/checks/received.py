"""Reporting units and the unit reports received, for ``dvcli check``.

``data/units.yaml`` must be valid (unit ids that are safe folder names, no id twice). Under
``data/received/<unit>/`` (the listing rule is ``snapshot.received``) every folder must hold a
valid ``received.yaml`` and the ``package.zip`` it names by SHA-256, and the package must still
verify (every member's digest, the issued files against the record's blob ids); anything else
there is named. Report import's originals (``data/received/<year>/``) are not looked at here.
"""

from __future__ import annotations

from ..errors import DataError, Problem
from ..i18n import _
from ..snapshot.received import (
    PackageError,
    read_package,
    read_record,
    read_replaced,
    received_folders,
    units_file,
    units_loaded,
)
from ..snapshot.rule import Stray
from ..snapshot.strays import stray_problem
from ..store import Store


def check_units(store: Store) -> tuple[list[Problem], int, list[str]]:
    """Problems of ``data/units.yaml`` and of every received unit report; how many were received;
    the strays named (their paths: ``checks/links.py`` names no symbolic link twice)."""
    ws = store.ws
    problems: list[Problem] = []
    path, loaded = units_file(ws), units_loaded(store)
    if loaded is not None:
        problems += loaded.problems
        if loaded.record is not None:
            seen: set[str] = set()
            for index, unit in enumerate(loaded.record.units):
                if unit.id in seen:
                    problems.append(Problem(ws.rel(path), store.line(path, ["units", index, "id"]),
                                            f"units[{index}].id", _("mã đơn vị {u} khai hai lần").format(u=unit.id),
                                            _("mỗi đơn vị một mục; xoá mục trùng")))
                seen.add(unit.id)
    strays: list[Stray] = []
    folders = received_folders(ws, strays)
    problems += [stray_problem(ws, stray) for stray in strays]
    named = {stray.path for stray in strays}
    for folder in folders:
        if named & {str(folder.record_path), str(folder.package_path), str(folder.replaced_path)}:
            continue  # a symbolic link (or a folder) in place of one of its files: named above, never read
        record_shown, package_shown = ws.rel(folder.record_path), ws.rel(folder.package_path)
        try:
            record = read_record(folder.record_path, record_shown)
            read_replaced(folder.replaced_path, ws.rel(folder.replaced_path))
        except DataError as exc:
            problems += exc.problems
            continue
        except OSError:
            problems.append(Problem(record_shown, None, "", _("thiếu received.yaml: báo cáo đơn vị nhận dở dang"),
                                    _("xoá thư mục rồi nhận lại: git rm -r '{p}' && dvcli receive").format(
                                        p=ws.rel(folder.path))))
            continue
        try:
            package = read_package(folder)
        except OSError:
            problems.append(Problem(package_shown, None, "", _("thiếu package.zip của báo cáo đã nhận"),
                                    _("xoá thư mục rồi nhận lại: git rm -r '{p}' && dvcli receive").format(
                                        p=ws.rel(folder.path))))
            continue
        except PackageError as exc:
            problems.append(Problem(package_shown, None, "", exc.message,
                                    _("xoá thư mục rồi nhận lại: git rm -r '{p}' && dvcli receive").format(
                                        p=ws.rel(folder.path))))
            continue
        if package.sha256 != record.sha256 or package.folder_id != folder.folder_id or record.unit != folder.unit:
            problems.append(Problem(package_shown, None, "",
                                    _("gói khác bản ghi received.yaml (mã SHA-256, số văn bản hoặc đơn vị)"),
                                    _("xoá thư mục rồi nhận lại: git rm -r '{p}' && dvcli receive").format(
                                        p=ws.rel(folder.path))))
    return problems, len(folders), [stray.path for stray in strays]
