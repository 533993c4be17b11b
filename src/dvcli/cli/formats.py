"""Output format choices shared by commands."""

from __future__ import annotations

from enum import StrEnum

from ..i18n import _

# --week of the commands that default to the current period (periods.current)
CURRENT_WEEK_HELP = _("Kỳ: 2021-W38, 38 (năm nay), một ngày trong tuần, this hoặc last; mặc định: kỳ hiện tại (tuần có hạn nộp gần lúc này nhất).")


class TextJson(StrEnum):
    text = "text"
    json = "json"


class TableJson(StrEnum):
    table = "table"
    json = "json"


class TableJsonCsv(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class PlanFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
