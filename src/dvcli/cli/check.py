from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out, print_json, print_problems
from .formats import TextJson


@handled
def check(
    fmt: Annotated[TextJson, typer.Option("--format", help=_("Định dạng kết quả."))] = TextJson.text,
) -> None:
    """Kiểm tra mọi tệp dữ liệu và mọi tham chiếu chéo; liệt kê tất cả lỗi.

    Ví dụ: dvcli check --format json
    """
    from ..services import check as service
    from ..services import open_store

    result = service.run(open_store(options.data))
    if fmt is TextJson.json:
        print_json({"ok": result.ok, "counts": result.counts,
                    "problems": [problem.as_dict() for problem in result.problems]})
    elif result.ok:
        counts = result.counts
        out(_("Dữ liệu hợp lệ: {m} thành viên, {t} nhiệm vụ, {a} phân công, {r} báo cáo.").format(
            m=counts.get("members", 0), t=counts.get("tasks", 0), a=counts.get("assignments", 0),
            r=counts.get("reports", 0)))
    else:
        print_problems(result.problems)
        out(_("Có {n} lỗi.").format(n=len(result.problems)))
    if not result.ok:
        raise typer.Exit(1)
