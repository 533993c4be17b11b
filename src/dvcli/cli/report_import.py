"""``dvcli report import``: returned forms, YAML files and e-mails into reports."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from .assign import report_written
from .console import err, handled, options, out


class Via(StrEnum):
    email = "email"
    paper = "paper"
    zalo = "zalo"
    hand = "hand"
    file = "file"


STATES = {"saved": "đã nhập", "same": "đã nhập trước đó, không đổi gì", "replaced": "đã thay"}


@handled
def import_reports(
    files: Annotated[list[Path], typer.Argument(help=_("Tệp .docx, .xlsx, .yaml, thư .eml, hộp thư mbox hoặc Maildir."))],
    member: Annotated[str | None, typer.Option("--member", help=_("Thành viên (khi tệp không ghi)."))] = None,
    week: Annotated[str | None, typer.Option("--week", "-w", help=_("Kỳ (khi tệp không ghi)."))] = None,
    via: Annotated[Via, typer.Option("--via", help=_("Kênh nhận: email, paper, zalo, hand (mặc định: file)."))]
    = Via.file,
    received_at: Annotated[str | None, typer.Option("--received-at", help=_("Thời điểm nhận, ví dụ 2021-09-27 09:30."))]
    = None,
    as_text: Annotated[bool, typer.Option("--as-text", help=_("Văn bản Word không theo biểu mẫu: nhập nguyên văn, "
                                                              "đánh dấu cần xem lại."))] = False,
    replace: Annotated[bool, typer.Option("--replace", help=_("Thay báo cáo đã có bằng tệp này (git giữ bản cũ)."))]
    = False,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Nhập báo cáo từ biểu mẫu Word/Excel, tệp YAML hoặc thư điện tử; giữ tệp gốc trong data/received/.

    Ví dụ: dvcli report import bao-cao-vy-tu-lieu-2021-W38.docx --via email
    """
    from ..services import open_store
    from ..services import report_import as service

    store = open_store(options.data)
    plan, roster = store.plan(), store.roster()
    at = service.parse_received_at(received_at, plan.reporting)
    items, unattributed = service.local_files(files, via.value, at, roster)
    result = service.run(store, items, member, week, as_text, replace, not no_commit, unattributed)
    for outcome in result.outcomes:
        out(f"{outcome.display}: {_(STATES[outcome.state])} {outcome.label} → {outcome.path}")
        for note in outcome.notes:
            out(f"  {_('ghi chú')}: {note}")
        if outcome.review:
            out(f"  {_('cần xem lại')}: dvcli report show {outcome.path}")
    for line in result.unattributed:
        err(_("chưa nhập: {l}").format(l=line))
    if result.unattributed:
        err(f"  {_('gợi ý')}: " + _("thêm địa chỉ thư vào data/members.yaml, hoặc nhập thư đó với --member THÀNH_VIÊN"))
    if result.written is not None:
        report_written(result.written)
    if not result.outcomes and result.unattributed:
        raise typer.Exit(1)
