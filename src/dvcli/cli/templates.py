"""``dvcli templates``: see the report templates, and copy one into the workspace to customise it."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out, print_json, print_table
from .formats import TableJson

app = typer.Typer(help=_("Mẫu báo cáo: xem danh sách, chép một mẫu về để sửa."), no_args_is_help=True)


@app.command("list")
@handled
def list_(
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
) -> None:
    """Liệt kê các mẫu: tên, định dạng, và nơi lấy (gói dvcli hay bản sửa trong templates/).

    Ví dụ: dvcli templates list
    """
    from ..services import open_store
    from ..services import templates as service

    rows = service.list_templates(open_store(options.data))
    if fmt is TableJson.json:
        print_json([row.as_dict() for row in rows])
        return
    print_table(None, [_("Mẫu"), _("Định dạng"), _("Nguồn")],
                [(row.name, ", ".join(row.formats), row.source) for row in rows])


@app.command("copy")
@handled
def copy(
    name: Annotated[str, typer.Argument(help=_("Tên mẫu, ví dụ tong-hop-tuan."))],
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Chép các tệp của một mẫu vào templates/ của không gian làm việc (không ghi đè tệp đã có) và ghi vào git.

    Ví dụ: dvcli templates copy tong-hop-tuan
    """
    from ..services import open_store
    from ..services import templates as service
    from .assign import report_written

    done = service.copy(open_store(options.data), name, not no_commit)
    for path in done.copied:
        out(_("đã chép: {p}").format(p=path))
    for path in done.kept:
        out(_("giữ nguyên (đã có): {p}").format(p=path))
    report_written(done.written)
