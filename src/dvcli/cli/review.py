"""``dvcli review``."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from .assign import report_written
from .console import handled, options, out
from .formats import CURRENT_WEEK_HELP


@handled
def review(
    member: Annotated[str, typer.Argument(help=_("Thành viên: id hoặc họ tên (có dấu hoặc không)."))],
    week: Annotated[str | None, typer.Option("--week", "-w", help=CURRENT_WEEK_HELP)] = None,
    accept: Annotated[bool, typer.Option("--accept", help=_("Duyệt báo cáo."))] = False,
    returned: Annotated[bool, typer.Option("--return", help=_("Trả lại báo cáo (cần --reason)."))] = False,
    reason: Annotated[str | None, typer.Option("--reason", help=_("Lý do trả lại."))] = None,
    due: Annotated[str | None, typer.Option("--due", help=_(
        "Hạn nộp lại, ví dụ \"2021-09-30 17:00\" (chỉ ngày: cuối ngày đó)."))] = None,
    by: Annotated[str | None, typer.Option("--by", help=_("Người duyệt (mặc định Tổ trưởng)."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Duyệt báo cáo tuần của một thành viên, hoặc trả lại kèm lý do và hạn nộp lại.

    Ví dụ: dvcli review bui-thuy --week 2021-W38 --return --reason "Thiếu số liệu hộ được hỗ trợ" --due "2021-09-29 17:00"
    """
    from ..services import open_store
    from ..services import review as service

    done = service.review(open_store(options.data), member, week, accept, returned, reason, due, by, not no_commit)
    if done.decision == "accepted":
        out(_("đã duyệt báo cáo {label}: {p}").format(label=done.label, p=done.path))
    elif done.due is not None:
        out(_("đã trả lại báo cáo {label}, hạn nộp lại {t}: {p}").format(
            label=done.label, t=done.due.strftime("%H:%M %d/%m/%Y"), p=done.path))
    else:
        out(_("đã trả lại báo cáo {label}: {p}").format(label=done.label, p=done.path))
    report_written(done.written)
