"""``dvcli form``: the member's pre-filled Word or Excel form."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out
from .formats import CURRENT_WEEK_HELP


@handled
def form(
    member: Annotated[str | None, typer.Argument(help=_("Thành viên: id hoặc họ tên."))] = None,
    week: Annotated[str | None, typer.Option("--week", "-w", help=CURRENT_WEEK_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", help=_("docx (Word) hoặc xlsx (Excel)."))] = "docx",
    out_path: Annotated[Path | None, typer.Option("--out", help=_("Tệp (hoặc thư mục) sẽ ghi."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("Ngày của báo cáo đột xuất."))] = None,
    title: Annotated[str | None, typer.Option("--title", help=_("Tiêu đề báo cáo đột xuất."))] = None,
    every: Annotated[bool, typer.Option("--all", help=_("Mỗi thành viên phải nộp một biểu mẫu, vào thư mục --out."))]
    = False,
) -> None:
    """Tạo biểu mẫu báo cáo (Word hoặc Excel) đã điền sẵn cho thành viên; đã có báo cáo thì điền luôn nội dung.

    Ví dụ: dvcli form vy-tu-lieu --week 2021-W38 --format docx --out bao-cao.docx
    """
    from ..errors import DvcliError
    from ..services import form as service
    from ..services import open_store

    store = open_store(options.data)
    if every:
        made = service.every(store, week, date, title, fmt, out_path)
    elif member is None:
        raise DvcliError(_("thiếu thành viên"), _("ví dụ: dvcli form vy-tu-lieu --week 2021-W38, hoặc --all"))
    else:
        made = [service.one(store, member, week, date, title, fmt, out_path)]
    for item in made:
        note = _(" (đã điền báo cáo đã nộp)") if item.filled else ""
        out(_("đã tạo biểu mẫu {m}: {p}").format(m=item.member, p=item.path) + note)
