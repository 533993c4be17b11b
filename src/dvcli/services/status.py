"""``dvcli status`` and ``dvcli remind``: who reported for a period, on time or late, and who not.

Answers from file paths and each report's first lines (``records.read_header``): no report
body is parsed, so a week of ten thousand reports costs ten thousand small reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import records
from ..i18n import _
from ..model import Assignment, Member, Plan, Roster
from ..periods import Period, aware, due, parse_week
from ..store import Store
from . import assign as assignments
from .writes import now

ON_TIME, LATE, MISSING, ON_LEAVE = "dung-han", "muon", "chua-nop", "vang"
STATE_LABELS = {ON_TIME: "đúng hạn", LATE: "muộn", MISSING: "chưa nộp", ON_LEAVE: "vắng"}


@dataclass(frozen=True)
class StatusRow:
    member: str
    name: str
    state: str
    submitted: dt.datetime | None
    path: str | None
    expected: bool
    phone: str
    email: str
    note: str = ""


@dataclass
class Status:
    period: Period
    due: dt.datetime
    rows: list[StatusRow] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def counts(self) -> dict[str, int]:
        return {state: self.count(state) for state in STATE_LABELS} | {
            "expected": sum(1 for row in self.rows if row.expected)}

    def missing(self) -> list[StatusRow]:
        return [row for row in self.rows if row.state == MISSING]


def _period(plan: Plan, week_text: str | None) -> Period:
    moment = now(plan.reporting)
    return parse_week(week_text or "last", plan.reporting, moment.date())


def status(store: Store, week_text: str | None = None) -> Status:
    plan, roster = store.plan(), store.roster()
    period = _period(plan, week_text)
    deadline = due(period, plan.reporting)
    all_assignments = assignments.load_all(store)
    filed = {item.member: item for item in records.report_files(store.ws, period.year, period.week, ad_hoc=False)}
    result = Status(period, deadline)
    by_member: dict[str, list[tuple[Path, Assignment]]] = {}  # once, not a scan per member (10,000 members)
    for pair in all_assignments:
        by_member.setdefault(pair[1].member, []).append(pair)
    for member in roster.members:
        assigned = bool(assignments.active_for(by_member.get(member.id, []), member.id, period.start, period.end))
        away = member.on_leave(period.start, period.end)
        expected = assigned and not away
        item = filed.get(member.id)
        if item is None:
            if expected:
                result.rows.append(_row(member, MISSING, None, None, True))
            elif assigned and away:
                result.rows.append(_row(member, ON_LEAVE, None, None, False, _leave_note(member, period)))
            continue
        header = records.read_header(item.path)
        shown = store.ws.rel(item.path)
        if header.submitted is None:
            result.rows.append(_row(member, LATE, None, shown, expected,
                                    _("không đọc được thời điểm nộp (submitted); chạy: dvcli check")))
            continue
        moment = aware(header.submitted, plan.reporting)
        state = ON_TIME if moment <= deadline else LATE
        note = _late_note(moment - deadline) if state == LATE else ""
        if not expected:
            note = (note + "; " if note else "") + (_("đang vắng") if away else _("không được phân công trong kỳ"))
        result.rows.append(_row(member, state, moment, shown, expected, note))
    store.close()
    return result


def _row(member: Member, state: str, submitted: dt.datetime | None, path: str | None, expected: bool,
         note: str = "") -> StatusRow:
    return StatusRow(member.id, member.name, state, submitted, path, expected, member.phone or "",
                     member.email or "", note)


def _leave_note(member: Member, period: Period) -> str:
    for leave in member.leave:
        if leave.start <= period.start and period.end <= leave.end:
            reason = leave.reason or _("vắng")
            return _("{r} {s} – {e}").format(r=reason, s=leave.start.strftime("%d/%m"), e=leave.end.strftime("%d/%m/%Y"))
    return ""


def _late_note(delay: dt.timedelta) -> str:
    minutes = int(delay.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("{n} ngày").format(n=days))
    if hours:
        parts.append(_("{n} giờ").format(n=hours))
    if minutes or not parts:
        parts.append(_("{n} phút").format(n=minutes))
    return _("sau hạn {d}").format(d=" ".join(parts))


@dataclass(frozen=True)
class Reminder:
    member: str
    name: str
    phone: str
    email: str
    text: str


def remind(store: Store, week_text: str | None = None) -> tuple[Status, list[Reminder]]:
    """A polite reminder for each member whose report is missing (drafted, never sent)."""
    from .. import render

    result = status(store, week_text)
    plan, roster = store.plan(), store.roster()
    context = _context(plan, roster)
    reminders = []
    for row in result.missing():
        member = roster.member(row.member)
        text = render.render("remind.txt.j2", {**context, "member": member, "period": result.period,
                                               "due": result.due}, store.ws.templates_dir)
        reminders.append(Reminder(row.member, row.name, row.phone, row.email, text.strip("\n")))
    return result, reminders


def _context(plan: Plan, roster: Roster) -> dict[str, object]:
    unit = roster.unit(plan.group.standing_unit)
    return {"plan": plan, "secretary": roster.member(plan.group.secretary),
            "standing_unit": unit.name if unit else plan.group.standing_unit}
