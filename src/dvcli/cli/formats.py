"""Output format choices shared by commands."""

from __future__ import annotations

from enum import Enum


class TextJson(str, Enum):
    text = "text"
    json = "json"


class TableJson(str, Enum):
    table = "table"
    json = "json"


class TableJsonCsv(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class PlanFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
