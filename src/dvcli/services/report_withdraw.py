"""``dvcli report withdraw``: take a report back — it stops counting, its text and reason are kept.

The report file is removed and a withdrawal record written in its place under ``data/withdrawn/``
(same path below the folder), holding when, why and the withdrawn text verbatim; one commit holds
both, so ``git log`` tells the story and nothing is lost even with ``--no-commit``. Every reader
of reports (status, consolidate, check, search, export) then simply no longer sees the report;
``status`` shows the member as "đã rút" with the reason. A new report for the same period can be
written afterwards with ``report new``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import atomic, snapshot, yamlio
from ..errors import ConflictError, DvcliError
from ..i18n import _
from ..store import Store
from .report_edit import existing
from .writes import Written, locked_write, now


@dataclass
class Withdrawn:
    label: str
    report: str
    record: str
    written: Written


def withdraw(store: Store, member: str | None, reason: str, week_text: str | None = None,
             date_text: str | None = None, title: str | None = None, path_text: str | None = None,
             commit: bool = True) -> Withdrawn:
    reason = " ".join(reason.split())
    if not reason:
        raise DvcliError(_("cần lý do rút báo cáo"),
                         _("thêm --reason \"...\", ví dụ --reason \"Gửi nhầm báo cáo tuần trước\""))
    current = existing(store, member, week_text, date_text, title, path_text)
    tgt = current.target
    ws = store.ws
    moment = now(store.plan().reporting)
    text = snapshot.stored_text(ws, tgt.path)
    data: dict[str, Any] = {"member": tgt.member.id}
    if tgt.period is not None:
        data["period"] = tgt.period.label
    else:
        data["date"], data["title"] = tgt.date, tgt.title
    data["withdrawn"] = moment
    data["reason"] = reason
    submitted = snapshot.parse_moment(current.submitted) if current.submitted else None
    if submitted is not None:
        data["submitted"] = submitted
    data["sha256"] = current.digest
    data["text"] = text
    record_path = snapshot.withdrawal_path(ws, tgt.path)
    period = tgt.period.label if tgt.period else f"{tgt.date} {_('đột xuất')}"
    message = _("rút báo cáo: {m} {p} — lý do: {r}").format(m=tgt.member.id, p=period, r=reason)

    def write() -> list[Path]:
        if not snapshot.stored_file(ws, tgt.path) or snapshot.stored_digest(ws, tgt.path) != current.digest:
            raise ConflictError(_("báo cáo {label} ({p}) vừa được sửa ở nơi khác").format(
                label=tgt.label, p=ws.rel(tgt.path)), _("xem lại báo cáo rồi chạy lại lệnh"))
        atomic.write_text(record_path, yamlio.dumps(data))
        try:
            atomic.remove(tgt.path)  # watched: a refused commit puts the report back
        except OSError:
            record_path.unlink(missing_ok=True)  # all or nothing: the report stays, no record of a withdrawal
            raise
        return [record_path, tgt.path]

    written = locked_write(ws, message, commit, write)
    return Withdrawn(tgt.label, ws.rel(tgt.path), ws.rel(record_path), written)
