"""``dvcli status`` and ``dvcli remind``."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..i18n import _
from .console import err, handled, options, out, print_json, print_table
from .formats import CURRENT_WEEK_HELP, TableJson, TextJson

WeekOption = Annotated[str | None, typer.Option(
    "--week", "-w", help=CURRENT_WEEK_HELP)]


@handled
def status(
    week: WeekOption = None,
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
    strict: Annotated[bool, typer.Option("--strict", help=_("Thoát với mã 1 nếu còn người chưa nộp."))] = False,
    request: Annotated[str | None, typer.Option("--request", help=_(
        "Yêu cầu báo cáo: ai trong danh sách đã đóng góp, muộn, chưa nộp."))] = None,
    units: Annotated[bool, typer.Option("--units", help=_("Báo cáo của các đơn vị báo cáo lên (đã nhận, muộn, "
                                                          "chưa nhận) thay cho báo cáo của thành viên."))] = False,
) -> None:
    """Ai đã nộp báo cáo kỳ này (đúng hạn, muộn), ai chưa nộp; người vắng không tính.

    Với --request: ai đã đóng góp cho một yêu cầu báo cáo (dvcli request list).

    Ví dụ: dvcli status --week 2021-W38
    """
    from ..services import open_store
    from ..services import status as service

    if request is not None:
        from ..errors import DvcliError
        from .request import print_contributions

        if week is not None:
            raise DvcliError(_("--week không dùng cùng --request"),
                             _("một yêu cầu có hạn riêng: dvcli status --request MÃ"))
        missing = print_contributions(request, fmt)
        if strict and missing:
            raise typer.Exit(1)
        return

    if units:
        _units(week, fmt, strict)
        return
    result = service.status(open_store(options.data), week)
    counts = result.counts
    if fmt is TableJson.json:
        print_json({"period": result.period.label, "start": result.period.start, "end": result.period.end,
                    "due": result.due, "counts": counts, "rows": [dataclasses.asdict(row) for row in result.rows]})
    else:
        rows = [(str(index), row.member, row.name, _(service.STATE_LABELS[row.state]),
                 row.submitted.strftime("%d/%m/%Y %H:%M") if row.submitted else "", row.note)
                for index, row in enumerate(result.rows, 1)]
        start, end = result.period.bounds()
        title = _("Kỳ {p} (tuần từ ngày {start} đến ngày {end}) — hạn {t} ngày {day}").format(
            p=result.period.label, start=start, end=end, t=result.due.strftime("%H:%M"),
            day=result.due.strftime("%d/%m/%Y"))
        out(title)
        print_table(None, [_("TT"), _("Id"), _("Họ và tên"), _("Tình trạng"), _("Nộp lúc"), _("Ghi chú")], rows)
        summary = _("Phải nộp: {e} — đúng hạn: {o}, muộn: {l}, chưa nộp: {m}; vắng: {v}.").format(
            e=counts["expected"], o=counts[service.ON_TIME], l=counts[service.LATE], m=counts[service.MISSING],
            v=counts[service.ON_LEAVE])
        corrections = [_("{label}: {n}").format(label=_(service.STATE_LABELS[state]), n=counts[state])
                       for state in (service.RETURNED, service.WITHDRAWN) if counts[state]]
        out(summary[:-1] + "; " + ", ".join(corrections) + "." if corrections else summary)
    if strict and counts[service.MISSING]:
        raise typer.Exit(1)


def _units(week: str | None, fmt: TableJson, strict: bool) -> None:
    from ..services import open_store, rollup
    from ..services.status import _period

    store = open_store(options.data)
    period = _period(store.plan(), week)
    rows = rollup.status(store, period)
    counts = {state: sum(1 for row in rows if row.state == state) for state in rollup.STATES}
    if fmt is TableJson.json:
        print_json({"period": period.label, "start": period.start, "end": period.end, "counts": counts,
                    "rows": [dataclasses.asdict(row) for row in rows]})
    else:
        out(_("Kỳ {p} ({d}) — báo cáo của các đơn vị").format(p=period.label, d=period.describe()))
        print_table(None, [_("TT"), _("Mã"), _("Đơn vị"), _("Tình trạng"), _("Báo cáo"), _("Gửi lúc"), _("Hạn")],
                    [(str(index), row.id, row.name, _(rollup.STATES[row.state]),
                      f"{row.symbol} {row.date.strftime('%d/%m/%Y')}" if row.symbol and row.date else "",
                      row.sent.strftime("%d/%m/%Y %H:%M") if row.sent else "", row.due.strftime("%H:%M %d/%m/%Y"))
                     for index, row in enumerate(rows, 1)])
        out(_("Đơn vị: {n} — đã nhận: {i}, nhận muộn: {l}, chưa nhận: {m}.").format(
            n=len(rows), i=counts["in"], l=counts["late"], m=counts["missing"]))
    if strict and counts["missing"]:
        raise typer.Exit(1)


@handled
def remind(
    week: WeekOption = None,
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
    send: Annotated[bool, typer.Option("--send", help=_("Gửi thư nhắc kèm biểu mẫu qua máy chủ thư trong data/mail.yaml."))]
    = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_("Với --send: chỉ in các thư sẽ gửi, không gửi."))] = False,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi sổ thư đã gửi vào git."))] = False,
) -> None:
    """Soạn lời nhắc nộp báo cáo cho từng người chưa nộp; --send gửi qua thư điện tử kèm biểu mẫu.

    Ví dụ: dvcli remind --week 2021-W38 --send
    """
    from ..services import open_store
    from ..services import status as service

    if send:
        _send(week, dry_run, not no_commit)
        return
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
        out(f"=== {item.name} ({item.member}) — " + (contact or _(
            "đồng chí này chưa có điện thoại, thư điện tử trong danh sách (thêm bằng: dvcli members edit {m} "
            "--phone SỐ --email THƯ)").format(m=item.member)))
        out(item.text)


def _password(config: object) -> str | None:
    import os
    import sys

    smtp = config.smtp  # type: ignore[attr-defined]
    if not smtp.user:
        return None
    value = os.environ.get(smtp.password_env)
    if value:
        return value
    if not sys.stdin.isatty():
        from ..errors import DvcliError

        raise DvcliError(_("chưa có mật khẩu thư của {u}").format(u=smtp.user),
                         _("đặt biến môi trường {v}, hoặc chạy lệnh trong terminal để nhập").format(v=smtp.password_env))
    return str(typer.prompt(_("Mật khẩu thư của {u}").format(u=smtp.user), hide_input=True, err=True))


def _send(week: str | None, dry_run: bool, commit: bool) -> None:
    from ..services import mail_send, open_store
    from .assign import report_written

    store = open_store(options.data)
    config = mail_send.load_config(store)
    prepared = mail_send.prepare(store, week, config)
    if dry_run:
        for item in prepared.outgoing:
            if item.message is None:
                out(_("bỏ qua: {n} ({m}) — {why}").format(n=item.name, m=item.member, why=item.skipped))
                continue
            size = len(item.message.as_bytes()) // 1024
            out(_("sẽ gửi: {n} <{e}> — \"{s}\", đính kèm {a} ({k} KB)").format(
                n=item.name, e=item.to, s=item.subject, a=item.attachment, k=size))
        return
    result = mail_send.send(store, prepared, config, _password(config), commit)
    sent = {item.member: item for item in result.sent}
    for item in result.outgoing:
        if item.member in sent:
            out(_("đã gửi: {n} <{e}> — {i}").format(n=item.name, e=item.to, i=sent[item.member].message_id))
        elif item.message is None:
            out(_("bỏ qua: {n} ({m}) — {why}").format(n=item.name, m=item.member, why=item.skipped))
    for member, reason in result.failed:
        err(_("lỗi gửi cho {m}: {r}").format(m=member, r=reason))
    skipped = sum(1 for item in result.outgoing if item.message is None)
    out(_("Kỳ {p}: đã gửi {n} thư, bỏ qua {s}, lỗi {f}.").format(p=result.period, n=len(result.sent), s=skipped,
                                                               f=len(result.failed)))
    if result.written is not None:
        report_written(result.written)
    if result.failed:
        raise typer.Exit(1)
