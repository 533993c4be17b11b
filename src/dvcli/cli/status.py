"""``dvcli status`` and ``dvcli remind``."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out, print_json, print_table
from .formats import TableJson, TextJson

WeekOption = Annotated[str | None, typer.Option(
    "--week", "-w", help=_("Kỳ: 2021-W38, 38 (năm nay), một ngày trong tuần, this hoặc last (mặc định)."))]


@handled
def status(
    week: WeekOption = None,
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
    strict: Annotated[bool, typer.Option("--strict", help=_("Thoát với mã 1 nếu còn người chưa nộp."))] = False,
) -> None:
    """Ai đã nộp báo cáo kỳ này (đúng hạn, muộn), ai chưa nộp; người vắng không tính.

    Ví dụ: dvcli status --week 2021-W38
    """
    from ..services import open_store
    from ..services import status as service

    result = service.status(open_store(options.data), week)
    counts = result.counts
    if fmt is TableJson.json:
        print_json({"period": result.period.label, "start": result.period.start, "end": result.period.end,
                    "due": result.due, "counts": counts, "rows": [dataclasses.asdict(row) for row in result.rows]})
    else:
        rows = [(str(index), row.member, row.name, _(service.STATE_LABELS[row.state]),
                 row.submitted.strftime("%d/%m/%Y %H:%M") if row.submitted else "", row.note)
                for index, row in enumerate(result.rows, 1)]
        title = _("Kỳ {p} ({d}) — hạn {t} ngày {day}").format(
            p=result.period.label, d=result.period.describe(), t=result.due.strftime("%H:%M"),
            day=result.due.strftime("%d/%m/%Y"))
        out(title)
        print_table(None, [_("TT"), _("Id"), _("Họ và tên"), _("Tình trạng"), _("Nộp lúc"), _("Ghi chú")], rows)
        out(_("Phải nộp: {e} — đúng hạn: {o}, muộn: {l}, chưa nộp: {m}; vắng: {v}.").format(
            e=counts["expected"], o=counts[service.ON_TIME], l=counts[service.LATE], m=counts[service.MISSING],
            v=counts[service.ON_LEAVE]))
    if strict and counts[service.MISSING]:
        raise typer.Exit(1)


@handled
def remind(
    week: WeekOption = None,
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Soạn lời nhắc nộp báo cáo cho từng người chưa nộp (chỉ soạn, không gửi).

    Ví dụ: dvcli remind --week 2021-W38
    """
    from ..services import open_store
    from ..services import status as service

    result, reminders = service.remind(open_store(options.data), week)
    if fmt is TextJson.json:
        print_json({"period": result.period.label, "reminders": [dataclasses.asdict(item) for item in reminders]})
        return
    if not reminders:
        out(_("Kỳ {p}: mọi thành viên phải nộp đã nộp báo cáo — không cần nhắc.").format(p=result.period.label))
        return
    for index, item in enumerate(reminders):
        if index:
            out()
        contact = "; ".join(part for part in (
            _("điện thoại {p}").format(p=item.phone) if item.phone else "",
            _("thư điện tử {e}").format(e=item.email) if item.email else "") if part)
        out(f"=== {item.name} ({item.member}) — " + (contact or _("danh sách chưa có điện thoại, thư điện tử")))
        out(item.text)
