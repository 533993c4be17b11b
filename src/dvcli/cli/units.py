"""``dvcli units add|list|remove`` and ``dvcli receive``: the centre's reporting units and their reports."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..i18n import _
from .console import err, handled, options, out, print_json, print_table
from .formats import TableJson

app = typer.Typer(help=_("Các đơn vị báo cáo lên trung tâm (mỗi đơn vị có không gian làm việc dvcli riêng)."),
                  no_args_is_help=True)

NoCommit = Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))]


@app.command("add")
@handled
def add(
    unit: Annotated[str, typer.Argument(help=_("Mã đơn vị: chữ thường không dấu, ví dụ t78."))],
    name: Annotated[str, typer.Option("--name", help=_("Tên đơn vị."))],
    source: Annotated[str, typer.Option("--source", help=_("Địa chỉ git của không gian làm việc của đơn vị "
                                                            "(https, ssh, đường dẫn), hoặc thư mục chứa các gói .zip."))],
    code: Annotated[str | None, typer.Option("--code", help=_("Ký hiệu cơ quan trong số văn bản của đơn vị "
                                                              "(mặc định: mã viết hoa, ví dụ T78)."))] = None,
    due: Annotated[str | None, typer.Option("--due", help=_("Hạn gửi riêng của đơn vị, ví dụ \"tuesday 17:00\" "
                                                            "(mặc định: hạn trong kế hoạch)."))] = None,
    no_commit: NoCommit = False,
) -> None:
    """Thêm một đơn vị báo cáo lên (ghi vào data/units.yaml).

    Ví dụ: dvcli units add t78 --name "Cơ quan thường trực tại TP. Hồ Chí Minh" --source https://git.example.vn/t78.git
    """
    from ..services import open_store
    from ..services import units as service
    from .assign import report_written

    written = service.add(open_store(options.data), unit, name, source, code, due, not no_commit)
    out(_("đã thêm đơn vị {u}: {f}").format(u=unit, f=", ".join(written.paths)))
    report_written(written)


@app.command("list")
@handled
def list_units(
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
) -> None:
    """Liệt kê các đơn vị báo cáo lên: mã, tên, ký hiệu, nguồn, hạn gửi.

    Ví dụ: dvcli units list --format json
    """
    from ..services import open_store
    from ..services import units as service

    rows = service.rows(open_store(options.data))
    if fmt is TableJson.json:
        print_json([dataclasses.asdict(row) for row in rows])
        return
    if not rows:
        err(_("chưa có đơn vị báo cáo nào; thêm bằng: dvcli units add MÃ --name TÊN --source NGUỒN"))
        return
    print_table(None, [_("TT"), _("Mã"), _("Tên đơn vị"), _("Ký hiệu"), _("Nguồn"), _("Hạn gửi")],
                [(str(index), row.id, row.name, row.code, row.source, row.due) for index, row in enumerate(rows, 1)])


@app.command("remove")
@handled
def remove(
    unit: Annotated[str, typer.Argument(help=_("Mã đơn vị."))],
    no_commit: NoCommit = False,
) -> None:
    """Bỏ một đơn vị khỏi danh sách (các báo cáo đã nhận của đơn vị vẫn được giữ).

    Ví dụ: dvcli units remove t78
    """
    from ..services import open_store
    from ..services import units as service
    from .assign import report_written

    written = service.remove(open_store(options.data), unit, not no_commit)
    out(_("đã bỏ đơn vị {u}").format(u=unit))
    report_written(written)


@handled
def receive(
    unit: Annotated[str | None, typer.Argument(help=_("Chỉ nhận của đơn vị này (mặc định: mọi đơn vị)."))] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", metavar="GIÂY",
                                                  help=_("Thời gian tối đa cho mỗi nguồn git, giây."))] = None,
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
    no_commit: NoCommit = False,
) -> None:
    """Nhận các báo cáo đã ban hành mới của các đơn vị: kiểm tra từng gói rồi ghi vào data/received/.

    Mã thoát 0: mọi đơn vị đã nhận đủ; 1: có đơn vị không kết nối được hoặc có gói bị từ chối
    (các đơn vị khác vẫn được nhận).

    Ví dụ: dvcli receive t78
    """
    from ..services import open_store
    from ..services import receive as service
    from .assign import report_written

    result = service.receive(open_store(options.data), unit, not no_commit, timeout)
    if fmt is TableJson.json:
        print_json({"units": [dataclasses.asdict(item) for item in result.units],
                    "written": result.written.paths if result.written else [],
                    "committed": bool(result.written and result.written.committed)})
    else:
        for item in result.units:
            parts = []
            if item.received:
                parts.append(_("đã nhận {s}").format(s=", ".join(item.received)))
            if item.already:
                parts.append(_("đã có từ trước {s}").format(s=", ".join(item.already)))
            if item.replaced:
                parts.append(_("đánh dấu bị thay thế {s}").format(s=", ".join(item.replaced)))
            if not parts and not item.refused and not item.offline:
                parts.append(_("không có báo cáo mới"))
            if parts:
                out(f"{item.unit} ({item.name}): " + "; ".join(parts))
        for item in result.units:
            if item.offline:
                err(item.offline)
            for refusal in item.refused:
                err(refusal)
        if result.written is not None:
            report_written(result.written)
    if result.failed:
        raise typer.Exit(1)
