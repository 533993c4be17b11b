"""``dvcli request add|list|close``: requests for reports with a deadline, and their state."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..i18n import _
from .assign import report_written
from .console import err, handled, options, out, print_json, print_table
from .formats import TableJson

app = typer.Typer(help=_("Yêu cầu báo cáo gửi đến Tổ công tác (có hạn trả lời): ghi nhận, theo dõi, trả lời."),
                  no_args_is_help=True)

RequestArgument = Annotated[str, typer.Argument(help=_("Mã yêu cầu (xem: dvcli request list)."))]


@app.command("add")
@handled
def add(
    title: Annotated[str, typer.Argument(help=_("Nội dung yêu cầu báo cáo (thành trích yếu của văn bản trả lời)."))],
    requester: Annotated[str, typer.Option("--from", help=_("Cơ quan yêu cầu, ví dụ \"Thường trực Ban Bí thư\"."))],
    due: Annotated[str, typer.Option("--due", help=_(
        "Hạn trả lời, ví dụ \"2021-09-30 17:00\" (chỉ ngày: cuối ngày đó)."))],
    ref: Annotated[str | None, typer.Option("--ref", help=_(
        "Văn bản yêu cầu, ví dụ \"Công văn số 125-CV/TTBBT ngày 22/9/2021\"."))] = None,
    members: Annotated[list[str] | None, typer.Option("--members", help=_(
        "Thành viên phải đóng góp (id hoặc họ tên, cách nhau bằng dấu phẩy; lặp lại được)."))] = None,
    everyone: Annotated[bool, typer.Option("--all", help=_("Mọi thành viên (mặc định)."))] = False,
    template: Annotated[str | None, typer.Option("--template", "-t", help=_(
        "Mẫu văn bản trả lời (mặc định: mẫu đầu tiên gửi lên cấp trên trong kế hoạch)."))] = None,
    received: Annotated[str | None, typer.Option("--received", help=_("Ngày nhận yêu cầu (mặc định: hôm nay)."))]
    = None,
    start: Annotated[str | None, typer.Option("--start", help=_(
        "Số liệu từ ngày (mặc định: ngày nhận)."))] = None,
    end: Annotated[str | None, typer.Option("--end", help=_("Số liệu đến ngày (mặc định: ngày của hạn)."))] = None,
    request_id: Annotated[str | None, typer.Option("--id", help=_("Mã yêu cầu (mặc định: từ tiêu đề)."))] = None,
    note: Annotated[str | None, typer.Option("--note", help=_("Ghi chú."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Ghi nhận một yêu cầu báo cáo gửi đến Tổ công tác, có hạn trả lời.

    Ví dụ: dvcli request add "Tình hình mưa lũ tại miền Trung" --from "Thường trực Ban Bí thư" --ref "Công văn số 125-CV/TTBBT ngày 22/9/2021" --due "2021-09-24 17:00" --members vy-tu-lieu,bui-thuy
    """
    from ..services import open_store
    from ..services import requests as service

    done = service.add(open_store(options.data), title, requester, due, ref=ref, members=members, everyone=everyone,
                       template=template, received=received, start=start, end=end, request_id=request_id,
                       note=note, commit=not no_commit)
    out(_("đã ghi yêu cầu {i}, hạn {d}, {n} thành viên đóng góp: {p}").format(
        i=done.record.id, d=done.record.due.strftime("%H:%M %d/%m/%Y"), n=len(done.record.members), p=done.path))
    report_written(done.written)


@app.command("list")
@handled
def list_requests(
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
) -> None:
    """Liệt kê các yêu cầu báo cáo và tình trạng: chưa đến hạn, quá hạn, đã trả lời đúng hạn, quá hạn.

    Ví dụ: dvcli request list
    """
    from ..services import open_store
    from ..services import requests as service

    rows = service.listing(open_store(options.data))
    if fmt is TableJson.json:
        print_json([dataclasses.asdict(row) | {"state_label": _(service.STATE_LABELS[row.state])} for row in rows])
        return
    if not rows:
        err(_("chưa có yêu cầu báo cáo nào; ghi yêu cầu: dvcli request add \"TIÊU ĐỀ\" --from CƠ-QUAN --due NGÀY"))
        return
    table = []
    for row in rows:
        state = _(service.STATE_LABELS[row.state])
        if row.overdue_by:
            state = _("quá hạn {d}").format(d=row.overdue_by)
        if row.answer:
            state += " — " + _("văn bản {s} ngày {d}").format(s=row.answer, d=row.answered.strftime("%d/%m/%Y")
                                                                if row.answered else "")
        table.append((row.id, row.title, row.requester, row.due.strftime("%H:%M %d/%m/%Y"),
                      f"{row.contributed}/{len(row.members)}", state))
    print_table(None, [_("Mã"), _("Yêu cầu"), _("Cơ quan yêu cầu"), _("Hạn"), _("Đã góp"), _("Tình trạng")], table)
    counts = {state: sum(1 for row in rows if row.state == state) for state in service.STATE_LABELS}
    summary = ", ".join(_("{label}: {n}").format(label=_(label), n=counts[state])
                        for state, label in service.STATE_LABELS.items())
    out(summary[:1].upper() + summary[1:] + ".")


@app.command("close")
@handled
def close(
    request: RequestArgument,
    issued: Annotated[str, typer.Option("--issued", help=_(
        "Văn bản đã ban hành trả lời yêu cầu: 05, 05-BC-BDVTW hoặc 2021/05-BC-BDVTW."))],
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Ghi văn bản đã ban hành trả lời một yêu cầu (khi không ban hành bằng consolidate --request --issue).

    Ví dụ: dvcli request close mua-lu-mien-trung --issued 05
    """
    from ..services import open_store
    from ..services import requests as service

    done = service.close(open_store(options.data), request, issued, not no_commit)
    out(_("yêu cầu {i}: {s} — văn bản {n} ngày {d}").format(
        i=done.record.id, s=_(service.STATE_LABELS[done.state]), n=done.answer.symbol,
        d=done.answer.date.strftime("%d/%m/%Y")))
    report_written(done.written)


def print_contributions(request: str, fmt: TableJson) -> int:
    """``dvcli status --request ID``: who of the request's members has contributed, late, missing.

    Returns how many have not contributed (for ``--strict``).
    """
    from ..services import open_store
    from ..services import requests as service

    result = service.contributions(open_store(options.data), request)
    record = result.request
    counts = result.counts
    if fmt is TableJson.json:
        print_json({"request": record.id, "title": record.title, "requester": record.requester, "due": result.due,
                    "state": result.state, "counts": counts, "rows": [dataclasses.asdict(row) for row in result.rows]})
        return counts[service.MISSING]
    out(_("Yêu cầu {i}: {t} — của {r}; hạn {d}; {s}").format(
        i=record.id, t=record.title, r=record.requester, d=result.due.strftime("%H:%M %d/%m/%Y"),
        s=_(service.STATE_LABELS[result.state])))
    rows = [(str(index), row.member, row.name, _(service.CONTRIBUTION_LABELS[row.state]),
             row.submitted.strftime("%d/%m/%Y %H:%M") if row.submitted else "", row.note)
            for index, row in enumerate(result.rows, 1)]
    print_table(None, [_("TT"), _("Id"), _("Họ và tên"), _("Tình trạng"), _("Nộp lúc"), _("Ghi chú")], rows)
    out(_("Phải đóng góp: {e} — đúng hạn: {o}, muộn: {l}, chưa nộp: {m}.").format(
        e=counts["expected"], o=counts[service.GIVEN], l=counts[service.GIVEN_LATE], m=counts[service.MISSING]))
    return counts[service.MISSING]
