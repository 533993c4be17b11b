"""``dvcli issue prepare`` / ``issue register``: sign first, then number (NĐ30 Điều 15.2)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from .console import err, handled, options, out
from .period_options import DEFAULT_TEMPLATE, AdHoc, End, Month, Start, Template, Week

app = typer.Typer(help=_("Phát hành văn bản: chuẩn bị để ký, rồi đăng ký bản đã ký (cấp số lúc phát hành)."),
                  no_args_is_help=True)


@app.command("prepare")
@handled
def prepare(
    week: Week = None,
    month: Month = None,
    start: Start = None,
    end: End = None,
    ad_hoc: AdHoc = None,
    template: Template = DEFAULT_TEMPLATE,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không commit."))] = False,
) -> None:
    """Chuẩn bị văn bản để ký: PDF (nhúng phông, có ô chữ ký số) và DOCX, chưa cấp số, chưa ghi ngày.

    Ví dụ: dvcli issue prepare --week 2021-W38
    """
    from ..interrupts import name as signal_name
    from ..interrupts import settle
    from ..services import open_store
    from ..services.consolidate import Request
    from ..services.issue_prepare import prepare as service
    from ..services.writes import today

    store = open_store(options.data)
    request = Request(week=week, month=month, start=start, end=end, ad_hoc=ad_hoc, template=template)
    try:
        outcome = service(store, request, today(store.plan().reporting), commit=not no_commit)
    finally:
        late = settle()
    err(_("Đã chuẩn bị để ký (chưa cấp số): {i}").format(i=outcome.record.id))
    for path in outcome.written:
        out(path)
    err(_("  ký số tệp {p}, rồi: dvcli issue register TỆP_ĐÃ_KÝ (ký tay: in, ký, quét, rồi thêm --paper)").format(
        p=f"{outcome.folder}/{outcome.record.pdf}"))
    if not no_commit and not outcome.committed:
        err(_("chưa commit: thư mục không phải kho git"))
    if late:
        err(_("(đã nhận {s} khi việc ghi đã xong: văn bản đã được chuẩn bị và commit như trên)").format(s=signal_name(late)))


@app.command("register")
@handled
def register(
    file: Annotated[Path, typer.Argument(help=_("Tệp đã ký: PDF ký số, hoặc bản quét văn bản ký tay (với --paper)."))],
    number: Annotated[int | None, typer.Option("--number", help=_("Số văn bản (mặc định: số tiếp theo lúc phát hành)."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("Ngày văn bản (mặc định: hôm nay)."))] = None,
    paper: Annotated[bool, typer.Option("--paper", help=_("Tệp là bản quét văn bản ký tay (không có chữ ký số)."))] = False,
    replaces: Annotated[str | None, typer.Option("--replaces", help=_("Văn bản này thay thế văn bản đã ban hành (ví dụ 01)."))] = None,
    prepared: Annotated[str | None, typer.Option("--prepared", help=_("Văn bản đã chuẩn bị (mặc định: nhận ra từ tệp đã ký)."))] = None,
    trust: Annotated[Path | None, typer.Option("--trust", help=_("Thư mục chứng thư CA tin cậy (mặc định: ~/.config/dvcli/ca)."),
                                               envvar="DVCLI_TRUST_DIR", show_envvar=True)] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không commit."))] = False,
) -> None:
    """Phát hành văn bản đã ký: cấp số, ghi ngày, lưu bản gốc, kiểm tra chữ ký số.

    Ví dụ: dvcli issue register ~/Downloads/2021-W38-tong-hop-tuan-1-da-ky.pdf
    """
    from ..interrupts import name as signal_name
    from ..interrupts import settle
    from ..periods import parse_date
    from ..services import open_store
    from ..services.issue_register import RegisterRequest
    from ..services.issue_register import register as service
    from ..services.writes import today

    store = open_store(options.data)
    request = RegisterRequest(file=file, prepared=prepared, number=number, date=parse_date(date) if date else None,
                              paper=paper, replaces=replaces, trust=trust, commit=not no_commit)
    try:
        outcome = service(store, request, today(store.plan().reporting))
    finally:
        late = settle()
    record = outcome.released.record
    if outcome.signatures:
        how = _("bản ký số, {n} chữ ký hợp lệ").format(n=len(outcome.signatures))
    else:
        how = _("bản quét văn bản ký tay")
    if outcome.replaced:
        how += _("; thay thế văn bản {s}").format(s=outcome.replaced)
    err(_("Đã ban hành {s} ngày {d} ({h}): {f}").format(s=record.symbol, d=record.date.strftime("%d/%m/%Y"), h=how,
                                                        f=outcome.released.folder))
    for item in outcome.signatures:
        moment = item.signing_time.isoformat() if item.signing_time else _("không ghi")
        err(_("  chữ ký {f}: {s}; ký lúc {t}").format(f=item.field, s=item.signer, t=moment))
    for path in outcome.released.written:
        out(path)
    if not no_commit and not outcome.released.committed:
        err(_("chưa commit: thư mục không phải kho git"))
    if late:
        err(_("(đã nhận {s} khi việc ghi đã xong: văn bản đã được ban hành và commit như trên)").format(s=signal_name(late)))
