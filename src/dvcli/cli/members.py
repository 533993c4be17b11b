from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out, print_csv, print_json, print_table
from .formats import TableJsonCsv, TextJson

app = typer.Typer(help=_("Thành viên Tổ công tác."), no_args_is_help=True)

_HEADERS = ("TT", "Id", "Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Điện thoại", "Thư điện tử")


@app.command("list")
@handled
def list_members(
    fmt: Annotated[TableJsonCsv, typer.Option("--format", help=_("table, json hoặc csv."))] = TableJsonCsv.table,
) -> None:
    """Liệt kê thành viên theo thứ tự trong danh sách kèm kế hoạch.

    Ví dụ: dvcli members list --format csv
    """
    from ..services import members as service
    from ..services import open_store

    rows = service.rows(open_store(options.data))
    if fmt is TableJsonCsv.json:
        print_json([dataclasses.asdict(row) for row in rows])
    elif fmt is TableJsonCsv.csv:
        print_csv([_(h) for h in _HEADERS], [dataclasses.astuple(row) for row in rows])
    else:
        print_table(_("Tổ công tác ({n} thành viên)").format(n=len(rows)), [_(h) for h in _HEADERS[:6]],
                    [dataclasses.astuple(row)[:6] for row in rows])


@app.command("show")
@handled
def show(
    member: Annotated[str, typer.Argument(help=_("Id, họ tên, hoặc họ tên không dấu của thành viên."))],
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Xem thông tin một thành viên.

    Ví dụ: dvcli members show "tran vuong viet"
    """
    from ..services import members as service
    from ..services import open_store

    row = service.show(open_store(options.data), member)
    if fmt is TextJson.json:
        print_json(dataclasses.asdict(row))
        return
    for header, value in zip(_HEADERS, dataclasses.astuple(row), strict=True):
        if value != "":
            out(f"{_(header)}: {value}")
