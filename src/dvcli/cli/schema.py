from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from .console import handled, options, out


@handled
def schema(
    kind: Annotated[str | None, typer.Argument(
        help=_("Loại tệp: plan, members, assignment, report, withdrawal, review, issued."), show_default=False)] = None,
    write: Annotated[bool, typer.Option(
        "--write", help=_("Ghi lược đồ mọi loại tệp vào thư mục schemas/ của không gian làm việc."))] = False,
) -> None:
    """In lược đồ JSON Schema của một loại tệp dữ liệu (để trình soạn thảo kiểm tra và gợi ý).

    Ví dụ: dvcli schema report > report.schema.json
    """
    from ..errors import DvcliError
    from ..services import schema as service

    if write:
        from ..workspace import find

        root = find(options.data).root
        changed = service.write_all(root)
        for path in changed:
            out(_("đã ghi {p}").format(p=path))
        if not changed:
            out(_("Các lược đồ trong schemas/ đã đúng với phiên bản dvcli này."))
        return
    if kind is None:
        raise DvcliError(_("thiếu loại tệp"), _("chọn một trong: {kinds}").format(kinds=", ".join(service.KINDS)))
    out(service.text(kind).rstrip("\n"))
