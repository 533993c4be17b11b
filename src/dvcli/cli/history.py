"""``dvcli history``."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out, print_json
from .formats import TextJson


@handled
def history(
    record: Annotated[str | None, typer.Argument(help=_("Tệp (data/reports/2021/W38/vy-tu-lieu.yaml) hoặc thành viên; "
                                                        "bỏ trống: mọi dữ liệu."))] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help=_("Chỉ N thay đổi gần nhất."))] = None,
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Lịch sử thay đổi từ git: ngày, người sửa, nội dung, tệp.

    Ví dụ: dvcli history vy-tu-lieu
    """
    from ..services import history as service
    from ..services import open_store

    result = service.trail(open_store(options.data), record, limit)
    if fmt is TextJson.json:
        print_json({"subject": result.subject, "changes": [dataclasses.asdict(change) for change in result.changes]})
        return
    if not result.changes:
        out(_("{s}: chưa có thay đổi nào được ghi vào git.").format(s=result.subject))
        return
    for change in result.changes:
        out(f"{change.date.strftime('%Y-%m-%d %H:%M')}  {change.author}  {change.message}  [{change.commit[:7]}]")
        for name in change.files:
            out(f"    {name}")
