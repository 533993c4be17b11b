"""``dvcli issued list|show|revoke|register-book``: the documents issued and what became of them."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _, ngettext
from .console import err, handled, options, out, print_json, print_table
from .formats import TableJson, TextJson

if TYPE_CHECKING:
    from ..services.issued_view import Row

if TYPE_CHECKING:
    pass

app = typer.Typer(help=_("Văn bản đã ban hành: danh sách, chi tiết, thu hồi, sổ đăng ký văn bản đi."),
                  no_args_is_help=True)


class BookFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def _state(row: Row) -> str:
    from ..services.issued_view import STATES

    state, detail = row.state, row.state_detail
    text = _(STATES[state])
    if state == "replaced":
        text += " " + _("bởi {s}").format(s=detail)
    return text


@app.command("list")
@handled
def list_issued(
    year: Annotated[int | None, typer.Option("--year", help=_("Chỉ văn bản của năm này."))] = None,
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
) -> None:
    """Liệt kê văn bản đã ban hành: số, ngày, cách phát hành, tình trạng, nguồn đã sửa sau đó.

    Ví dụ: dvcli issued list --year 2021
    """
    from ..services import issued_view as service
    from ..services import open_store

    rows = service.rows(open_store(options.data), year)
    if fmt is TableJson.json:
        print_json([dataclasses.asdict(row) for row in rows])
        return
    if not rows:
        err(_("chưa có văn bản nào được ban hành"))
        return
    how = {"signed-pdf": _("ký số"), "paper": _("ký tay, bản quét"), "one-step": _("một bước")}
    print_table(None, [_("Văn bản"), _("Số, ký hiệu"), _("Ngày"), _("Phát hành"), _("Tình trạng"),
                       _("Nguồn sửa sau đó")],
                [(row.id, row.symbol, row.date.strftime("%d/%m/%Y"), how[row.release], _state(row),
                  "?" if row.changed_sources is None else str(row.changed_sources)) for row in rows])


@app.command("show")
@handled
def show(
    document: Annotated[str, typer.Argument(help=_("Văn bản: 01, 01-BC-BDVTW, 2021/01-BC-BDVTW hoặc 01-BC/BDVTW."))],
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Xem một văn bản đã ban hành: bản gốc, chữ ký số, nguồn, và nguồn nào đã sửa sau khi ban hành.

    Ví dụ: dvcli issued show 01
    """
    from ..services import issued_view as service
    from ..services import open_store

    detail = service.show(open_store(options.data), document)
    record = detail.record
    if fmt is TextJson.json:
        print_json({"id": detail.row.id, "folder": detail.folder, "state": detail.row.state,
                    "state_detail": detail.row.state_detail, "record": dataclasses.asdict(record),
                    "changes": None if detail.changes is None else [dataclasses.asdict(c) for c in detail.changes],
                    "correction": detail.correction})
        return
    how = {"signed-pdf": _("bản ký số"), "paper": _("bản quét văn bản ký tay"),
           "one-step": _("một bước (số và ngày cấp khi dựng, ký trên giấy)")}
    out(_("Văn bản {s} ngày {d}").format(s=record.symbol, d=record.date.strftime("%d/%m/%Y")))
    out(_("Trích yếu: {t}").format(t=record.title))
    out(_("Thư mục: {f}").format(f=detail.folder))
    out(_("Phát hành: {h}; bản gốc: {o}").format(h=how[record.release], o=record.original or ", ".join(detail.files)))
    if record.prepared:
        out(_("Chuẩn bị để ký: data/prepared/{p}").format(p=record.prepared))
    if record.signer_name:
        out(_("Người ký: {t} {n}").format(t=record.signer_title or "", n=record.signer_name).replace("  ", " "))
    for sig in record.signatures:
        moment = sig.signing_time.isoformat() if sig.signing_time else _("không ghi")
        verdict = _("nguyên vẹn, tin cậy") if sig.intact and sig.trusted else _("KHÔNG hợp lệ")
        out(_("Chữ ký số {f}: {s}; do {i} cấp; ký lúc {t}; {v}").format(f=sig.field, s=sig.signer, i=sig.issuer,
                                                                     t=moment, v=verdict))
    out(_("Tình trạng: {s}").format(s=_state(detail.row)))
    if detail.revoked is not None:
        out(_("Thu hồi ngày {d}: {r}").format(d=detail.revoked[0].strftime("%d/%m/%Y"), r=detail.revoked[1]))
    if record.replaces:
        out(_("Thay thế văn bản: {r}").format(r=record.replaces))
    commit = record.commit[:7] if record.commit else _("(ngoài git)")
    out(ngettext("Nguồn ({n} tệp) đọc tại commit {c}", "Nguồn ({n} tệp) đọc tại commit {c}", len(record.sources)).format(n=len(record.sources), c=commit))
    if detail.changes is None:
        out(_("Nguồn sửa sau khi ban hành: không rõ (không có lịch sử git)"))
    elif not detail.changes:
        out(_("Nguồn sửa sau khi ban hành: không có"))
    else:
        out(_("Nguồn sửa sau khi ban hành ({n}):").format(n=len(detail.changes)))
        for change in detail.changes:
            out(f"  {change.path}")
            for line in change.commits:
                out(f"    {line}")
        if detail.correction:
            out(_("Đã ban hành văn bản đính chính: {s}").format(s=detail.correction))
        else:
            out(_("Chưa ban hành văn bản đính chính (dvcli consolidate --issue --replaces {i}, hoặc dvcli issue "
                  "prepare rồi issue register --replaces {i})").format(i=detail.row.id))


@app.command("revoke")
@handled
def revoke(
    document: Annotated[str, typer.Argument(help=_("Văn bản cần thu hồi, ví dụ 01."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Lý do thu hồi."))],
    date: Annotated[str | None, typer.Option("--date", help=_("Ngày thu hồi (mặc định: hôm nay)."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không commit."))] = False,
) -> None:
    """Thu hồi một văn bản đã ban hành (ghi lý do; văn bản và số của nó được giữ nguyên).

    Ví dụ: dvcli issued revoke 01 --reason "số liệu tuần 38 sai, đã thay bằng báo cáo khác"
    """
    from ..interrupts import name as signal_name
    from ..interrupts import settle
    from ..periods import parse_date
    from ..services import issued_view as service
    from ..services import open_store
    from ..services.writes import today

    store = open_store(options.data)
    when = parse_date(date) if date else today(store.plan().reporting)
    try:
        item, written, committed = service.revoke(store, document, reason, when, commit=not no_commit)
    finally:
        late = settle()
    err(_("Đã thu hồi văn bản {s} ngày {d}: {r}").format(s=item.record.symbol, d=when.strftime("%d/%m/%Y"), r=reason.strip()))
    for path in written:
        out(path)
    if not no_commit and not committed:
        err(_("chưa commit: thư mục không phải kho git"))
    if late:
        err(_("(đã nhận {s} khi việc ghi đã xong: việc thu hồi đã được ghi và commit như trên)").format(s=signal_name(late)))


@app.command("register-book")
@handled
def register_book(
    year: Annotated[int, typer.Option("--year", help=_("Năm của sổ."))],
    fmt: Annotated[BookFormat, typer.Option("--format", "-f", help=_("csv, xlsx hoặc json."))] = BookFormat.csv,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help=_("Tệp ghi kết quả (bắt buộc với xlsx)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Ghi đè tệp đã có."))] = False,
) -> None:
    """Sổ đăng ký văn bản đi của một năm (các cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP).

    Ví dụ: dvcli issued register-book --year 2021 --format xlsx --out so-van-ban-di-2021.xlsx
    """
    import sys

    from ..errors import DvcliError
    from ..services import export, open_store
    from ..services.register_book import book

    if fmt is BookFormat.xlsx and out_file is None:
        raise DvcliError(_("định dạng xlsx cần tệp ghi kết quả"), _("thêm --out TỆP.xlsx"))
    data = book(open_store(options.data), year)
    if out_file is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(export.encode(data, fmt.value, bom=not sys.stdout.isatty()))
        sys.stdout.flush()
        return
    export.write(out_file, export.encode(data, fmt.value), force)
    out(ngettext("đã ghi {p} ({n} dòng)", "đã ghi {p} ({n} dòng)", len(data.rows)).format(p=out_file, n=len(data.rows)))


@app.command("export")
@handled
def export_package(
    document: Annotated[str, typer.Argument(help=_("Văn bản: 05, 05-BC-T78, 2021/05-BC-T78 hoặc 05-BC/T78."))],
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help=_("Tệp gói .zip sẽ ghi."))] = None,
    publish: Annotated[bool, typer.Option("--publish", help=_("Đưa gói vào hộp gửi git (refs/dvcli/outbox) để "
                                                              "trung tâm nhận; rồi: git push origin refs/dvcli/outbox"))]
    = False,
    force: Annotated[bool, typer.Option("--force", help=_("Ghi đè tệp đã có."))] = False,
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Đóng gói một văn bản đã ban hành để gửi lên trên: bản ghi, bản gốc, các tệp, số liệu, mã SHA-256.

    Ví dụ: dvcli issued export 05 --out 05-BC-T78.zip
    """
    from ..services import open_store
    from ..services import package as service

    done = service.export(open_store(options.data), document, out_file, force, publish)
    if fmt is TextJson.json:
        print_json(dataclasses.asdict(done))
        return
    out(ngettext("Gói báo cáo {s} ({f}): {n} tệp, {k} KB, SHA-256 {h}", "Gói báo cáo {s} ({f}): {n} tệp, {k} KB, "
                 "SHA-256 {h}", len(done.files)).format(
        s=done.symbol, f=done.folder_id, n=len(done.files), k=max(1, done.size // 1024), h=done.sha256))
    if done.out:
        out(_("đã ghi {p}").format(p=done.out))
    if done.published is True:
        out(_("đã đưa vào hộp gửi refs/dvcli/outbox; gửi đi bằng: git push origin refs/dvcli/outbox"))
    elif done.published is False:
        out(_("gói đã có sẵn trong hộp gửi refs/dvcli/outbox"))
