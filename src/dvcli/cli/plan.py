from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out, print_json
from .formats import PlanFormat

app = typer.Typer(help=_("Kế hoạch: xem lại văn bản kế hoạch."), no_args_is_help=True)


@app.command("show")
@handled
def show(
    fmt: Annotated[PlanFormat, typer.Option("--format", help=_("text (như văn bản gốc), markdown hoặc json."))]
    = PlanFormat.text,
) -> None:
    """In kế hoạch theo đúng văn bản đã ký (kèm danh sách Tổ công tác).

    Ví dụ: dvcli plan show --format markdown
    """
    from ..services import open_store
    from ..services import plan as service

    result = service.show(open_store(options.data), fmt.value)
    if isinstance(result, dict):
        print_json(result)
    else:
        out(result.rstrip("\n"))
