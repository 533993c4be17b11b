"""What goes into a member's form: identity, the period, their assignments, the plan's indicators,
and — when the member already has a report for the period — that report, so the form comes back filled.
"""

from __future__ import annotations

from decimal import Decimal

from ..forms.spec import Form, IndicatorSpec, ModelRow, ResultSpec
from ..i18n import _
from ..model import Plan, Report
from ..periods import due
from ..store import Store
from . import assign as assignments
from .report import Target


def indicator_specs(plan: Plan) -> list[IndicatorSpec]:
    return [IndicatorSpec(item.id, item.label, item.unit, item.type == "decimal") for item in plan.reporting.indicators]


def area_terms(plan: Plan) -> list[tuple[str, str]]:
    return [(term.id, term.label) for term in plan.vocabulary.areas]


def _labels(plan: Plan, kind: str, ids: list[str]) -> str:
    terms = {term.id: term.label for term in getattr(plan.vocabulary, kind)}
    return ", ".join(terms.get(item, item) for item in ids)


def _scope(plan: Plan, subjects: list[str], fields: list[str], areas: list[str]) -> str:
    parts = []
    for word, kind, ids in ((_("Đối tượng"), "subjects", subjects), (_("Lĩnh vực"), "fields", fields),
                            (_("Địa bàn"), "areas", areas)):
        if ids:
            parts.append(f"{word}: {_labels(plan, kind, ids)}")
    return "; ".join(parts)


def build(store: Store, tgt: Target, existing: Report | None) -> Form:
    plan, roster = store.plan(), store.roster()
    member = tgt.member
    unit = roster.unit(member.unit)
    area_names = dict(area_terms(plan))
    if tgt.period is not None:
        deadline = due(tgt.period, plan.reporting)
        heading = _("tình hình, kết quả công tác dân vận tuần {p}").format(p=tgt.period.label)
        window, due_text = tgt.period.describe(), _("{t} ngày {d}").format(
            t=deadline.strftime("%H:%M"), d=deadline.strftime("%d/%m/%Y"))
    else:
        heading = tgt.title or ""
        window, due_text = _("báo cáo đột xuất ngày {d}").format(d=tgt.date.strftime("%d/%m/%Y") if tgt.date else ""), ""
    if existing is not None:
        sources = [(result.task, result.subjects, result.fields, result.areas, result.text)
                   for result in existing.results]
    else:
        start, end = (tgt.period.start, tgt.period.end) if tgt.period else (tgt.date, tgt.date)
        assert start is not None and end is not None
        active = assignments.active_for(assignments.load_all(store), member.id, start, end)
        sources = [(record.task, record.subjects, record.fields, record.areas, "") for record in active]
    results = []
    for task, subjects, fields, areas, text in sources:
        item = plan.item(task)
        short = item.short if item is not None and item.short else ""
        results.append(ResultSpec(task, f"{task} — {short}" if short else task, list(subjects), list(fields),
                                  list(areas), _scope(plan, list(subjects), list(fields), list(areas)), text))
    form = Form(member=member.id, member_name=member.name, position=member.position,
                unit_name=unit.name if unit else member.unit, issuer=plan.document.issuer, heading=heading,
                window=window, due=due_text, period=tgt.period.label if tgt.period else None,
                date=tgt.date.isoformat() if tgt.date else None, title=tgt.title, results=results,
                indicators=indicator_specs(plan), areas=area_terms(plan))
    if existing is None:
        return form
    models = [ModelRow(m.name, m.place, area_names.get(m.area, m.area) if m.area else "", m.description, m.replicate)
              for m in existing.models]
    values: dict[str, Decimal] = dict(existing.indicators)
    from dataclasses import replace

    return replace(form, overview=existing.situation.overview, thoughts=existing.situation.thoughts, models=models,
                   difficulties=list(existing.difficulties), causes=list(existing.causes),
                   proposals=[(p.to, p.text) for p in existing.proposals], next_tasks=list(existing.next_tasks),
                   values=values)
