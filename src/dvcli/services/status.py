"""``dvcli status`` and ``dvcli remind``: who reported for a period, on time or late, and who not.

Answers from the snapshot's cheap header-only view of the week (``snapshot.week_view``): who
and which week from each report's path and ``submitted:`` from its first lines; member and start
of each assignment from its path and only ``end:`` from its lines. No report or assignment is
parsed as YAML or validated — ``dvcli check`` does that — so a week of ten thousand members costs
about twenty thousand small reads. Plan and roster come from the verified cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import snapshot
from ..i18n import _, ngettext
from ..model import Member, Plan, Roster
from ..periods import Period, current, due, parse_week
from ..store import Store
from .writes import now

ON_TIME, LATE, MISSING, ON_LEAVE = "dung-han", "muon", "chua-nop", "vang"
WITHDRAWN, RETURNED = "da-rut", "tra-lai"
STATE_LABELS = {ON_TIME: "đúng hạn", LATE: "muộn", MISSING: "chưa nộp", ON_LEAVE: "vắng", WITHDRAWN: "đã rút",
                RETURNED: "trả lại"}


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs 3x more, for 10,000 rows
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
    review: str = ""  # review.ACCEPTED, RETURNED or AWAITING; "" when not reviewed
    reason: str = ""  # why it was returned or withdrawn
    due_again: dt.datetime | None = None  # the new due time of a returned report
    nothing_to_report: bool = False


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
    return parse_week(week_text, plan.reporting, moment.date()) if week_text else current(plan.reporting, moment)


def status(store: Store, week_text: str | None = None) -> Status:
    from . import review

    plan, roster = store.plan(), store.roster()
    period = _period(plan, week_text)
    deadline = due(period, plan.reporting)
    view = snapshot.week_view(store, roster, period)
    assigned, filed, said_nothing, withdrawn = view.assigned, view.submitted, view.nothing, view.withdrawn
    reviews = review.states(store, period)
    shown_dir = f"{store.ws.rel(store.ws.reports_dir)}/{period.year}/W{period.week:02d}/"
    zone = deadline.tzinfo
    imported = view.imported
    result = Status(period, deadline)
    rows = result.rows
    for member in roster.members:
        is_assigned = member.id in assigned
        away = bool(member.leave) and member.on_leave(period.start, period.end)
        expected = is_assigned and not away and member.active(period.start)
        if member.id not in filed:
            if member.id in withdrawn:
                rows.append(_withdrawn_row(store, member, withdrawn[member.id], expected))
            elif expected:
                rows.append(_row(member, MISSING, None, None, True))
            elif is_assigned and away:
                rows.append(_row(member, ON_LEAVE, None, None, False, _leave_note(member, period)))
            continue
        submitted, nothing = filed[member.id], member.id in said_nothing
        moment = snapshot.parse_moment(submitted) if submitted else None
        shown = shown_dir + member.id + ".yaml"
        if moment is None:
            rows.append(_row(member, LATE, None, shown, expected,
                             _("không đọc được thời điểm nộp (submitted); chạy: dvcli check")))
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        state = ON_TIME if moment <= deadline else LATE
        note = late_note(moment - deadline) if state == LATE else ""
        if not expected:
            note = (note + "; " if note else "") + (_("đang vắng") if away else _("không được phân công trong kỳ"))
        if nothing:
            note = (note + "; " if note else "") + _("không có nội dung")
        if member.id in imported:
            arrival = arrived_via(store.ws.root / shown)
            if arrival:
                note = (note + "; " if note else "") + arrival
        row = _row(member, state, moment, shown, expected, note)
        row.nothing_to_report = nothing
        if member.id in reviews:
            _reviewed(row, reviews[member.id], now(plan.reporting))
        rows.append(row)
    return result


VIA_LABELS = {"email": "thư điện tử", "paper": "bản giấy", "zalo": "Zalo", "hand": "nộp tận tay", "file": "tệp"}


def arrived_via(path: Path) -> str:
    """How an imported report arrived ("nhận qua thư điện tử"), from its ``received.via`` line."""
    via = snapshot.arrived_via(path)
    if via is None:
        return ""
    return _("nhận qua {v}").format(v=_(VIA_LABELS.get(via, via)))


def _withdrawn_row(store: Store, member: Member, path: Path, expected: bool) -> StatusRow:
    record = snapshot.withdrawal(store, path)
    row = _row(member, WITHDRAWN, None, None, expected, _("rút lúc {t}: {r}").format(
        t=record.withdrawn.strftime("%H:%M %d/%m/%Y"), r=record.reason))
    row.reason = record.reason
    return row


def _reviewed(row: StatusRow, state: Any, moment: dt.datetime) -> None:
    """Add what the report's review says: accepted, returned (reason, new due time), awaiting again."""
    from . import review

    row.review = state.state
    parts = [row.note] if row.note else []
    if state.state == review.ACCEPTED:
        parts.insert(0, _("đã duyệt"))
    elif state.state == review.RETURNED:
        row.state, row.reason, row.due_again = RETURNED, state.reason, state.due
        text = _("lý do: {r}").format(r=state.reason)
        if state.due is not None:
            overdue = _(", đã quá hạn") if state.due < moment else ""
            text += "; " + _("hạn nộp lại {t}{o}").format(t=state.due.strftime("%H:%M %d/%m/%Y"), o=overdue)
        parts.insert(0, text)
    else:
        parts.insert(0, _("đã sửa sau khi duyệt, chờ duyệt lại"))
    row.note = "; ".join(parts)


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


def late_note(delay: dt.timedelta) -> str:
    """"sau hạn 1 ngày 2 giờ": how late something came."""
    return _("sau hạn {d}").format(d=duration(delay))


def duration(delay: dt.timedelta) -> str:
    """"1 ngày 2 giờ", "5 phút": a delay in words, to the minute."""
    minutes = int(delay.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("{n} ngày", "{n} ngày", days).format(n=days))
    if hours:
        parts.append(ngettext("{n} giờ", "{n} giờ", hours).format(n=hours))
    if minutes or not parts:
        parts.append(ngettext("{n} phút", "{n} phút", minutes).format(n=minutes))
    return " ".join(parts)


@dataclass(frozen=True)
class Reminder:
    member: str
    name: str
    phone: str
    email: str
    text: str


def remind(store: Store, week_text: str | None = None) -> tuple[Status, list[Reminder]]:
    """A polite reminder for each member whose report is missing or was returned (drafted, never sent).

    A returned report's reminder quotes the leader's reason and the new due time.
    """
    from .. import render

    result = status(store, week_text)
    plan, roster = store.plan(), store.roster()
    context = _context(plan, roster)
    reminders = []
    for row in result.rows:
        if row.state not in (MISSING, RETURNED):
            continue
        member = roster.member(row.member)
        values = {**context, "member": member, "period": result.period, "due": result.due}
        if row.state == RETURNED:
            values |= {"reason": row.reason, "due_again": row.due_again}
            template = "remind-returned.txt.j2"
        else:
            template = "remind.txt.j2"
        text = render.render(template, values, store.ws.templates_dir)
        reminders.append(Reminder(row.member, row.name, row.phone, row.email, text.strip("\n")))
    return result, reminders


def _context(plan: Plan, roster: Roster) -> dict[str, object]:
    unit = roster.unit(plan.group.standing_unit)
    return {"plan": plan, "secretary": roster.member(plan.group.secretary),
            "standing_unit": unit.name if unit else plan.group.standing_unit}
