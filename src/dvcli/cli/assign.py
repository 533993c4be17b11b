"""``dvcli assign`` and ``dvcli assignments``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

import typer

from ..i18n import _, ngettext
from .console import err, handled, options, out, print_csv, print_json, print_table
from .formats import TableJsonCsv

_HEADERS = ("Thành viên", "Nhiệm vụ", "Từ ngày", "Đến ngày", "Đối tượng", "Lĩnh vực", "Địa bàn", "Ghi chú")


def _date(value: str | None) -> dt.date | None:
    from ..periods import parse_date

    return parse_date(value) if value else None


def report_written(written: object) -> None:
    """Tell the user what git recorded (stderr: diagnostics, not product)."""
    committed = getattr(written, "committed", False)
    if committed:
        err(_("đã ghi vào git: {m}").format(m=getattr(written, "message", "")))


@handled
def assign(
    member: Annotated[str, typer.Argument(help=_("Thành viên: id hoặc họ tên (có dấu hoặc không)."))],
    task: Annotated[str, typer.Option("--task", help=_("Nhiệm vụ trong kế hoạch, ví dụ II.2."))],
    subject: Annotated[list[str] | None, typer.Option("--subject", help=_("Đối tượng (mã hoặc tên); lặp lại được."))]
    = None,
    field: Annotated[list[str] | None, typer.Option("--field", help=_("Lĩnh vực (mã hoặc tên); lặp lại được."))] = None,
    area: Annotated[list[str] | None, typer.Option("--area", help=_("Địa bàn (mã hoặc tên); lặp lại được."))] = None,
    start: Annotated[str | None, typer.Option("--from", help=_("Hiệu lực từ ngày (mặc định hôm nay)."))] = None,
    end: Annotated[str | None, typer.Option("--to", help=_("Hết hiệu lực sau ngày."))] = None,
    note: Annotated[str | None, typer.Option("--note", help=_("Ghi chú."))] = None,
    update: Annotated[bool, typer.Option("--update", help=_("Sửa phân công đã có (giữ ghi chú trong tệp)."))] = False,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Ghi phân công của Tổ trưởng cho một thành viên.

    Ví dụ: dvcli assign "nguyen van ke" --task II.2 --subject nguoi-co-uy-tin --area tay-nguyen --from 13/09/2021
    """
    from ..services import assign as service
    from ..services import open_store

    request = service.AssignRequest(member, task, _date(start), _date(end), subject or [], field or [], area or [],
                                    note, update, not no_commit)
    result = service.assign(open_store(options.data), request)
    verb = _("đã sửa") if result.updated else _("đã ghi")
    out(_("{v} {p}").format(v=verb, p=result.path))
    report_written(result.written)


@handled
def assignments(
    member: Annotated[str | None, typer.Option("--member", help=_("Chỉ phân công của thành viên này."))] = None,
    fmt: Annotated[TableJsonCsv, typer.Option("--format", help=_("table, json hoặc csv."))] = TableJsonCsv.table,
    show_coverage: Annotated[bool, typer.Option("--coverage", help=_("Ai phụ trách từng nhiệm vụ, đối tượng, "
                                                                     "lĩnh vực, địa bàn — và mục chưa ai phụ trách."))]
    = False,
    on: Annotated[str | None, typer.Option("--on", help=_("Ngày xét phạm vi phụ trách (mặc định hôm nay)."))] = None,
) -> None:
    """Liệt kê phân công (hoặc phạm vi phụ trách với --coverage).

    Ví dụ: dvcli assignments --coverage
    """
    from ..services import assign as service
    from ..services import open_store

    store = open_store(options.data)
    if show_coverage:
        _coverage(service.coverage(store, _date(on)), fmt)
        return
    rows = service.rows(store, member)
    if fmt is TableJsonCsv.json:
        print_json([dataclasses.asdict(row) for row in rows])
        return
    table = [(f"{row.member}", row.task, row.start.isoformat(), row.end.isoformat() if row.end else "",
              ", ".join(row.subjects), ", ".join(row.fields), ", ".join(row.areas), row.note) for row in rows]
    if fmt is TableJsonCsv.csv:
        print_csv([_(h) for h in _HEADERS], table)
    else:
        print_table(_("Phân công ({n})").format(n=len(rows)), [_(h) for h in _HEADERS], table)


_KIND_TITLES = {"tasks": "Nhiệm vụ", "subjects": "Đối tượng", "fields": "Lĩnh vực", "areas": "Địa bàn"}


def _coverage(result: object, fmt: TableJsonCsv) -> None:
    lines = getattr(result, "lines")  # noqa: B009 - typed loosely to keep services out of import time
    on = getattr(result, "on")  # noqa: B009
    if fmt is TableJsonCsv.json:
        print_json({"on": on, "lines": [dataclasses.asdict(line) for line in lines],
                    "uncovered": [f"{line.kind}:{line.id}" for line in lines if not line.members]})
        return
    table = [(_(_KIND_TITLES[line.kind]), line.id, line.label, ", ".join(line.members) or _("— chưa ai phụ trách —"))
             for line in lines]
    if fmt is TableJsonCsv.csv:
        print_csv([_("Loại"), _("Mã"), _("Tên"), _("Thành viên")], table)
        return
    print_table(_("Phạm vi phụ trách ngày {d}").format(d=on.strftime("%d/%m/%Y")),
                [_("Loại"), _("Mã"), _("Tên"), _("Thành viên")], table)
    missing = [line for line in lines if not line.members]
    out(ngettext("Chưa ai phụ trách: {n} mục.", "Chưa ai phụ trách: {n} mục.", len(missing)).format(n=len(missing)))



@handled
def unassign(
    member: Annotated[str, typer.Argument(help=_("Thành viên: id hoặc họ tên (có dấu hoặc không)."))],
    task: Annotated[str, typer.Option("--task", help=_("Nhiệm vụ trong kế hoạch, ví dụ II.2."))],
    start: Annotated[str, typer.Option("--from", help=_("Ngày bắt đầu của phân công cần bỏ."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Lý do bỏ phân công (ghi vào lịch sử)."))],
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))] = False,
) -> None:
    """Bỏ một phân công ghi nhầm (để kết thúc phân công, dùng: dvcli assign --update --to NGÀY).

    Ví dụ: dvcli unassign bui-thuy --task III.4 --from 2021-09-13 --reason "Phân công nhầm người"
    """
    from ..services import open_store
    from ..services import unassign as service

    day = _date(start)
    assert day is not None
    done = service.unassign(open_store(options.data), member, task, day, reason, not no_commit)
    out(_("đã bỏ phân công: {p}").format(p=done.path))
    report_written(done.written)
