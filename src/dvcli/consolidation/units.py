"""Unit reports in the centre's consolidated report, and a report's data as a unit sends it.

A unit (a standing office, a province) sends its *issued* report with the report's data as
computed (``PackageData``). The centre's report for the period includes each one: its results,
situation, models, difficulties, proposals and next tasks merged into the same synthesis (by area
and field, as a member's), its figures added to the members' (Biểu 1), a column per unit in the
annex (Biểu 4), and the report cited by number and date; units that sent nothing are listed.

``package_data`` is the other direction: the data a consolidated report sends up one level, so
that a centre's own issued report is a package its parent can receive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model import PACKAGE_FORMAT, PackageData, Plan
from .content import ConsolidatedReport, Entry, SituationEntry, UnitAnnex, UnitAnnexRow


@dataclass(frozen=True)
class UnitInput:
    """One received unit report for the period, ready to consolidate."""

    unit_id: str
    unit_name: str
    code: str
    """The unit's short name in the annex's column head (T78)."""
    symbol: str
    date: dt.date
    data: PackageData
    path: str
    """Workspace-relative path of the received package (a source of the centre's report)."""
    late: bool = False


def unit_entries(unit: UnitInput, plan: Plan) -> list[Entry]:
    """The unit's results as entries of the centre's synthesis (labels from the centre's vocabulary)."""
    areas = {term.id: term.label for term in plan.vocabulary.areas}
    found = []
    for item in unit.data.results:
        labels = [areas.get(a, item.areas[i] if i < len(item.areas) else a) for i, a in enumerate(item.area_ids)]
        found.append(Entry(unit.unit_id, unit.unit_name, item.task, item.text.strip(), list(item.subjects),
                           list(item.fields), labels or list(item.areas), list(item.area_ids)))
    return found


def unit_situation(unit: UnitInput) -> list[SituationEntry]:
    return [SituationEntry(unit.unit_id, unit.unit_name, list(item.areas), item.overview.strip(), item.thoughts.strip())
            for item in unit.data.situation if item.overview.strip() or item.thoughts.strip()]


def unit_values(unit: UnitInput) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The unit's figures for this period and cumulative, by indicator id."""
    now = {row.id: row.period for row in unit.data.indicators if row.period is not None}
    past = {row.id: row.cumulative for row in unit.data.indicators if row.cumulative is not None}
    return now, past


def annex(plan: Plan, own: dict[str, Decimal], units: list[UnitInput], totals: dict[str, Decimal | None],
          own_label: str) -> UnitAnnex | None:
    if not units:
        return None
    columns = [own_label, *(unit.code for unit in units)]
    values = [unit_values(unit)[0] for unit in units]
    rows = [UnitAnnexRow(ind.id, ind.label, ind.unit, [own.get(ind.id), *(v.get(ind.id) for v in values)],
                         totals.get(ind.id)) for ind in plan.reporting.indicators]
    return UnitAnnex(columns, rows)


def _figure(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def package_data(report: ConsolidatedReport, unit_name: str) -> dict[str, Any]:
    """The data a unit sends with its issued report (``PackageData``, as JSON-ready values)."""
    return {
        "format": PACKAGE_FORMAT, "unit_name": unit_name,
        "start": report.period.start.isoformat(), "end": report.period.end.isoformat(),
        "indicators": [{"id": t.id, "label": t.label, "unit": t.unit, "type": t.type, "aggregate": t.aggregate,
                        "period": _figure(t.period), "cumulative": _figure(t.cumulative)} for t in report.indicators],
        "results": [{"task": e.task, "text": e.text, "subjects": e.subjects, "fields": e.fields, "areas": e.areas,
                     "area_ids": e.area_ids} for group in report.by_task for e in group.entries],
        "situation": [{"areas": s.areas, "overview": s.overview, "thoughts": s.thoughts} for s in report.situation],
        "models": [{"name": m.name, "place": m.place, "description": m.description, "area": m.area,
                    "replicate": m.replicate} for m in report.models],
        "difficulties": [s.text for s in report.difficulties], "causes": [s.text for s in report.causes],
        "proposals": [{"to": group.to, "text": item.text} for group in report.proposals for item in group.items],
        "next_tasks": [s.text for s in report.next_tasks],
        "reports": len(report.reports) + len(report.units),
    }
