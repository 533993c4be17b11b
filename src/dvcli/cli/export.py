from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _, ngettext
from .console import handled, options, out
from .period_options import End, Month, Start

app = typer.Typer(help=_("Xuất số liệu cho người làm thống kê (Excel, CSV, JSON)."), no_args_is_help=True)


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


@app.command("indicators")
@handled
def indicators(
    week: Annotated[str | None, typer.Option("--week", "-w", help=_("Tuần: 2021-W38, 38, một ngày, this, last."))] = None,
    month: Month = None,
    start: Start = None,
    end: End = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=_("csv, xlsx hoặc json."))] = ExportFormat.csv,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help=_("Tệp ghi kết quả (bắt buộc với xlsx)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Ghi đè tệp --out đã có."))] = False,
) -> None:
    """Xuất bảng chỉ tiêu theo thành viên, địa bàn và kỳ (mặc định: mọi kỳ) để mở bằng Excel.

    Ví dụ: dvcli export indicators --month 2021-10 --format xlsx --out so-lieu-thang-10.xlsx
    """
    from ..errors import DvcliError
    from ..services import export as service
    from ..services import open_store

    if fmt is ExportFormat.xlsx and out_file is None:
        raise DvcliError(_("định dạng xlsx cần tệp ghi kết quả"), _("thêm --out TỆP.xlsx"))
    data = service.table(open_store(options.data), service.Selection(week, month, start, end))
    if out_file is None:
        # a BOM lets Excel read Vietnamese from a redirected file; not on a terminal
        sys.stdout.flush()
        sys.stdout.buffer.write(service.encode(data, fmt.value, bom=not sys.stdout.isatty()))
        sys.stdout.flush()
        return
    service.write(out_file, service.encode(data, fmt.value), force)
    out(ngettext("đã ghi {p} ({n} dòng)", "đã ghi {p} ({n} dòng)", len(data.rows)).format(p=out_file, n=len(data.rows)))
