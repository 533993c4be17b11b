"""``dvcli check``: validate every file and every cross-reference, and list all problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import checks
from ..errors import Problem
from ..model import Plan, Roster
from ..store import Store


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def run(store: Store) -> CheckResult:
    result = CheckResult()
    plan_loaded = store.read(store.ws.plan_file, Plan)
    roster_loaded = store.read(store.ws.members_file, Roster)
    result.problems += plan_loaded.problems + roster_loaded.problems
    plan: Plan | None = plan_loaded.record
    roster: Roster | None = roster_loaded.record
    if roster is not None:
        result.problems += checks.check_roster(store, roster)
        result.counts["members"] = len(roster.members)
    if plan is not None:
        result.problems += checks.check_plan(store, plan, roster)
        result.counts["tasks"] = len(plan.tasks())
    from ..checks.placeholders import check_placeholders  # what dvcli init left to fill in

    result.problems += check_placeholders(store, plan, roster)
    # Each further file kind (assignments, reports, issued reports) adds its rules here.
    from ..checks import records as record_rules
    from .writes import today

    records = record_rules.check_records(store, plan, roster, today(plan.reporting) if plan else _utc_today())
    result.problems += records.problems
    result.counts["assignments"], result.counts["reports"] = records.assignments, records.reports
    from ..checks.issued import check_issued, check_prepared  # issued reports: sealed sources, unique numbers

    result.problems += check_issued(store, plan) + check_prepared(store)
    from ..checks.corrections import check_corrections  # withdrawals and reviews

    found, result.counts["corrections"] = check_corrections(store, roster)
    result.problems += found
    from ..checks.requests import check_requests  # requests for reports, and the folder's strays

    found, result.counts["requests"], request_strays = check_requests(store, plan, roster)
    result.problems += found
    from ..checks.received import check_units  # reporting units and the unit reports received

    found, received, received_strays = check_units(store)
    result.problems += found
    if received:
        result.counts["received"] = received
    from ..checks.leftovers import problems as leftovers  # temp files of a write that was killed

    result.problems += leftovers(store.ws)
    from ..checks.links import problems as links  # symbolic links dvcli never follows

    result.problems += links(store.ws, {stray.path for stray in records.strays} | {*request_strays, *received_strays})
    from ..template_limits import template_problems  # characters a workspace template may not hold

    result.problems += template_problems(store.ws.templates_dir, store.ws.rel(store.ws.templates_dir))
    if not result.problems:  # drafts: figures that no longer match the sources (needs valid records)
        from .consolidate_draft import stale_problems

        result.problems += stale_problems(store)
    return result


def _utc_today() -> dt.date:
    from ..periods import now

    return now(dt.UTC).date()
