"""Output format choices shared by commands."""

from __future__ import annotations

from enum import StrEnum


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
