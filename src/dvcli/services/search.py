"""``dvcli search``: accent- and case-insensitive full-text search over reports and assignments.

The files are searched as text (not parsed), so a hit points at the exact line a person would
open. Matching folds both sides character by character (``dvcli.folding``: NFD, combining marks
dropped, đ→d, lower case), so "ton giao" finds "tôn giáo", "DAK LAK" finds "Đắk Lắk", and the
highlight covers exactly the matched original characters.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import periods, snapshot
from ..errors import DataError, DvcliError, Problem, cannot_read
from ..folding import Finder, fold
from ..i18n import _
from ..model import Assignment, Plan
from ..names import resolve
from ..periods import Period
from ..rawio import read_bytes
from ..store import Store


@dataclass(frozen=True)
class Hit:
    file: str
    line: int
    column: int
    """1-based character column of the match in the line."""
    text: str
    """The whole line, without its line end."""
    length: int
    """Length of the matched text in characters."""

    @property
    def match(self) -> str:
        return self.text[self.column - 1: self.column - 1 + self.length]


@dataclass(frozen=True)
class Query:
    text: str
    week: str | None = None
    start: str | None = None
    end: str | None = None
    member: str | None = None
    month: str | None = None


def _period(store: Store, plan: Plan, query: Query, today: dt.date) -> Period | None:
    return periods.select(plan.reporting, today, week=query.week, month=query.month, start=query.start, end=query.end)


def _report_in(item: snapshot.ReportPath, plan: Plan, period: Period) -> bool:
    if item.ad_hoc:
        day = snapshot.ad_hoc_date(item.path.name)
        if day:
            return period.start <= dt.date.fromisoformat(day) <= period.end
    window = periods.week(item.year, item.week, plan.reporting)
    return period.start <= window.end <= period.end


def _report_member(item: snapshot.ReportPath) -> str | None:
    if item.member is not None:
        return item.member
    return snapshot.read_header(item.path).member


def files(store: Store, query: Query, today: dt.date | None = None) -> list[str]:
    """The paths of the report and assignment files the query covers, in a stable order."""
    plan: Plan | None = None
    period: Period | None = None
    if query.week or query.month or query.start or query.end:  # only a period needs the plan (and today)
        plan = store.plan()
        if today is None:
            from .writes import today as local_today  # the one clock, in the plan's zone

            today = local_today(plan.reporting)
        period = _period(store, plan, query, today)
    member = None
    if query.member:
        roster = store.roster()
        member = resolve(query.member, roster.members, _("thành viên"), [m.name for m in roster.members]).id
    chosen: list[str] = []
    for item in snapshot.report_files(store.ws):
        if plan is not None and period is not None and not _report_in(item, plan, period):
            continue
        if member is not None and _report_member(item) != member:
            continue
        chosen.append(item.location)
    for name in snapshot.assignment_names(store.ws):
        if member is not None and os.path.basename(os.path.dirname(name)) != member:  # noqa: PTH119, PTH120 - 10,000s
            continue
        if period is not None:
            loaded = store.read(Path(name), Assignment)
            record: Assignment | None = loaded.record
            if record is not None and not record.active(period.start, period.end):
                continue
        chosen.append(name)
    return chosen


def search(store: Store, query: Query, today: dt.date | None = None) -> list[Hit]:
    needle = fold(query.text.strip())
    if not needle:
        raise DvcliError(_("thiếu nội dung cần tìm"), _("ví dụ: dvcli search \"ton giao\""))
    finder = Finder(needle)
    hits: list[Hit] = []
    unreadable: list[Problem] = []
    for path in files(store, query, today):
        try:
            text = read_bytes(path).decode("utf-8-sig", errors="replace")
        except OSError as exc:  # never skipped silently: a search that missed a file must say so
            unreadable.append(cannot_read(store.ws.rel(path), exc))
            continue
        text = unicodedata.normalize("NFC", text)
        spans = finder.find(text)
        if spans:
            hits += _hits(store.ws.rel(path), text, spans)
    if unreadable:
        raise DataError(unreadable)
    return hits


_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Every line break ``str.splitlines`` knows but ``\\n``."""


def _hits(display: str, text: str, spans: list[tuple[int, int]]) -> list[Hit]:
    """The spans of a file's text as hits on its lines (``splitlines``: every line break Python
    knows); a span across a line end — only a needle holding a line break makes one — is none."""
    hits = []
    if _OTHER_LINE_BREAKS.search(text) is None:  # lines end at "\n" only: find each hit's line, split nothing
        number, counted = 1, 0
        for begin, end in spans:
            number += text.count("\n", counted, begin)
            counted = begin
            start = text.rfind("\n", 0, begin) + 1
            stop = text.find("\n", begin)
            line = text[start:] if stop == -1 else text[start:stop]
            if end - start <= len(line):
                hits.append(Hit(display, number, begin - start + 1, line, end - begin))
        return hits
    lines = text.splitlines(keepends=True)
    starts = list(itertools.accumulate(map(len, lines), initial=0))
    for begin, end in spans:
        index = bisect.bisect_right(starts, begin) - 1
        line = lines[index].splitlines()[0]  # without its line end (a line is never empty with it)
        column = begin - starts[index]
        if column + (end - begin) <= len(line):
            hits.append(Hit(display, index + 1, column + 1, line, end - begin))
    return hits
