"""A unit report package (``dvcli issued export``): the manifest and the report's computed data.

The package is a zip file (docs/package.md): ``manifest.json`` lists every other member with its
SHA-256; ``issued.yaml`` is the issued record; the issued files (the original among them) follow;
``data.json`` is the consolidated report as computed — the indicator catalogue with the figures,
the results with their area and field, the situation, models, difficulties, proposals and next
tasks — so that a centre consolidates the unit's figures without re-reading its members' reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal

from .common import STRICT, Code, Ge, MaxDigits, Pattern, Slug, Text

PACKAGE_FORMAT = "dvcli-package/1"
Sha256 = Annotated[str, Pattern(r"^[0-9a-f]{64}$")]
# A package member's name: one plain file name (no folder, no "..", nothing hidden).
MemberName = Annotated[str, Pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")]
ISSUED_FOLDER = r"^[0-9]{2,}-[A-Za-z0-9Đđ-]+$"
"""An issued folder's name, ``05-BC-T78`` (the codes may hold Đ: QĐ)."""
Figure = Annotated[Decimal, Ge(0), MaxDigits(30)]


@dataclass(frozen=True)
class PackageFile:
    __pydantic_config__ = STRICT
    name: MemberName
    sha256: Sha256
    size: Annotated[int, Ge(0)]
    role: Literal["record", "original", "rendered", "data", "revocation"]


@dataclass(frozen=True)
class Manifest:
    """manifest.json: what the package holds, each file with its digest."""

    __pydantic_config__ = STRICT
    format: Literal["dvcli-package/1"]
    created: dt.datetime
    issuer_code: Code
    folder: Annotated[str, Pattern(r"^\d{4}/[0-9]{2,}-[A-Za-z0-9Đđ-]+$")]
    symbol: Text
    files: list[PackageFile]


@dataclass(frozen=True)
class FigureRow:
    """One indicator of the unit's catalogue, with its figures in the report."""

    __pydantic_config__ = STRICT
    id: Slug
    label: Text
    unit: Text
    type: Literal["integer", "decimal"]
    aggregate: Literal["sum", "max", "last"]
    period: Figure | None = None
    cumulative: Figure | None = None


@dataclass(frozen=True)
class ResultItem:
    __pydantic_config__ = STRICT
    task: str
    text: Text
    subjects: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    area_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SituationItem:
    __pydantic_config__ = STRICT
    areas: list[str] = field(default_factory=list)
    overview: str = ""
    thoughts: str = ""


@dataclass(frozen=True)
class ModelItem:
    __pydantic_config__ = STRICT
    name: Text
    place: str = ""
    description: str = ""
    area: str | None = None
    replicate: bool = False


@dataclass(frozen=True)
class ProposalItem:
    __pydantic_config__ = STRICT
    to: Text
    text: Text


@dataclass(frozen=True)
class PackageData:
    """data.json: the unit's consolidated report as computed when it was issued."""

    __pydantic_config__ = STRICT
    format: Literal["dvcli-package/1"]
    unit_name: Text
    """The issuing body as printed (the plan's issuer)."""
    start: dt.date
    end: dt.date
    indicators: list[FigureRow]
    results: list[ResultItem] = field(default_factory=list)
    situation: list[SituationItem] = field(default_factory=list)
    models: list[ModelItem] = field(default_factory=list)
    difficulties: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    proposals: list[ProposalItem] = field(default_factory=list)
    next_tasks: list[str] = field(default_factory=list)
    reports: Annotated[int, Ge(0)] = 0
    """How many member reports the unit's report was made from."""
