"""``dvcli report list|show``: reports found by path and first lines, and one report shown whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import snapshot
from ..errors import DataError, NotFoundError, cannot_read
from ..i18n import _
from ..model import Report, Roster
from ..periods import due, parse_week, week
from ..store import Store
from .members import find_member
from .report import default_week
from .writes import now


@dataclass(frozen=True)
class Entry:
    period: str
    member: str
    name: str
    ad_hoc: bool
    date: str | None
    title: str | None
    submitted: dt.datetime | None
    on_time: bool | None
    path: str


def entries(store: Store, week_text: str | None = None, member: str | None = None) -> list[Entry]:
    """Reports by path and first lines only (no body is parsed), in roster order per period."""
    plan, roster = store.plan(), store.roster()
    wanted = find_member(roster, member).id if member else None
    period = parse_week(week_text, plan.reporting, now(plan.reporting).date()) if week_text else None
    found = snapshot.report_files(store.ws, period.year if period else None, period.week if period else None)
    order = {person.id: index for index, person in enumerate(roster.members)}
    result = []
    unreadable = []
    for item in found:
        header = snapshot.read_header(item.path)
        if header.error is not None:  # never listed as a report without a time: named, exit 1
            unreadable.append(cannot_read(store.ws.rel(item.path), header.error))
            continue
        who = (header.member if item.ad_hoc else item.member) or ""
        if wanted and who != wanted:
            continue
        person = roster.member(who)
        on_time = None
        if header.submitted is not None and not item.ad_hoc:
            from ..periods import aware

            on_time = aware(header.submitted, plan.reporting) <= due(week(item.year, item.week, plan.reporting),
                                                                     plan.reporting)
        result.append(Entry(item.period, who, person.name if person else who, item.ad_hoc,
                            header.date, header.title, header.submitted, on_time, store.ws.rel(item.path)))
    if unreadable:
        raise DataError(unreadable)
    return sorted(result, key=lambda e: (e.period, e.ad_hoc, order.get(e.member, len(order)), e.path))


def locate(store: Store, query: str, week_text: str | None) -> Path:
    """A report by path, or by member and week (``--week``; default: the current reporting week)."""
    candidate = Path(query)
    for path in (store.ws.root / candidate, candidate):
        if not query.endswith(".yaml"):
            break
        located = snapshot.named(path)
        if located.is_relative_to(store.ws.root):  # a workspace file: never through a symlink
            if snapshot.stored_file(store.ws, located):
                return located
        elif located.is_file():  # a file the user names outside the workspace
            return located.resolve()
    plan = store.plan()
    roster: Roster = store.roster()
    member = find_member(roster, query)
    moment = now(plan.reporting)
    period = parse_week(week_text, plan.reporting, moment.date()) if week_text else default_week(plan, moment)
    path = store.ws.report_path(period.year, period.week, member.id)
    if not snapshot.stored_file(store.ws, path):
        raise NotFoundError(_("chưa có báo cáo {m} kỳ {p}").format(m=member.id, p=period.label),
                            _("xem các báo cáo bằng: dvcli report list --week {p}").format(p=period.label))
    return path


def show(store: Store, query: str, week_text: str | None) -> tuple[str, str, Report]:
    path = locate(store, query, week_text)
    record = store.load(path, Report)
    text = snapshot.stored_text(store.ws, path) if path.is_relative_to(store.ws.root) else path.read_text(encoding="utf-8")
    return store.ws.rel(path), text, record
