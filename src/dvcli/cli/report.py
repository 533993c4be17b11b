"""``dvcli report new|list|show`` — the editor loop lives here, like ``git commit``'s."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import DvcliError
from ..i18n import _, ngettext
from .assign import report_written
from .console import err, handled, options, out, print_json, print_problems, print_table
from .formats import CURRENT_WEEK_HELP, TableJson

app = typer.Typer(help=_("Báo cáo của thành viên: viết, liệt kê, xem."), no_args_is_help=True)

WeekOption = Annotated[str | None, typer.Option(
    "--week", "-w", help=CURRENT_WEEK_HELP)]


class ShowFormat(StrEnum):
    yaml = "yaml"
    json = "json"


def interactive() -> bool:
    """True when a person can answer the editor and the questions (stdin is a terminal)."""
    return sys.stdin.isatty()


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    import shlex

    return shlex.split(editor)


def run_editor(path: Path, draft_shown: str) -> None:
    command = editor_command()
    try:
        code = subprocess.call([*command, str(path)])
    except OSError as exc:
        raise DvcliError(_("không mở được trình soạn thảo \"{e}\": {m}").format(e=" ".join(command), m=exc.strerror),
                         _("đặt biến EDITOR, ví dụ: export EDITOR=nano; bản nháp ở {d}").format(d=draft_shown)) from exc
    if code != 0:
        raise DvcliError(_("trình soạn thảo \"{e}\" kết thúc với mã {c}; chưa lưu báo cáo").format(
            e=" ".join(command), c=code), _("bản nháp vẫn giữ ở {d}; chạy lại lệnh để sửa tiếp").format(d=draft_shown))


@app.command("new")
@handled
def new(
    member: Annotated[str, typer.Argument(help=_("Thành viên: id hoặc họ tên (có dấu hoặc không)."))],
    week: WeekOption = None,
    date: Annotated[str | None, typer.Option("--date", help=_("Một ngày trong kỳ; với --ad-hoc: ngày của báo cáo."))]
    = None,
    ad_hoc: Annotated[bool, typer.Option("--ad-hoc", help=_("Báo cáo đột xuất (cần --title)."))] = False,
    title: Annotated[str | None, typer.Option("--title", help=_("Tiêu đề báo cáo đột xuất."))] = None,
    from_file: Annotated[Path | None, typer.Option("--from-file", help=_("Lấy báo cáo từ tệp YAML có sẵn."))] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help=_("Lưu khung đã điền sẵn, không mở trình soạn thảo."))]
    = False,
    nothing: Annotated[bool, typer.Option("--nothing-to-report", help=_(
        "Kỳ này không có gì để báo cáo (ghi rõ như vậy, không để báo cáo trống)."))] = False,
    request: Annotated[str | None, typer.Option("--request", help=_(
        "Báo cáo đột xuất trả lời yêu cầu này (tiêu đề lấy từ yêu cầu; xem: dvcli request list)."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Viết báo cáo của một thành viên: mở khung đã điền sẵn trong $EDITOR, kiểm tra khi lưu.

    Với --request: báo cáo đột xuất trả lời một yêu cầu báo cáo (dvcli request add).

    Ví dụ: dvcli report new vy-tu-lieu --week 2021-W38
    """
    from ..services import open_store
    from ..services import report as service

    store = open_store(options.data)
    commit = not no_commit
    if nothing:
        saved = service.nothing_to_report(store, member, week, date, ad_hoc, title, commit, request)
    elif from_file is not None:
        saved = service.from_file(store, member, from_file, week, date, ad_hoc, title, commit, request)
    elif no_edit:
        saved = service.no_edit(store, member, week, date, ad_hoc, title, commit, request)
    else:
        if not interactive():
            raise DvcliError(_("không có terminal để mở trình soạn thảo"),
                             _("chạy lệnh trong terminal, hoặc dùng --from-file TỆP (báo cáo viết sẵn) "
                               "hoặc --nothing-to-report (kỳ này không có gì để báo cáo)"))
        saved = _edit_loop(service, store, member, week, date, ad_hoc, title, commit, request)
    out(_("đã lưu báo cáo {label}: {p}").format(label=saved.label, p=saved.path))
    report_written(saved.written)


def _edit_loop(service: Any, store: Any, member: str, week: str | None, date: str | None, ad_hoc: bool,
               title: str | None, commit: bool, request: str | None = None) -> Any:
    session = service.start(store, member, week, date, ad_hoc, title, request)
    if session.resumed:
        err(_("tiếp tục bản nháp chưa lưu: {d}").format(d=session.draft_shown))
    while True:
        run_editor(session.draft, session.draft_shown)
        if service.unchanged(session):
            service.discard(session)
            raise DvcliError(_("khung báo cáo chưa được sửa; chưa lưu gì"),
                             _("viết nội dung rồi lưu tệp; nếu kỳ này không có gì để báo cáo: dvcli report new {m} "
                               "--nothing-to-report").format(m=session.target.member.id))
        checked = service.check_file(store, session.target, session.draft)
        if checked.empty:
            service.discard(session)
            raise DvcliError(_("bản nháp trống: đã huỷ, chưa lưu gì"), None)
        if checked.record is not None:
            try:
                saved = service.save(store, session.target, checked, commit)
            except DvcliError as error:
                raise DvcliError(error.message, (error.hint or "") + "; " + _("bản nháp giữ ở {d}").format(
                    d=session.draft_shown)) from error
            service.discard(session)
            return saved
        print_problems(checked.problems)
        err(ngettext("Báo cáo có {n} lỗi.", "Báo cáo có {n} lỗi.", len(checked.problems)).format(n=len(checked.problems)))
        if not typer.confirm(_("Sửa lại?"), default=True, err=True):
            raise DvcliError(_("chưa lưu báo cáo; bản nháp được giữ ở {d}").format(d=session.draft_shown),
                             _("chạy lại lệnh để sửa tiếp bản nháp, hoặc sửa tệp rồi: "
                               "dvcli report new {m} --from-file {d}").format(
                                 m=session.target.member.id, d=session.draft_shown))


@app.command("list")
@handled
def list_reports(
    week: WeekOption = None,
    member: Annotated[str | None, typer.Option("--member", help=_("Chỉ báo cáo của thành viên này."))] = None,
    fmt: Annotated[TableJson, typer.Option("--format", help=_("table hoặc json."))] = TableJson.table,
) -> None:
    """Liệt kê các báo cáo đã nộp (theo kỳ, theo thành viên).

    Ví dụ: dvcli report list --week 2021-W38
    """
    from ..services import open_store, report_list

    rows = report_list.entries(open_store(options.data), week, member)
    if fmt is TableJson.json:
        print_json([dataclasses.asdict(row) for row in rows])
        return
    table = []
    for row in rows:
        kind = _("đột xuất: {t}").format(t=row.title or "") if row.ad_hoc else _("tuần")
        state = "" if row.on_time is None else (_("đúng hạn") if row.on_time else _("muộn"))
        submitted = row.submitted.strftime("%d/%m/%Y %H:%M") if row.submitted else ""
        table.append((row.period, row.member, kind, submitted, state, row.path))
    print_table(_("Báo cáo ({n})").format(n=len(rows)),
                [_("Kỳ"), _("Thành viên"), _("Loại"), _("Nộp lúc"), _("Hạn"), _("Tệp")], table)


@app.command("show")
@handled
def show(
    report: Annotated[str, typer.Argument(help=_("Thành viên (kèm --week) hoặc đường dẫn tệp báo cáo."))],
    week: WeekOption = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", help=_("yaml (nguyên văn tệp) hoặc json."))] = ShowFormat.yaml,
) -> None:
    """In một báo cáo: theo thành viên và kỳ, hoặc theo đường dẫn.

    Ví dụ: dvcli report show vy-tu-lieu --week 2021-W38
    """
    from ..services import open_store, report_list

    path, text, record = report_list.show(open_store(options.data), report, week)
    if fmt is ShowFormat.json:
        print_json({"path": path, "report": dataclasses.asdict(record)})
    else:
        out(text.rstrip("\n"))
