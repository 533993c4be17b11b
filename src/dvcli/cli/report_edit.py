"""``dvcli report edit`` (the same editor loop as ``report new``, over a stored report) and ``report withdraw``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import DvcliError
from ..i18n import _, ngettext
from . import report as report_cli
from .assign import report_written
from .console import err, handled, options, out, print_problems
from .report import WeekOption, app


@app.command("edit")
@handled
def edit(
    member: Annotated[str, typer.Argument(help=_(
        "Thành viên (kèm --week, hoặc --date và --title) hoặc đường dẫn tệp báo cáo."))],
    week: WeekOption = None,
    date: Annotated[str | None, typer.Option("--date", help=_("Ngày của báo cáo đột xuất (kèm --title)."))] = None,
    title: Annotated[str | None, typer.Option("--title", help=_("Tiêu đề báo cáo đột xuất."))] = None,
    from_file: Annotated[Path | None, typer.Option("--from-file", help=_(
        "Thay báo cáo bằng tệp YAML này, không mở trình soạn thảo."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Sửa một báo cáo đã nộp: mở trong $EDITOR, kiểm tra khi lưu; giữ thời điểm nộp lần đầu.

    Ví dụ: dvcli report edit vy-tu-lieu --week 2021-W38
    """
    from ..services import open_store
    from ..services import report_edit as service

    store = open_store(options.data)
    as_path = member if member.endswith((".yaml", ".yml")) or "/" in member else None
    commit = not no_commit
    if from_file is not None:
        edited = service.replace(store, None if as_path else member, from_file, week, date, title, commit, as_path)
    else:
        if not report_cli.interactive():  # looked up at call time: tests replace it
            raise DvcliError(_("không có terminal để mở trình soạn thảo"),
                             _("chạy lệnh trong terminal, hoặc dùng --from-file TỆP (báo cáo đã sửa)"))
        edited = _edit_loop(service, store, None if as_path else member, week, date, title, as_path, commit)
    if edited.saved is None:
        out(_("báo cáo {label} không thay đổi; chưa lưu gì: {p}").format(label=edited.label, p=edited.path))
        return
    out(_("đã sửa báo cáo {label}: {p}").format(label=edited.label, p=edited.path))
    report_written(edited.saved.written)


def _edit_loop(service: Any, store: Any, member: str | None, week: str | None, date: str | None,
               title: str | None, path: str | None, commit: bool) -> Any:
    session = service.start(store, member, week, date, title, path)
    if session.resumed:
        err(_("tiếp tục bản nháp chưa lưu: {d}").format(d=session.draft_shown))
    while True:
        report_cli.run_editor(session.draft, session.draft_shown)
        if service.unchanged(session):
            service.discard(session)
            return service.Edited(None, session.target.label, store.ws.rel(session.target.path))
        checked = service.check_edit(store, session.current, session.draft)
        if checked.empty:
            service.discard(session)
            raise DvcliError(_("bản nháp trống: đã huỷ, báo cáo giữ nguyên"), None)
        if checked.record is not None:
            try:
                edited = service.save(store, session.current, checked, commit)
            except DvcliError as error:
                raise DvcliError(error.message, (error.hint or "") + "; " + _("bản nháp giữ ở {d}").format(
                    d=session.draft_shown)) from error
            service.discard(session)
            return edited
        print_problems(checked.problems)
        err(ngettext("Báo cáo có {n} lỗi.", "Báo cáo có {n} lỗi.", len(checked.problems)).format(n=len(checked.problems)))
        if not typer.confirm(_("Sửa lại?"), default=True, err=True):
            raise DvcliError(_("chưa lưu báo cáo; bản nháp được giữ ở {d}").format(d=session.draft_shown),
                             _("chạy lại lệnh để sửa tiếp bản nháp, hoặc sửa tệp rồi: "
                               "dvcli report edit {m} {w} --from-file {d}").format(
                                 m=session.target.member.id, w=service.period_option(session.target),
                                 d=session.draft_shown))



@app.command("withdraw")
@handled
def withdraw(
    member: Annotated[str, typer.Argument(help=_(
        "Thành viên (kèm --week, hoặc --date và --title) hoặc đường dẫn tệp báo cáo."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Lý do rút (ghi vào lịch sử)."))],
    week: WeekOption = None,
    date: Annotated[str | None, typer.Option("--date", help=_("Ngày của báo cáo đột xuất (kèm --title)."))] = None,
    title: Annotated[str | None, typer.Option("--title", help=_("Tiêu đề báo cáo đột xuất."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Rút một báo cáo đã nộp: không còn được tính; nội dung và lý do được giữ lại.

    Ví dụ: dvcli report withdraw bui-thuy --week 2021-W38 --reason "Gửi nhầm báo cáo tuần trước"
    """
    from ..services import open_store
    from ..services import report_withdraw as service

    as_path = member if member.endswith((".yaml", ".yml")) or "/" in member else None
    done = service.withdraw(open_store(options.data), None if as_path else member, reason, week, date, title, as_path,
                            not no_commit)
    out(_("đã rút báo cáo {label}: {p} (lưu ở {r})").format(label=done.label, p=done.report, r=done.record))
    report_written(done.written)
