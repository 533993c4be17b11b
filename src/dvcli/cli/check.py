from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _, ngettext
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
        members, tasks = counts.get("members", 0), counts.get("tasks", 0)
        assignments, reports = counts.get("assignments", 0), counts.get("reports", 0)
        line = _("Dữ liệu hợp lệ: {m}, {t}, {a}, {r}.").format(
            m=ngettext("{n} thành viên", "{n} thành viên", members).format(n=members),
            t=ngettext("{n} nhiệm vụ", "{n} nhiệm vụ", tasks).format(n=tasks),
            a=ngettext("{n} phân công", "{n} phân công", assignments).format(n=assignments),
            r=ngettext("{n} báo cáo", "{n} báo cáo", reports).format(n=reports))
        if counts.get("requests"):  # only when there are any: the line stays as it was for other workspaces
            requests = counts["requests"]
            line = line[:-1] + ", " + ngettext("{n} yêu cầu báo cáo", "{n} yêu cầu báo cáo", requests).format(
                n=requests) + "."
        out(line)
    else:
        print_problems(result.problems)
        out(ngettext("Có {n} lỗi.", "Có {n} lỗi.", len(result.problems)).format(n=len(result.problems)))
    if not result.ok:
        raise typer.Exit(1)
