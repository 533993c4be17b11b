from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from .console import handled, out


@handled
def init(
    path: Annotated[Path, typer.Argument(help=_("Thư mục của không gian làm việc mới."))],
) -> None:
    """Tạo không gian làm việc mới (kế hoạch, danh sách, mẫu báo cáo, git) — dùng được ngay.

    Ví dụ: dvcli init to-cong-tac
    """
    from ..services import init as service

    result = service.init(path)
    for created in result.created:
        out(_("đã tạo {p}").format(p=created))
    for updated in result.updated:
        out(_("đã bổ sung vào {p} các dòng còn thiếu để git bỏ qua .dvcli/ và out/").format(p=updated))
    for kept in result.kept:
        out(_("đã có {p}, giữ nguyên").format(p=kept))
    if result.git and result.enclosing:
        out(_("thư mục nằm trong kho git {r}: không gian làm việc có kho git riêng, không ghi gì vào kho {r}").format(
            r=result.enclosing))
    if result.git:
        out(_("đã khởi tạo kho git và ghi lần đầu"))
    out(_("Tiếp theo: sửa data/plan.yaml và data/members.yaml, rồi chạy: dvcli check"))
