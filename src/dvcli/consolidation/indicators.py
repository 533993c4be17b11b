"""Indicator figures: per member combined across periods, the totals (this period and
cumulative), and the per-member annex rows.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Iterable
from decimal import Decimal

from ..model import Assignment, Indicator, Plan, Roster
from ..snapshot import Figures
from .content import IndicatorSeries, IndicatorTotal, MemberFigures
from .vocabulary import _Vocabulary

# Enough digits for any sum of values dvcli accepts (15 digits each, so at most 30 between the
# largest and the smallest place) over any number of reports; Inexact is trapped so that a sum
# that would ever need rounding stops with an error instead of silently losing digits.
_EXACT = decimal.Context(prec=100, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow])


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of ``values`` with every digit kept (the default context rounds at 28 digits),
    added left to right from 0 as always (reduce: the loop in C)."""
    return functools.reduce(_EXACT.add, values, Decimal(0))


def _same(value: Decimal) -> Decimal:
    return value


def _sum_of_one(value: Decimal) -> Decimal:
    return _EXACT.add(_ZERO, value)  # exact_sum([value]), to the digit (0 + 1E+3 is 1000)


_ZERO = Decimal(0)
_ONE = {"sum": _sum_of_one, "max": _same, "last": _same}
"""``combine(indicator, [value])`` by the indicator's aggregate, without the list."""


def combine(indicator: Indicator, values: list[Decimal]) -> Decimal | None:
    """One member's values for ``indicator`` across periods (oldest first), by its aggregate."""
    if not values:
        return None
    if indicator.aggregate == "max":
        return max(values)
    if indicator.aggregate == "last":
        return values[-1]
    return exact_sum(values)


def _by_member(reports: list[Figures]) -> dict[str, list[Figures]]:
    """Each member's reports, oldest first — grouped once, not filtered per member and indicator."""
    grouped: dict[str, list[Figures]] = {}
    # isoformat: files written by dvcli carry a zone, hand-written ones may not (naive and aware never compare)
    for rep in sorted(reports, key=lambda rep: (rep.period, rep.submitted)):
        grouped.setdefault(rep.member, []).append(rep)
    return grouped


def _member_values(indicators: list[Indicator], grouped: dict[str, list[Figures]]) -> dict[str, dict[str, Decimal]]:
    """Per member, each indicator's value combined over the member's reports (oldest first).

    One pass over each report's figures, not one scan of the reports per member and indicator;
    an indicator the member never reported is absent (its value is None).
    """
    values: dict[str, dict[str, Decimal]] = {}
    single = [(ind.id, _ONE[ind.aggregate]) for ind in indicators]
    for member, ordered in grouped.items():
        if len(ordered) == 1:  # most members in a week: combine() of one value, without its lists
            figures = ordered[0].indicators
            values[member] = {key: one(value) for key, one in single if (value := figures.get(key)) is not None}
            continue
        collected: dict[str, list[Decimal]] = {}
        for rep in ordered:
            for key, value in rep.indicators.items():
                found = collected.get(key)
                if found is None:
                    collected[key] = [value]
                else:
                    found.append(value)
        combined: dict[str, Decimal] = {}
        for ind in indicators:
            figure = combine(ind, collected.get(ind.id, []))
            if figure is not None:
                combined[ind.id] = figure
        values[member] = combined
    return values


def _sums(indicators: list[Indicator], values: dict[str, dict[str, Decimal]]) -> dict[str, Decimal]:
    """Per indicator, the members' values added up in member order; absent when nobody reported it."""
    found: dict[str, list[Decimal]] = {ind.id: [] for ind in indicators}
    for member in sorted(values):
        for key, figure in values[member].items():
            found[key].append(figure)
    return {key: exact_sum(figures) for key, figures in found.items() if figures}


def _totals(indicators: list[Indicator], now: dict[str, dict[str, Decimal]],
            past: dict[str, dict[str, Decimal]], summed: dict[str, Decimal] | None = None) -> list[IndicatorTotal]:
    """Each indicator's total for the period and cumulative; ``summed``: ``_sums(indicators, now)``,
    when the caller already has it."""
    period = _sums(indicators, now) if summed is None else summed
    cumulative = period if past is now else _sums(indicators, past)
    return [IndicatorTotal(ind.id, ind.label, ind.unit, ind.type, ind.aggregate,
                           period.get(ind.id), cumulative.get(ind.id)) for ind in indicators]


def _member_figures(plan: Plan, roster: Roster, now: dict[str, dict[str, Decimal]],
                    past: dict[str, dict[str, Decimal]], vocab: _Vocabulary,
                    active: list[Assignment]) -> list[MemberFigures]:
    indicators = plan.reporting.indicators
    nothing: dict[str, Decimal] = {}
    found = []
    for member in roster.members:
        current, cumulative = now.get(member.id, nothing), past.get(member.id, nothing)
        if not current and not cumulative:  # members who never reported a figure are not in the annex
            continue
        rows = []
        for ind in indicators:
            period, total = current.get(ind.id), cumulative.get(ind.id)
            if period or total:  # only the non-zero figures
                rows.append(IndicatorTotal(ind.id, ind.label, ind.unit, ind.type, ind.aggregate, period, total))
        areas = [vocab.areas.get(a, a) for a in vocab.area_ids(member.id, None, [], active)]
        found.append(MemberFigures(member.id, member.name, areas, rows))
    return found


def week_values(indicators: list[Indicator], history: list[Figures]) -> dict[str, dict[str, dict[str, Decimal]]]:
    """Per reporting week with a report (in week order), each member's values combined over that
    week's reports: the one pass over the figures that the weekly series, the cumulative totals
    and (for a one-week report) this period's figures are all made from."""
    by_week: dict[str, list[Figures]] = {}
    for rep in history:
        by_week.setdefault(rep.period, []).append(rep)
    return {week: _member_values(indicators, _by_member(by_week[week])) for week in sorted(by_week)}


def across_weeks(indicators: list[Indicator],
                 weeks: list[dict[str, dict[str, Decimal]]]) -> dict[str, dict[str, Decimal]]:
    """``_member_values`` over all the weeks' reports, from each week's combined values (oldest
    week first). The same figures: a sum is exact whatever the grouping, the largest of the weeks'
    largest is the first largest value, the last of the weeks' last is the last; a member who
    reported in one week only keeps that week's values as they are (the same dict)."""
    if len(weeks) == 1:
        return weeks[0]
    seen: dict[str, list[dict[str, Decimal]]] = {}
    for values in weeks:
        for member, figures in values.items():
            found = seen.get(member)
            if found is None:
                seen[member] = [figures]
            else:
                found.append(figures)
    merged: dict[str, dict[str, Decimal]] = {}
    for member, parts in seen.items():
        if len(parts) == 1:
            merged[member] = parts[0]
            continue
        combined: dict[str, Decimal] = {}
        for ind in indicators:
            figure = combine(ind, [part[ind.id] for part in parts if ind.id in part])
            if figure is not None:
                combined[ind.id] = figure
        merged[member] = combined
    return merged


def weekly_series(plan: Plan, weeks: dict[str, dict[str, dict[str, Decimal]]], period_labels: set[str],
                  known: tuple[dict[str, dict[str, Decimal]], dict[str, Decimal]] | None = None) -> list[IndicatorSeries]:
    """Each indicator's total per reporting week since the plan began (weeks with a report), for
    the annex's charts; ``weeks``: ``week_values``; ``period_labels``: the weeks of this report,
    highlighted; ``known``: one week's values and their totals, already added up."""
    totals = {week: known[1] if known is not None and values is known[0] else _sums(plan.reporting.indicators, values)
              for week, values in weeks.items()}
    return [IndicatorSeries(ind.id, ind.label, ind.unit, [(week, totals[week].get(ind.id, Decimal(0)),
                                                           week in period_labels) for week in weeks])
            for ind in plan.reporting.indicators]
