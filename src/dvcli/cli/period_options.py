"""The options that choose a consolidated report's period and template, declared once.

``consolidate``, ``draft edit`` and ``issue prepare`` name the same report the same way (and
``export indicators`` its period), so their options, help texts and completion are one set.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _

Week = Annotated[str | None, typer.Option(
    "--week", "-w", help=_("Tuần: 2021-W38, 38, một ngày, this, last (mặc định)."))]
Month = Annotated[str | None, typer.Option(
    "--month", help=_("Tháng YYYY-MM (theo ngày chốt số liệu của kế hoạch)."))]
Start = Annotated[str | None, typer.Option("--from", help=_("Từ ngày (2021-09-13 hoặc 13/09/2021)."))]
End = Annotated[str | None, typer.Option("--to", help=_("Đến ngày."))]
AdHoc = Annotated[str | None, typer.Option(
    "--ad-hoc", help=_("Báo cáo đột xuất với tiêu đề này (cần --from/--to)."))]
Template = Annotated[str, typer.Option("--template", "-t", help=_("Mẫu: tong-hop-tuan hoặc bao-cao-ban."))]
DEFAULT_TEMPLATE = "tong-hop-tuan"
