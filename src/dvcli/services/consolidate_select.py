"""Which member reports a consolidated report is made from — decided at the input, before computing.

Withdrawn reports are already gone from ``data/reports`` (see ``report_withdraw``). A report that
states there was nothing to report keeps counting as received but contributes no item (its
results, if a hand-written file kept empty ones, are dropped), so it is listed once — in the
received line — and never as empty bullets. ``--accepted-only`` keeps only the weekly reports
whose review accepts them as they are now (``review.states``).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Protocol, TypeVar

from ..model import Report
from ..periods import week
from ..store import Store

_WEEKLY = re.compile(r"/(\d{4})/W(\d{2})/([^/]+)\.yaml$")


def select(store: Store, reports: list[tuple[str, Report]], accepted_only: bool) -> list[tuple[str, Report]]:
    chosen = [(path, dataclasses.replace(rep, results=[]) if rep.nothing_to_report and rep.results else rep)
              for path, rep in reports]
    return accepted(store, chosen) if accepted_only else chosen


class _Weekly(Protocol):
    @property
    def period(self) -> str | None: ...


W = TypeVar("W", bound=_Weekly)


def accepted(store: Store, reports: list[tuple[str, W]]) -> list[tuple[str, W]]:
    """The weekly reports (or their figures) whose review accepts them as they are now."""
    from . import review

    plan = store.plan()
    found: dict[tuple[int, int], set[str]] = {}
    kept = []
    for path, rep in reports:
        match = _WEEKLY.search(path) if rep.period is not None else None
        if match is None:
            continue  # only weekly reports are reviewed
        key = (int(match.group(1)), int(match.group(2)))
        if key not in found:
            states = review.states(store, week(key[0], key[1], plan.reporting))
            found[key] = {member for member, state in states.items() if state.state == review.ACCEPTED}
        if match.group(3) in found[key]:
            kept.append((path, rep))
    return kept


def answering_request(store: Store, reports: list[tuple[str, Report]], request_id: str) -> list[tuple[str, Report]]:
    """The ad-hoc reports filed against the request, each dated inside the request's dates.

    A contribution answers its request whatever day it was filed on: one filed after the answer's
    last day (late) or before its first is dated at that end, so the consolidation keeps it.
    """
    from . import requests

    period = requests.period_of(requests.find(store, request_id))
    chosen = []
    for path, rep in reports:
        if rep.request != request_id or rep.period is not None:
            continue
        day = rep.date or rep.submitted.date()
        if not period.start <= day <= period.end:
            rep = dataclasses.replace(rep, date=min(max(day, period.start), period.end))
        chosen.append((path, dataclasses.replace(rep, results=[]) if rep.nothing_to_report and rep.results else rep))
    return chosen
