"""``dvcli review``."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from .assign import report_written
from .console import err, handled, options, out, print_json, print_table
from .formats import CURRENT_WEEK_HELP, TableJson


@handled
def reviews(
    week: Annotated[str | None, typer.Option("--week", "-w", help=CURRENT_WEEK_HELP)] = None,
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
) -> None:
    """Liệt kê báo cáo tuần đã nộp của một kỳ và ý kiến duyệt: đã duyệt, trả lại, chờ duyệt (lại).

    Ví dụ: dvcli reviews --week 2021-W38
    """
    import dataclasses

    from ..services import open_store
    from ..services import review as service

    period, rows = service.listing(open_store(options.data), week)
    if fmt is TableJson.json:
        print_json({"period": period.label, "rows": [dataclasses.asdict(row) for row in rows]})
        return
    if not rows:
        err(_("kỳ {p} chưa có báo cáo tuần nào").format(p=period.label))
        return
    table = []
    for index, row in enumerate(rows, 1):
        note = _("lý do: {r}").format(r=row.reason) if row.reason else ""
        if row.due is not None:
            note += ("; " if note else "") + _("hạn nộp lại {t}").format(t=row.due.strftime("%H:%M %d/%m/%Y"))
        table.append((str(index), row.member, row.name, _(service.LIST_LABELS[row.state]),
                      row.reviewed.strftime("%d/%m/%Y %H:%M") if row.reviewed else "", note))
    print_table(None, [_("TT"), _("Id"), _("Họ và tên"), _("Ý kiến"), _("Lúc"), _("Ghi chú")], table)
    counts = {state: sum(1 for row in rows if row.state == state) for state in service.LIST_LABELS}
    out(_("Kỳ {p}: {n} báo cáo — đã duyệt: {a}, trả lại: {r}, chờ duyệt: {w}, chờ duyệt lại: {c}.").format(
        p=period.label, n=len(rows), a=counts[service.ACCEPTED], r=counts[service.RETURNED],
        w=counts[service.NOT_REVIEWED], c=counts[service.AWAITING]))


@handled
def review(
    member: Annotated[str, typer.Argument(help=_("Thành viên: id hoặc họ tên (có dấu hoặc không)."))],
    week: Annotated[str | None, typer.Option("--week", "-w", help=CURRENT_WEEK_HELP)] = None,
    accept: Annotated[bool, typer.Option("--accept", help=_("Duyệt báo cáo."))] = False,
    returned: Annotated[bool, typer.Option("--return", help=_("Trả lại báo cáo (cần --reason)."))] = False,
    reason: Annotated[str | None, typer.Option("--reason", help=_("Lý do trả lại."))] = None,
    due: Annotated[str | None, typer.Option("--due", help=_(
        "Hạn nộp lại, ví dụ \"2021-09-30 17:00\" (chỉ ngày: cuối ngày đó)."))] = None,
    by: Annotated[str | None, typer.Option("--by", help=_("Người duyệt (mặc định Tổ trưởng)."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Duyệt báo cáo tuần của một thành viên, hoặc trả lại kèm lý do và hạn nộp lại.

    Ví dụ: dvcli review bui-thuy --week 2021-W38 --return --reason "Thiếu số liệu hộ được hỗ trợ" --due "2021-09-29 17:00"
    """
    from ..services import open_store
    from ..services import review as service

    done = service.review(open_store(options.data), member, week, accept, returned, reason, due, by, not no_commit)
    if done.decision == "accepted":
        out(_("đã duyệt báo cáo {label}: {p}").format(label=done.label, p=done.path))
    elif done.due is not None:
        out(_("đã trả lại báo cáo {label}, hạn nộp lại {t}: {p}").format(
            label=done.label, t=done.due.strftime("%H:%M %d/%m/%Y"), p=done.path))
    else:
        out(_("đã trả lại báo cáo {label}: {p}").format(label=done.label, p=done.path))
    report_written(done.written)
