from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..i18n import _, ngettext
from .console import handled, options, out, print_csv, print_json, print_table
from .formats import TableJsonCsv, TextJson

app = typer.Typer(help=_("Thành viên Tổ công tác."), no_args_is_help=True)

_HEADERS = ("TT", "Id", "Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Điện thoại", "Thư điện tử")


@app.command("list")
@handled
def list_members(
    fmt: Annotated[TableJsonCsv, typer.Option("--format", help=_("table, json hoặc csv."))] = TableJsonCsv.table,
) -> None:
    """Liệt kê thành viên theo thứ tự trong danh sách kèm kế hoạch.

    Ví dụ: dvcli members list --format csv
    """
    from ..services import members as service
    from ..services import open_store

    rows = service.rows(open_store(options.data))
    if fmt is TableJsonCsv.json:
        print_json([dataclasses.asdict(row) for row in rows])
    elif fmt is TableJsonCsv.csv:
        print_csv([_(h) for h in _HEADERS], [dataclasses.astuple(row) for row in rows])
    else:
        print_table(ngettext("Tổ công tác ({n} thành viên)", "Tổ công tác ({n} thành viên)", len(rows)).format(n=len(rows)), [_(h) for h in _HEADERS[:6]],
                    [dataclasses.astuple(row)[:6] for row in rows])


@app.command("show")
@handled
def show(
    member: Annotated[str, typer.Argument(help=_("Id, họ tên, hoặc họ tên không dấu của thành viên."))],
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Xem thông tin một thành viên.

    Ví dụ: dvcli members show "tran vuong viet"
    """
    from ..services import members as service
    from ..services import open_store

    row = service.show(open_store(options.data), member)
    if fmt is TextJson.json:
        print_json(dataclasses.asdict(row))
        return
    for header, value in zip(_HEADERS, dataclasses.astuple(row), strict=True):
        if value != "":
            out(f"{_(header)}: {value}")


# --- roster changes (comments in members.yaml kept; group.size follows) -------------------------

NoCommit = Annotated[bool, typer.Option("--no-commit", help=_("Không ghi vào git."))]
UnitOption = Annotated[str | None, typer.Option("--unit", help=_("Đơn vị: mã hoặc tên (xem units trong data/members.yaml)."))]
PositionOption = Annotated[str | None, typer.Option("--position", help=_("Chức vụ đầy đủ."))]
RoleOption = Annotated[str | None, typer.Option("--role", help=_("Vai trò: to-truong, thanh-vien (mặc định), thu-ky."))]
PhoneOption = Annotated[str | None, typer.Option("--phone", help=_("Điện thoại (giữ số 0 đầu); \"\" để xoá."))]
EmailOption = Annotated[str | None, typer.Option("--email", help=_("Thư điện tử; \"\" để xoá."))]


def _done(change: object, verb: str) -> None:
    from .assign import report_written

    out(verb + ": " + ", ".join(getattr(change, "files")))  # noqa: B009 - typed loosely, services load lazily
    report_written(getattr(change, "written"))  # noqa: B009


@app.command("add")
@handled
def add(
    name: Annotated[str, typer.Argument(help=_("Họ và tên."))],
    unit: UnitOption = None,
    position: PositionOption = None,
    role: RoleOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    member_id: Annotated[str | None, typer.Option("--id", help=_("Id (mặc định: họ tên không dấu)."))] = None,
    no_commit: NoCommit = False,
) -> None:
    """Thêm thành viên vào Tổ (id từ họ tên); group.size trong kế hoạch tăng theo.

    Ví dụ: dvcli members add "Lê Văn An" --unit vu-dan-toc --position "Chuyên viên Vụ Dân tộc"
    """
    from ..services import open_store
    from ..services import roster_edit as service

    fields = service.Fields(unit=unit, position=position, role=role, phone=phone, email=email)
    change = service.add(open_store(options.data), name, fields, member_id, not no_commit)
    _done(change, _("đã thêm thành viên {m}").format(m=change.member))


@app.command("edit")
@handled
def edit(
    member: Annotated[str, typer.Argument(help=_("Id, họ tên, hoặc họ tên không dấu của thành viên."))],
    name: Annotated[str | None, typer.Option("--name", help=_("Họ và tên."))] = None,
    unit: UnitOption = None,
    position: PositionOption = None,
    role: RoleOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    no_commit: NoCommit = False,
) -> None:
    """Sửa thông tin một thành viên (ghi chú trong data/members.yaml được giữ).

    Ví dụ: dvcli members edit bui-thuy --phone 0912345678
    """
    from ..services import open_store
    from ..services import roster_edit as service

    fields = service.Fields(name=name, unit=unit, position=position, role=role, phone=phone, email=email)
    change = service.edit(open_store(options.data), member, fields, not no_commit)
    _done(change, _("đã sửa thành viên {m}").format(m=change.member))


@app.command("leave")
@handled
def leave(
    member: Annotated[str, typer.Argument(help=_("Id, họ tên, hoặc họ tên không dấu của thành viên."))],
    start: Annotated[str, typer.Option("--from", help=_("Vắng từ ngày."))],
    end: Annotated[str, typer.Option("--to", help=_("Đến hết ngày."))],
    note: Annotated[str | None, typer.Option("--note", help=_("Lý do, ví dụ \"Nghỉ phép\"."))] = None,
    no_commit: NoCommit = False,
) -> None:
    """Ghi thời gian vắng của thành viên: kỳ báo cáo nằm trọn trong đó không phải nộp.

    Ví dụ: dvcli members leave nguyen-van-ke --from 2021-09-27 --to 2021-10-03 --note "Nghỉ phép"
    """
    from ..periods import parse_date
    from ..services import open_store
    from ..services import roster_edit as service

    change = service.leave(open_store(options.data), member, parse_date(start), parse_date(end), note, not no_commit)
    _done(change, _("đã ghi thời gian vắng của {m}").format(m=change.member))


@app.command("remove")
@handled
def remove(
    member: Annotated[str, typer.Argument(help=_("Id, họ tên, hoặc họ tên không dấu của thành viên."))],
    start: Annotated[str, typer.Option("--from", help=_("Rời Tổ từ ngày này."))],
    no_commit: NoCommit = False,
) -> None:
    """Cho thành viên rời Tổ từ một ngày (vẫn giữ trong danh sách để lịch sử, báo cáo cũ mang đúng tên).

    Ví dụ: dvcli members remove phan-thi-hien --from 2021-10-01
    """
    from ..periods import parse_date
    from ..services import open_store
    from ..services import roster_edit as service

    change = service.remove(open_store(options.data), member, parse_date(start), not no_commit)
    _done(change, _("{m} rời Tổ từ {d}").format(m=change.member, d=parse_date(start).strftime("%d/%m/%Y")))
