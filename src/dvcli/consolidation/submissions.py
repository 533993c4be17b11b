"""Who reported: for every reporting week in the period, on time, late, missing or on leave."""

from __future__ import annotations

import datetime as dt

from .. import periods
from ..model import Assignment, Plan, Report, Roster
from ..periods import Period
from .content import Submission, WeekStatus


def weeks_in(period: Period, plan: Plan) -> list[Period]:
    """The reporting weeks whose last day lies in ``period`` (for a week: itself)."""
    if period.kind == "week":
        return [period]
    found = []
    current = periods.week_of(period.start, plan.reporting)
    while current.start <= period.end:
        if period.start <= current.end <= period.end:
            found.append(current)
        current = periods.week_of(current.end + dt.timedelta(days=1), plan.reporting)
    return found


def submission(plan: Plan, roster: Roster, reports: list[Report], assignments: list[Assignment],
               period: Period) -> Submission:
    """For every reporting week in ``period``: who reported on time, late, not at all, or was on leave.

    The same rule as ``dvcli status``: a member is expected when an assignment is active in the
    week and no leave covers it; a report from anyone counts as received.
    """
    weeks = []
    nothing: list[str] = []
    assigned: dict[str, list[Assignment]] = {}
    for assignment in assignments:
        assigned.setdefault(assignment.member, []).append(assignment)
    for window in weeks_in(period, plan):
        deadline = periods.due(window, plan.reporting)
        weekly = {rep.member: rep for rep in reports if rep.period == window.label}
        on_time: list[str] = []
        late: list[str] = []
        missing: list[str] = []
        leave: list[str] = []
        for member in roster.members:
            rep = weekly.get(member.id)
            if rep is not None:
                if rep.nothing_to_report:
                    nothing.append(member.name)
                (late if periods.aware(rep.submitted, plan.reporting) > deadline else on_time).append(member.name)
            elif not any(a.active(window.start, window.end) for a in assigned.get(member.id, ())) or not member.active(window.start):
                continue
            elif member.on_leave(window.start, window.end):
                leave.append(member.name)
            else:
                missing.append(member.name)
        weeks.append(WeekStatus(window, deadline, on_time, late, missing, leave))
    return Submission(
        expected=sum(len(w.on_time) + len(w.late) + len(w.missing) for w in weeks),
        received=sum(len(w.on_time) + len(w.late) for w in weeks),
        late=sum(len(w.late) for w in weeks), missing=sum(len(w.missing) for w in weeks), weeks=weeks,
        nothing_to_report=list(dict.fromkeys(nothing)))
