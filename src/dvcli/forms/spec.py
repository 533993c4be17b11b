"""The content of a member's form: identity, pre-filled text, and the fields read back."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FORM_MARK = "dvcli-form-1"
"""Tag (DOCX) / hidden-sheet mark (XLSX) that says a file is one of our forms, and which layout."""


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    label: str
    unit: str
    decimal: bool


@dataclass(frozen=True)
class ResultSpec:
    task: str
    heading: str
    """"II.4 — Nắm tình hình nhân dân …": what the member reads."""
    subjects: list[str]
    fields: list[str]
    areas: list[str]
    scope: str
    """"Đối tượng: …; Lĩnh vực: …; Địa bàn: …" in words."""
    text: str = ""


@dataclass(frozen=True)
class ModelRow:
    name: str = ""
    place: str = ""
    area: str = ""
    """The area's label (a person types a name, not a code)."""
    description: str = ""
    replicate: bool = False


@dataclass(frozen=True)
class Form:
    member: str
    member_name: str
    position: str
    unit_name: str
    issuer: str
    heading: str
    window: str
    due: str
    period: str | None = None
    date: str | None = None
    title: str | None = None
    overview: str = ""
    thoughts: str = ""
    results: list[ResultSpec] = field(default_factory=list)
    models: list[ModelRow] = field(default_factory=list)
    difficulties: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    proposals: list[tuple[str, str]] = field(default_factory=list)
    next_tasks: list[str] = field(default_factory=list)
    indicators: list[IndicatorSpec] = field(default_factory=list)
    values: dict[str, Decimal] = field(default_factory=dict)
    areas: list[tuple[str, str]] = field(default_factory=list)
    """(id, label) of every area of the plan, for the models' "Địa bàn" column."""


@dataclass
class Filled:
    """A returned form read back: the report's fields (shaped like the YAML file), or problems."""

    data: dict[str, object]
    problems: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(where — a field name or a cell —, message, hint)."""
    notes: list[str] = field(default_factory=list)


# Field names as the member sees them, used in messages (the DOCX alias, the XLSX label).
LABELS = {
    "situation.overview": "Tình hình chung",
    "situation.thoughts": "Tâm tư, nguyện vọng",
    "models": "Mô hình hiệu quả",
    "difficulties": "Khó khăn, vướng mắc",
    "causes": "Nguyên nhân",
    "proposals": "Kiến nghị, đề xuất",
    "next_tasks": "Nhiệm vụ kỳ tới",
}

YES_WORDS = frozenset({"có", "co", "x", "yes", "true", "1", "✓", "✔", "đề xuất", "nhân rộng"})
NO_WORDS = frozenset({"", "không", "khong", "no", "false", "0", "-"})
MODEL_COLUMNS = ("Tên mô hình", "Địa điểm", "Địa bàn", "Cách làm, kết quả", "Nhân rộng (Có/Không)")
PROPOSAL_COLUMNS = ("Cơ quan nhận", "Nội dung kiến nghị")
