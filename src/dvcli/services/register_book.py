"""``dvcli issued register-book``: the outgoing register (sổ đăng ký văn bản đi) of one year.

The columns are those of NĐ30/2020/NĐ-CP Phụ lục IV (mẫu sổ đăng ký văn bản đi): số, ký hiệu;
ngày tháng; tên loại và trích yếu nội dung; người ký; nơi nhận; đơn vị, người nhận bản lưu; số
lượng bản; ghi chú — with the document's state (issued, replaced, revoked) in a column of its
own, and what replaced it or why it was revoked in the notes. Rows are in number order within
the year, every document ever released (a revoked number stays in the register: it was used).
The encodings (CSV for Excel, XLSX, JSON) are ``export``'s, so they neutralise cells alike.
"""

from __future__ import annotations

from ..consolidation.formal import is_archive_line
from ..i18n import _
from ..store import Store
from . import issuing
from .export import Table
from .issued_view import STATES

TYPE_NAMES = {"BC": "Báo cáo", "KH": "Kế hoạch", "CV": "Công văn", "TB": "Thông báo"}
KEYS = ["symbol", "date", "type", "summary", "signer", "recipients", "archive", "copies", "state", "note"]
HEADERS = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại văn bản", "Trích yếu nội dung văn bản", "Người ký",
           "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Tình trạng", "Ghi chú"]


def book(store: Store, year: int) -> Table:
    records = issuing.all_issued(store)
    replaced_by = issuing.successors(records)
    chosen = sorted((item for item in records if item.record.date.year == year),
                    key=lambda item: (item.record.type_code, item.record.number, item.record.date))
    rows: list[list[str | int | float | None]] = []
    for item in chosen:
        record = item.record
        state, detail = issuing.state_of(store, item, replaced_by)
        lines = [line.strip().removeprefix("-").strip().rstrip(",;.") for line in record.recipients]
        archive = [line for line in lines if is_archive_line(line)]
        recipients = [line for line in lines if not is_archive_line(line)]
        notes = []
        if record.replaces:
            replaced = next((other for other in records if other.folder_id == record.replaces), None)
            notes.append(_("thay thế văn bản {s}").format(s=replaced.record.symbol if replaced else record.replaces))
        if state == "replaced":
            notes.append(_("bị thay thế bởi văn bản {s}").format(s=detail))
        if state == "revoked":
            notes.append(_("thu hồi: {r}").format(r=detail))
        notes.append({"signed-pdf": _("bản gốc ký số"), "paper": _("bản gốc ký tay (bản quét)"),
                      "one-step": _("ký trên giấy")}[record.release])
        kind = _(TYPE_NAMES.get(record.type_code, record.type_code))
        summary = record.title
        if summary.lower().startswith(kind.lower() + " "):
            summary = summary[len(kind) + 1:]
        signer = record.signer_name or (record.signatures[0].signer if record.signatures else "")
        rows.append([record.symbol, record.date.strftime("%d/%m/%Y"), kind, summary, signer, "; ".join(recipients),
                     "; ".join(archive), record.copies if record.copies is not None else len(record.recipients),
                     _(STATES[state]), "; ".join(notes)])
    return Table([_(header) for header in HEADERS], KEYS, rows, None)
