"""The root Typer app: global options, and one sub-app or command per module."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from ..i18n import _, supported
from . import (
    assign,
    check,
    consolidate,
    draft,
    export,
    form,
    history,
    init,
    issue,
    issued,
    members,
    plan,
    report,
    report_edit,
    report_import,
    request,
    review,
    schema,
    search,
    status,
    sync,
    templates,
    units,
)
from .console import options, out
from .language import TranslatedGroup, use_language

app = typer.Typer(
    name="dvcli",
    cls=TranslatedGroup,
    help=_("dvcli — công cụ của Tổ công tác: phân công, báo cáo và báo cáo tổng hợp theo thể thức văn bản của Đảng."),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        out(f"dvcli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[str | None, typer.Option("--data", help=_("Thư mục không gian làm việc (chứa data/plan.yaml)."),
                                             envvar="DVCLI_DATA", show_envvar=True)] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=_("Ngôn ngữ: vi (mặc định) hoặc en."))] = None,
    debug: Annotated[bool, typer.Option("--debug", help=_("In chi tiết lỗi không mong đợi."))] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help=_("In phiên bản rồi thoát."))] = False,
) -> None:
    """dvcli — công cụ của Tổ công tác."""
    # A value from DVCLI_DATA is left to workspace.find, so its error names the variable, not --data.
    source = ctx.get_parameter_source("data")
    options.data = None if source is not None and source.name == "ENVIRONMENT" else data
    options.debug = debug
    if lang:  # already checked and chosen by the root group (language.choose_language)
        use_language(supported(lang) or "vi")


# Registered in the order of the secretary's week, which is the order --help lists them.
app.add_typer(plan.app, name="plan")
app.add_typer(members.app, name="members")
app.command("assign")(assign.assign)
app.command("assignments")(assign.assignments)
app.command("unassign")(assign.unassign)
report.app.command("import")(report_import.import_reports)
app.add_typer(report.app, name="report")
del report_edit  # imported only to register "report edit" on report.app
app.command("form")(form.form)
app.command("review")(review.review)
app.command("reviews")(review.reviews)
app.add_typer(request.app, name="request")
app.command("status")(status.status)
app.command("remind")(status.remind)
app.command("consolidate")(consolidate.consolidate)
app.add_typer(draft.app, name="draft")
app.add_typer(issue.app, name="issue")
app.add_typer(issued.app, name="issued")
app.add_typer(units.app, name="units")
app.command("receive")(units.receive)
app.add_typer(templates.app, name="templates")
app.command("history")(history.history)
app.command("check")(check.check)
app.command("search")(search.search)
app.add_typer(export.app, name="export")
app.command("sync")(sync.sync)
app.command("init")(init.init)
app.command("schema")(schema.schema)


def main() -> None:
    """Run the app (the console script enters through ``entry.main``, which answers ``--version``)."""
    app()
