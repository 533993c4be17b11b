"""Computing the consolidated report: the reports in the period, results by task and by area,
situation, models, sentences (difficulties, causes, next tasks) and proposals by the body addressed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .. import periods
from ..i18n import _
from ..model import Assignment, Plan, Report, Result, Roster
from ..names import fold
from ..periods import Period
from ..snapshot import Figures, figures_of
from .content import (
    NEXT_LABEL,
    NO_AREA,
    AreaGroup,
    ConsolidatedReport,
    Entry,
    ModelEntry,
    PreviousTask,
    ProposalGroup,
    ReportRef,
    Said,
    SituationEntry,
    TaskGroup,
    UnitCitation,
)
from .indicators import (
    _by_member,
    _member_figures,
    _member_values,
    _sums,
    _totals,
    across_weeks,
    combine,
    week_values,
    weekly_series,
)
from .submissions import submission
from .text import paragraphs
from .units import UnitInput, annex, unit_entries, unit_situation, unit_values
from .vocabulary import _Vocabulary


def week_of_report(report: Report, plan: Plan) -> Period | None:
    return None if report.period is None else _week(report.period, plan)


def _week(label: str, plan: Plan) -> Period:
    year, number = label.split("-W")
    return periods.week(int(year), int(number), plan.reporting)


def in_range(report: Report, plan: Plan, start: dt.date, end: dt.date) -> bool:
    if report.period is not None:
        return start <= _week(report.period, plan).end <= end
    day = report.date or report.submitted.date()
    return start <= day <= end


def consolidate(plan: Plan, roster: Roster, reports: Iterable[tuple[str, Report]],
                assignments: Iterable[tuple[str, Assignment]], period: Period, kind: str,
                title: str | None = None, received: Iterable[tuple[str, Report]] | None = None,
                figures: Iterable[tuple[str, Figures]] = (), units: Iterable[UnitInput] = (),
                missing_units: Iterable[str] = ()) -> ConsolidatedReport:
    """Everything the consolidated report for ``period`` shows (see the module docstring).

    ``received``: every report received, when ``reports`` are only those chosen for the content
    (``consolidate --accepted-only``); who reported is counted from it. ``figures``: weekly
    reports outside the period given by their figures only (``snapshot.take(weeks=…)``): the
    cumulative totals and the weekly series count them exactly as full reports. ``units``: the
    reporting units' reports received for the period (``consolidation.units``), merged in;
    ``missing_units``: the units that sent none.
    """
    units = list(units)  # in the centre's order of its units (data/units.yaml)
    everything = sorted(reports, key=lambda item: (item[1].submitted.isoformat(), item[0]))
    chosen = [(path, rep) for path, rep in everything if in_range(rep, plan, period.start, period.end)]
    start = min(plan.reporting.start, period.start)
    # each weekly report's figures made once: the history and this period's figures are the same objects
    known = {path: figures_of(rep) for path, rep in everything
             if rep.period is not None and in_range(rep, plan, start, period.end)}
    history = sorted([*known.items(), *((path, item) for path, item in figures
                                        if start <= _week(item.period, plan).end <= period.end)],
                     key=lambda pair: (pair[1].submitted, pair[0]))
    names = {member.id: member.name for member in roster.members}
    assignments = list(assignments)
    active = [a for _path, a in assignments if a.active(period.start, period.end)]
    vocab = _Vocabulary(plan)
    counted = everything if received is None else [item for item in received]
    status = submission(plan, roster, [rep for _p, rep in counted], [a for _p, a in assignments], period)
    late = {(name, week.period.label) for week in status.weeks for name in week.late}
    refs = [_ref(path, rep, names, late) for path, rep in chosen]
    entries = [_entry(rep, result, names, vocab, active) for _p, rep in chosen for result in rep.results]
    entries += [entry for unit in units for entry in unit_entries(unit, plan)]
    used = sorted({path for path, _r in chosen} | {path for path, _r in history} | {unit.path for unit in units})
    # each member's figures, combined once for both the totals and the annex
    weekly, earlier = [known[path] for path, rep in chosen if rep.period], [item for _p, item in history]
    indicators = plan.reporting.indicators
    weeks = week_values(indicators, earlier)
    # a one-week report: this period's figures are its week's (the same reports in the same order)
    now = next((weeks[rep.period] for rep in weekly[:1] if rep.period in weeks
                and [item for item in earlier if item.period == rep.period] == weekly), None)
    if now is None:
        now = _member_values(indicators, _by_member(weekly))
    # the plan's first period: the cumulative figures are this period's (same reports, same order)
    past = now if earlier == weekly else across_weeks(indicators, list(weeks.values()))
    own = _sums(indicators, now)
    now_all, past_all = _with_units(plan, now, past, units)
    totals = _totals(plan.reporting.indicators, now_all, past_all, own if now_all is now else None)
    unit_annex = annex(plan, own, _unit_figures(plan, units)[0], {t.id: t.period for t in totals},
                       "Tổ công tác") if units or missing_units else None
    unit_said = [(unit.unit_name, unit.data) for unit in units]
    return ConsolidatedReport(
        period=period, kind=kind, title=title, next_label=_(NEXT_LABEL[kind]), reports=refs,
        by_task=_by_task(plan, entries), by_area=_by_area(vocab, entries),
        situation=[*_situation(chosen, names, vocab, active), *(s for unit in units for s in unit_situation(unit))],
        models=_models(chosen, names, vocab, units),
        difficulties=_said([*((names.get(rep.member, rep.member), text) for _p, rep in chosen for text in rep.difficulties),
                            *((who, text) for who, data in unit_said for text in data.difficulties)]),
        causes=_said([*((names.get(rep.member, rep.member), text) for _p, rep in chosen for text in rep.causes),
                      *((who, text) for who, data in unit_said for text in data.causes)]),
        proposals=_proposals(chosen, names, [(who, p.to, p.text) for who, data in unit_said for p in data.proposals]),
        next_tasks=_said([*((names.get(rep.member, rep.member), text) for _p, rep in chosen for text in rep.next_tasks),
                          *((who, text) for who, data in unit_said for text in data.next_tasks)]),
        indicators=totals,
        members=_member_figures(plan, roster, now, past, vocab, active),
        submission=status, sources=used,
        series=weekly_series(plan, weeks, {week.period.label for week in status.weeks}, (now, own)),
        previous_tasks=[PreviousTask(names.get(rep.member, rep.member), task.text, task.outcome)
                        for _p, rep in chosen for task in rep.previous_tasks],
        units=[UnitCitation(unit.unit_id, unit.unit_name, unit.symbol, unit.date, unit.late) for unit in units],
        missing_units=list(missing_units), unit_annex=unit_annex,
    )


def _unit_figures(plan: Plan, units: list[UnitInput]) -> tuple[list[UnitInput], dict[str, tuple[dict[str, Decimal],
                                                                                            dict[str, Decimal]]]]:
    """Each unit's figures over its reports of the period: this period's combined by each
    indicator's aggregate (oldest first), cumulative from its latest report. Only the centre's
    indicators count (receiving refuses a package whose catalogue disagrees)."""
    known = {ind.id: ind for ind in plan.reporting.indicators}
    collected: dict[str, tuple[dict[str, list[Decimal]], dict[str, Decimal]]] = {}
    first: dict[str, UnitInput] = {}
    for unit in units:
        now, past = unit_values(unit)
        values, _latest = collected.setdefault(unit.unit_id, ({}, {}))
        first.setdefault(unit.unit_id, unit)
        for key, value in now.items():
            if key in known:
                values.setdefault(key, []).append(value)
        collected[unit.unit_id] = (values, {key: value for key, value in past.items() if key in known})
    figures: dict[str, tuple[dict[str, Decimal], dict[str, Decimal]]] = {}
    for unit_id, (values, latest) in collected.items():
        combined = {key: figure for key, found in values.items()
                    if (figure := combine(known[key], found)) is not None}
        figures[unit_id] = (combined, latest)
    columns = [dataclasses.replace(unit, data=dataclasses.replace(unit.data, indicators=[
        dataclasses.replace(row, period=figures[unit.unit_id][0].get(row.id)) for row in unit.data.indicators]))
        for unit in first.values()]
    return columns, figures


def _with_units(plan: Plan, now: dict[str, dict[str, Decimal]], past: dict[str, dict[str, Decimal]],
                units: list[UnitInput]) -> tuple[dict[str, dict[str, Decimal]], dict[str, dict[str, Decimal]]]:
    """The members' figures with each unit's added as one more contributor (its key cannot be a member id)."""
    if not units:
        return now, past
    figures = _unit_figures(plan, units)[1]
    now_all = {**now, **{f"~{unit_id}": values for unit_id, (values, _c) in figures.items()}}
    if past is now:
        return now_all, now_all
    return now_all, {**past, **{f"~{unit_id}": cumulative for unit_id, (_v, cumulative) in figures.items()}}


def _ref(path: str, rep: Report, names: dict[str, str], late: set[tuple[str, str]]) -> ReportRef:
    member = names.get(rep.member, rep.member)
    return ReportRef(path, rep.member, member, rep.period, rep.date, rep.title, rep.submitted,
                     (member, rep.period or "") in late)


def _entry(rep: Report, result: Result, names: dict[str, str], vocab: _Vocabulary,
           active: list[Assignment]) -> Entry:
    areas = vocab.area_ids(rep.member, result.task, result.areas, active)
    return Entry(rep.member, names.get(rep.member, rep.member), result.task, result.text.strip(),
                 [vocab.subjects.get(s, s) for s in result.subjects], [vocab.fields.get(f, f) for f in result.fields],
                 [vocab.areas.get(a, a) for a in areas], areas)


def _by_task(plan: Plan, entries: list[Entry]) -> list[TaskGroup]:
    groups = [TaskGroup(task.id, task.short or task.text.split(".")[0], [e for e in entries if e.task == task.id])
              for task in plan.tasks()]
    known = {task.id for task in plan.tasks()}
    others = [e for e in entries if e.task not in known]
    if others:
        groups.append(TaskGroup("", _("Công việc khác"), others))
    return [group for group in groups if group.entries]


def _by_area(vocab: _Vocabulary, entries: list[Entry]) -> list[AreaGroup]:
    groups: list[AreaGroup] = []
    for area in [*vocab.area_order, *sorted({a for e in entries for a in e.area_ids} - set(vocab.area_order))]:
        chosen = [e for e in entries if area in e.area_ids]
        if chosen:
            groups.append(AreaGroup(area, vocab.areas.get(area, area), chosen))
    loose = [e for e in entries if not e.area_ids]
    if loose:
        groups.append(AreaGroup(NO_AREA, _("Không ghi địa bàn"), loose))
    return groups


def _situation(chosen: list[tuple[str, Report]], names: dict[str, str], vocab: _Vocabulary,
               active: list[Assignment]) -> list[SituationEntry]:
    found = []
    for _path, rep in chosen:
        overview, thoughts = rep.situation.overview.strip(), rep.situation.thoughts.strip()
        if overview or thoughts:
            areas = [vocab.areas.get(a, a) for a in vocab.area_ids(rep.member, None, [], active)]
            found.append(SituationEntry(rep.member, names.get(rep.member, rep.member), areas, overview, thoughts))
    return found


def _models(chosen: list[tuple[str, Report]], names: dict[str, str], vocab: _Vocabulary,
            units: Sequence[UnitInput] = ()) -> list[ModelEntry]:
    """Models reported by several members or units (same name and place, any spelling) appear once:
    the first report's name, place and area, the first description given, proposed for
    replication if any report proposes it, and every reporter once, in order."""
    found = [(names.get(rep.member, rep.member), model.name, model.place, model.description,
              vocab.areas.get(model.area, model.area) if model.area else None, model.replicate)
             for _path, rep in chosen for model in rep.models]
    found += [(unit.unit_name, model.name, model.place, model.description, model.area, model.replicate)
              for unit in units for model in unit.data.models]
    merged: dict[tuple[str, str], _Model] = {}
    for who, name, place, description, area, replicate in found:
        key = (fold(name), fold(place))
        old = merged.get(key)
        if old is None:
            merged[key] = _Model(name, place, area, description.strip(), replicate, {who: None})
            continue
        old.description = old.description or description.strip()
        old.replicate = old.replicate or replicate
        old.reporters.setdefault(who, None)
    return [ModelEntry(m.name, m.place, m.description, m.area, m.replicate, list(m.reporters))
            for m in merged.values()]


@dataclass
class _Model:
    """A model as merged so far; the reporters an ordered set (a list's "who in reporters" made 900
    reports of one model quadratic)."""

    name: str
    place: str
    area: str | None
    description: str
    replicate: bool
    reporters: dict[str, None]


def _said(pairs: Iterable[tuple[str, str]]) -> list[Said]:
    """Sentences in first-seen order; the same sentence from several members appears once.

    The text keeps its paragraphs (blank lines); line wrapping and spacing do not make a difference.
    """
    merged: dict[str, tuple[str, dict[str, None]]] = {}  # members as an ordered set: linear, not quadratic
    for member, text in pairs:
        key = " ".join(text.split()).casefold()
        old = merged.get(key)
        if old is None:
            merged[key] = ("\n\n".join(paragraphs(text)), {member: None})
        else:
            old[1].setdefault(member, None)
    return [Said(text, list(members)) for text, members in merged.values()]


def _proposals(chosen: list[tuple[str, Report]], names: dict[str, str],
               extra: Sequence[tuple[str, str, str]] = ()) -> list[ProposalGroup]:
    bodies: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    found = [(names.get(rep.member, rep.member), proposal.to, proposal.text)
             for _path, rep in chosen for proposal in rep.proposals]
    for who, to, text in [*found, *extra]:
        key = fold(to)
        label, items = bodies.setdefault(key, (to.strip(), []))
        items.append((who, text))
    return [ProposalGroup(label, _said(items)) for label, items in bodies.values()]
