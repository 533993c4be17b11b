"""Releasing a document: the number taken at that moment, the folder written all-or-nothing.

Every way of issuing ends here — ``consolidate --issue`` (one step, dvcli's own rendering),
``issue register`` (a signed PDF or a paper-signed scan of a prepared document). ``release``
runs inside one transaction (``writes.transaction``): under the workspace lock it finds the next free
number (or checks the one asked for), asks the caller for the files now that the number is
known, writes them with ``issued.yaml`` into a staging folder, renames it into place and commits;
any failure before the commit leaves nothing, so no number is ever burnt.

``ready`` is what is refused before anything is rendered: placeholders from ``dvcli init``, a
period with no reports, and any problem ``check`` finds in the files the document is made from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import ConflictError, DataError, DvcliError, NotFoundError
from ..i18n import _
from ..model import Issued, Plan
from ..snapshot.issued import RECORD, issued_records, revocation, valid_issued_records
from ..store import Store
from ..workspace import Workspace
from . import seal
from .issued import choose_number
from .writes import Transaction, transaction

HEADER = _("# Văn bản đã ban hành — không sửa tệp này (docs/issued-record.md). Đính chính: ban hành văn bản "
           "thay thế (--replaces) hoặc thu hồi (dvcli issued revoke).\n")


@dataclass(frozen=True)
class Found:
    """An issued record and where it is (``folder_id`` is ``2021/01-BC-BDVTW``)."""

    path: Path
    record: Issued
    folder_id: str


@dataclass
class Released:
    record: Issued
    folder: str
    written: list[str]
    committed: bool


def all_issued(store: Store) -> list[Found]:
    """Every issued record; ``DataError`` naming each invalid one (``valid_issued_records``)."""
    return [_found(path, record) for path, record in valid_issued_records(store)]


def readable_issued(store: Store) -> list[Found]:
    """The valid issued records only, never raising: for shell completion, which must not fail."""
    return [_found(path, record) for path, record, _errors in issued_records(store) if record is not None]


def _found(path: Path, record: Issued) -> Found:
    return Found(path, record, f"{path.parent.parent.name}/{path.parent.name}")


def find(store: Store, ref: str, records: list[Found] | None = None) -> Found:
    """``01``, ``1``, ``01-BC-BDVTW``, ``2021/01-BC-BDVTW`` or the symbol ``01-BC/BDVTW``."""
    records = all_issued(store) if records is None else records
    text = ref.strip().strip("/")
    matches = [item for item in records if text in (item.folder_id, item.path.parent.name, item.record.symbol)]
    if not matches and text.isdigit():
        matches = [item for item in records if item.record.number == int(text)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(item.folder_id for item in records[-5:]) or _("(chưa có văn bản nào)")
        raise NotFoundError(_("không có văn bản đã ban hành \"{r}\"").format(r=ref),
                            _("xem danh sách bằng: dvcli issued list (gần đây: {k})").format(k=known))
    raise DvcliError(_("\"{r}\" trùng với nhiều văn bản: {m}").format(r=ref, m=", ".join(m.folder_id for m in matches)),
                     _("ghi rõ năm và ký hiệu, ví dụ {e}").format(e=matches[0].folder_id))


def successors(records: list[Found]) -> dict[str, Found]:
    """Folder id -> the record that replaces it."""
    return {item.record.replaces: item for item in records if item.record.replaces}


def state_of(store: Store, item: Found, replaced_by: dict[str, Found]) -> tuple[str, str | None]:
    """(``issued`` | ``replaced`` | ``revoked``, detail: who replaces it or why it was revoked)."""
    revoked, _problems = revocation(store, item.path.parent)
    if revoked is not None:
        return "revoked", revoked.reason
    if item.folder_id in replaced_by:
        return "replaced", replaced_by[item.folder_id].record.symbol
    return "issued", None


def check_replaces(store: Store, records: list[Found], template: str, start: dt.date, end: dt.date,
                   replaces: str | None) -> Found | None:
    """The record ``--replaces`` names (current and not revoked); a period issued already needs one."""
    replaced_by = successors(records)
    if replaces is not None:
        target = find(store, replaces, records)
        state, detail = state_of(store, target, replaced_by)
        if state == "revoked":
            raise ConflictError(_("văn bản {s} đã bị thu hồi, không thay thế được").format(s=target.record.symbol),
                                _("ban hành văn bản mới không kèm --replaces"))
        if state == "replaced":
            raise ConflictError(_("văn bản {s} đã được thay thế bằng văn bản {d}").format(s=target.record.symbol, d=detail),
                                _("thay thế văn bản đang có hiệu lực: --replaces {n}").format(
                                    n=replaced_by[target.folder_id].folder_id))
        return target
    for item in records:
        same = (item.record.template, item.record.start, item.record.end) == (template, start, end)
        if same and state_of(store, item, replaced_by)[0] == "issued":
            raise ConflictError(
                _("kỳ này đã có văn bản {s} ngày {d} (mẫu {t})").format(
                    s=item.record.symbol, d=item.record.date.strftime("%d/%m/%Y"), t=template),
                _("đính chính thì ban hành văn bản thay thế: thêm --replaces {n}; hoặc thu hồi văn bản cũ: "
                  "dvcli issued revoke {n} --reason \"…\"").format(n=item.folder_id))
    return None


def ready(store: Store, sources: list[str], reports: int, what: str) -> None:
    """Refuse what is not ready to issue: placeholders, an empty period, problems in the sources."""
    from . import check

    wanted = set(sources)
    found = check.run(Store(store.ws)).problems
    blocking = [problem for problem in found if problem.file in wanted]
    if blocking:
        placeholders = [p for p in blocking if "dvcli init" in p.message]
        headline = (_("chưa {w}: kế hoạch hoặc danh sách còn {n} chỗ cần điền từ dvcli init").format(
                        w=what, n=len(placeholders)) if placeholders else
                    _("chưa {w}: dvcli check thấy {n} lỗi trong các tệp nguồn").format(w=what, n=len(blocking)))
        raise DataError(blocking, headline, _("sửa các chỗ trên, commit, rồi chạy lại; dvcli check liệt kê tất cả"))
    if reports == 0:
        raise DvcliError(_("chưa {w}: kỳ này chưa có báo cáo nào của thành viên").format(w=what),
                         _("xem ai chưa nộp bằng: dvcli status; chọn kỳ khác bằng --week/--month"))


def release(ws: Workspace, store: Store, plan: Plan, *, type_code: str, issuer_code: str, requested: int | None,
            date: dt.date, build: Callable[[int], tuple[dict[str, bytes], dict[str, Any]]],
            message: Callable[[Issued], str], commit: bool) -> Released:
    """Take the number, write ``data/issued/<year>/<nn>-<type>-<issuer>/``, commit — or leave nothing."""
    done: dict[str, Any] = {}

    def write(tx: Transaction) -> list[Path]:
        number = choose_number(store, plan, _Output(type_code, issuer_code), requested, date)
        stem = f"{number:02d}-{type_code}-{issuer_code}"
        final = ws.issued_dir / str(date.year) / stem
        if final.exists():
            raise ConflictError(_("thư mục {p} đã có nhưng không có bản ghi {r}").format(p=ws.rel(final), r=RECORD),
                                _("có thể là phần còn lại của một lần ban hành bị dừng; xem bằng dvcli check, "
                                  "xoá thư mục rồi chạy lại"))
        files, fields = build(number)
        staging = tx.staging(final)
        sealed = []
        for name, data in files.items():
            tx.add_file(staging / name, data)
            sealed.append({"name": name, "blob": seal.file_blob(ws, final / name, data)})
        fields = {**fields, "files": sealed}
        done["record"] = _validated(fields)
        tx.add_file(staging / RECORD, (HEADER + yamlio.dumps(fields)).encode("utf-8"))
        tx.place(staging, final)
        done["folder"] = ws.rel(final)
        return [final / name for name in [*files, RECORD]]

    written = transaction(ws, lambda: message(done["record"]), commit, write)
    return Released(done["record"], done["folder"], written.paths, written.committed)


@dataclass(frozen=True)
class _Output:
    """What numbering needs of an output document: its type and issuer codes."""

    type_code: str
    issuer_code: str


def _validated(fields: dict[str, Any]) -> Issued:
    from .. import schema

    record, errors = schema.validate(Issued, yamlio.loads(yamlio.dumps(fields).encode("utf-8"), RECORD))
    if record is None:  # dvcli wrote something its own schema refuses: a bug, never the user's input
        raise AssertionError(f"issued record invalid: {[str(error) for error in errors]}")
    return record
