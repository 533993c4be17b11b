"""``dvcli draft edit``: open the period's consolidated-report draft in $EDITOR, checked on save."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _, ngettext
from .console import err, handled, options, out, print_problems
from .period_options import DEFAULT_TEMPLATE, AdHoc, End, Month, Start, Template, Week

app = typer.Typer(help=_("Dự thảo báo cáo tổng hợp: sửa trước khi ban hành."), no_args_is_help=True)


@app.command("edit")
@handled
def edit(
    week: Week = None,
    month: Month = None,
    start: Start = None,
    end: End = None,
    ad_hoc: AdHoc = None,
    template: Template = DEFAULT_TEMPLATE,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Sửa dự thảo báo cáo tổng hợp của một kỳ trong $EDITOR; kiểm tra khi lưu rồi commit.

    Ví dụ: dvcli draft edit --week 2021-W38
    """
    from ..errors import DvcliError
    from ..services import consolidate, draft_edit, open_store
    from .report import run_editor

    store = open_store(options.data)
    request = consolidate.Request(week=week, month=month, start=start, end=end, ad_hoc=ad_hoc, template=template)
    session = draft_edit.start(store, request)
    shown = str(session.copy)
    while True:
        run_editor(session.copy, shown)
        if draft_edit.unchanged(session):
            draft_edit.discard(session)
            err(_("dự thảo chưa được sửa; không lưu gì"))
            return
        problems = draft_edit.check(session)
        if not problems:
            written = draft_edit.save(store, session, not no_commit)
            out(_("đã lưu dự thảo: {p}").format(p=session.display))
            if not no_commit and not written.committed:
                err(_("chưa commit: thư mục không phải kho git"))
            return
        print_problems(problems)
        err(ngettext("Dự thảo có {n} lỗi.", "Dự thảo có {n} lỗi.", len(problems)).format(n=len(problems)))
        if not typer.confirm(_("Sửa lại?"), default=True, err=True):
            raise DvcliError(_("chưa lưu dự thảo; bản đang sửa giữ ở {d}").format(d=shown),
                             _("chạy lại dvcli draft edit để sửa từ bản đã lưu"))
