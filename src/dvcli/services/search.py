"""``dvcli search``: accent- and case-insensitive full-text search over reports and assignments.

The files are searched as text, line by line (not parsed), so a hit points at the exact line a
person would open. Matching folds both sides character by character — NFD, combining marks
dropped, đ→d, lower case — keeping a map from folded positions back to the original ones, so
"ton giao" finds "tôn giáo", "DAK LAK" finds "Đắk Lắk", and the highlight covers exactly the
matched original characters.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import periods, snapshot
from ..errors import DataError, DvcliError, Problem, cannot_read
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


def fold_char(char: str) -> str:
    """One character without accents and case (may be empty for a lone combining mark)."""
    if char in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base.lower()


class _FoldTable(dict[int, str]):
    """fold_char of every character met so far, by code point, learnt on first sight.

    ``str.translate`` looks each character up in C and calls ``__missing__`` only for one not
    met before, so a whole file folds in one call with no pass of its own to find new
    characters. ``irregular`` holds those whose fold is not exactly one character (a lone
    combining mark folds to none): the only ones that move folded positions away from the
    original ones.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        piece = fold_char(chr(code))
        self[code] = piece
        if len(piece) != 1:
            self.irregular.add(chr(code))
        return piece


_FOLDED = _FoldTable()


def fold_with_map(text: str, folded: str | None = None) -> tuple[str, Sequence[int]]:
    """``text`` folded, and for each folded character the index of its original character.

    ``folded``: the fold of ``text`` when the caller has it already (a line of a folded file).
    """
    if folded is None:
        folded = text.translate(_FOLDED)  # every character of text is known from here on
    if _FOLDED.irregular.isdisjoint(text):  # one folded character for each: positions are unchanged
        return folded, range(len(text))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _FOLDED[ord(char)]:
            pieces.append(piece)
            origin.append(index)
    return "".join(pieces), origin


def fold(text: str) -> str:
    return fold_with_map(unicodedata.normalize("NFC", text))[0]


def fold_text(text: str) -> str:
    """A whole text (NFC) folded in C: no character folds into or out of a line break, so its
    ``splitlines()`` are the folded lines of ``text.splitlines()``."""
    return text.translate(_FOLDED)


def find_in_line(line: str, needle: str, folded_line: str | None = None) -> list[tuple[int, int]]:
    """(start, end) character spans in ``line`` (NFC) where the folded ``needle`` occurs."""
    folded, origin = fold_with_map(line, folded_line)
    spans = []
    start = folded.find(needle)
    while needle and start != -1:
        end = start + len(needle)
        spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(needle, end)
    return spans


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


def files(store: Store, query: Query, today: dt.date | None = None) -> list[Path]:
    """The report and assignment files the query covers, in a stable order."""
    plan = store.plan()
    if today is None:
        from .writes import today as local_today  # the one clock, in the plan's zone

        today = local_today(plan.reporting)
    period = _period(store, plan, query, today)
    member = None
    if query.member:
        roster = store.roster()
        member = resolve(query.member, roster.members, _("thành viên"), [m.name for m in roster.members]).id
    chosen: list[Path] = []
    for item in snapshot.report_files(store.ws):
        if period is not None and not _report_in(item, plan, period):
            continue
        if member is not None and _report_member(item) != member:
            continue
        chosen.append(item.path)
    for path in snapshot.assignment_files(store.ws):
        if member is not None and path.parent.name != member:
            continue
        if period is not None:
            loaded = store.read(path, Assignment)
            record: Assignment | None = loaded.record
            if record is not None and not record.active(period.start, period.end):
                continue
        chosen.append(path)
    return chosen


def search(store: Store, query: Query, today: dt.date | None = None) -> list[Hit]:
    needle = fold(query.text.strip())
    if not needle:
        raise DvcliError(_("thiếu nội dung cần tìm"), _("ví dụ: dvcli search \"ton giao\""))
    hits: list[Hit] = []
    unreadable: list[Problem] = []
    for path in files(store, query, today):
        try:
            text = read_bytes(path).decode("utf-8-sig", errors="replace")
        except OSError as exc:  # never skipped silently: a search that missed a file must say so
            unreadable.append(cannot_read(store.ws.rel(path), exc))
            continue
        text = unicodedata.normalize("NFC", text)
        folded_text = fold_text(text)
        if needle not in folded_text:  # most files: one fold in C, no line is split or mapped
            continue
        display = store.ws.rel(path)
        lines = text.splitlines()
        for number, (line, folded) in enumerate(zip(lines, folded_text.splitlines(), strict=True), start=1):
            if needle not in folded:
                continue
            for start, end in find_in_line(line, needle, folded):
                hits.append(Hit(display, number, start + 1, line, end - start))
    if unreadable:
        raise DataError(unreadable)
    return hits
