"""``dvcli review``: the leader accepts a weekly report or returns it with a reason and a new due time.

A review is its own file (``data/reviews/<year>/W<ww>/<member>.yaml``, see ``model.Review``), so
the member's report keeps a single writer. It names the SHA-256 of the report it judged: when
the report changes afterwards (``report edit`` after a return), the review no longer applies and
the report is awaiting review again — no second file has to be kept in step. ``states`` is how
``status``, ``remind`` and ``consolidate --accepted-only`` read the week's reviews.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import atomic, snapshot
from ..errors import DvcliError, NotFoundError
from ..i18n import _
from ..periods import Period, aware, parse_deadline
from ..store import Store
from .writes import Written, locked_write, now

ACCEPTED, RETURNED, AWAITING = "da-duyet", "tra-lai", "cho-duyet"
LABELS = {ACCEPTED: "đã duyệt", RETURNED: "trả lại", AWAITING: "chờ duyệt lại"}


@dataclass(frozen=True)
class State:
    """What the week's review says of one member's report now."""

    state: str  # ACCEPTED, RETURNED, or AWAITING (the report changed since it was reviewed)
    reason: str
    due: dt.datetime | None
    reviewed: dt.datetime


def states(store: Store, period: Period) -> dict[str, State]:
    """member → the state of their report of ``period`` as its review says (reviewed reports only)."""
    found: dict[str, State] = {}
    for item in snapshot.week_reviews(store, period):
        review = item.review
        if review.report_sha256 != item.report_sha256:
            state = AWAITING
        else:
            state = ACCEPTED if review.decision == "accepted" else RETURNED
        found[item.member] = State(state, review.reason or "", review.due, review.reviewed)
    return found


NOT_REVIEWED = "chua-duyet"
LIST_LABELS = {**LABELS, NOT_REVIEWED: "chờ duyệt"}


@dataclass
class ReviewRow:
    """One weekly report of the week and what its review says (``dvcli reviews``)."""

    member: str
    name: str
    state: str  # ACCEPTED, RETURNED, AWAITING (changed since reviewed) or NOT_REVIEWED
    reviewed: dt.datetime | None = None
    reason: str = ""
    due: dt.datetime | None = None


def listing(store: Store, week_text: str | None) -> tuple[Period, list[ReviewRow]]:
    """Every weekly report filed for the week, in roster order, with its review (none: "chờ duyệt")."""
    from .status import _period

    plan, roster = store.plan(), store.roster()
    period = _period(plan, week_text)
    filed = snapshot.week_submissions(store.ws, period.year, period.week)
    reviewed = states(store, period)
    rows = []
    for member in roster.members:
        if member.id not in filed:
            continue
        state = reviewed.get(member.id)
        if state is None:
            rows.append(ReviewRow(member.id, member.name, NOT_REVIEWED))
        else:
            rows.append(ReviewRow(member.id, member.name, state.state, state.reviewed, state.reason, state.due))
    return period, rows


@dataclass
class Reviewed:
    label: str
    decision: str
    path: str
    due: dt.datetime | None
    written: Written


def review(store: Store, member: str, week_text: str | None, accept: bool, returned: bool, reason: str | None,
           due_text: str | None, reviewer: str | None = None, commit: bool = True) -> Reviewed:
    """Record the leader's decision on ``member``'s weekly report (see module docstring)."""
    if accept == returned:
        raise DvcliError(_("chọn một trong hai: --accept (duyệt) hoặc --return (trả lại)"),
                         _("ví dụ: dvcli review {m} --week 2021-W38 --return --reason \"Thiếu số liệu\"").format(
                             m=member))
    reason = " ".join((reason or "").split()) or None
    if returned and not reason:
        raise DvcliError(_("trả lại báo cáo cần lý do"),
                         _("thêm --reason \"...\", ví dụ --reason \"Thiếu số liệu hộ được hỗ trợ\""))
    if accept and (reason or due_text):
        raise DvcliError(_("--reason và --due chỉ dùng khi trả lại (--return)"),
                         _("bỏ --reason/--due, hoặc dùng --return thay cho --accept"))
    from .members import find_member  # the write path only: status and remind read states() alone
    from .report import target

    plan = store.plan()
    regime = plan.reporting
    tgt = target(store, member, week_text)
    assert tgt.period is not None
    if not snapshot.stored_file(store.ws, tgt.path):
        raise NotFoundError(_("chưa có báo cáo {label} để duyệt").format(label=tgt.label),
                            _("xem ai đã nộp: dvcli status --week {p}").format(p=tgt.period.label))
    moment = now(regime)
    due = None
    if due_text:
        due = aware(parse_deadline(due_text), regime)
        if due <= moment:
            raise DvcliError(_("hạn nộp lại {d} đã qua").format(d=due.strftime("%H:%M %d/%m/%Y")),
                             _("chọn một thời điểm sau bây giờ, ví dụ --due \"2021-09-30 17:00\""))
    by = find_member(store.roster(), reviewer).id if reviewer else plan.group.leader
    data: dict[str, Any] = {"member": tgt.member.id, "period": tgt.period.label,
                            "decision": "accepted" if accept else "returned", "reviewed": moment,
                            "report_sha256": snapshot.stored_digest(store.ws, tgt.path)}
    if reason:
        data["reason"] = reason
    if due is not None:
        data["due"] = due
    if by:
        data["reviewer"] = by
    path = snapshot.review_path(store.ws, tgt.period.year, tgt.period.week, tgt.member.id)
    if accept:
        message = _("duyệt báo cáo: {m} {p}").format(m=tgt.member.id, p=tgt.period.label)
    else:
        message = _("trả lại báo cáo: {m} {p} — lý do: {r}").format(m=tgt.member.id, p=tgt.period.label, r=reason)

    def write() -> list[Path]:
        from .. import yamlio

        atomic.write_text(path, yamlio.dumps(data))
        return [path]

    written = locked_write(store.ws, message, commit, write)
    return Reviewed(tgt.label, data["decision"], store.ws.rel(path), due, written)
