"""Reporting periods: weeks as the plan's regime defines them, months by the cut-off rule.

A week is named by ISO year and week number (``2021-W38``); its window is the 7 days that
start on the plan's ``week_start`` weekday inside that ISO week. A report for it is due at the
first ``due.weekday`` after the window ends, at ``due.time``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from .errors import DvcliError
from .i18n import _
from .model import Reporting

# The years dvcli computes periods in: a week, its due date and the previous month all stay inside
# what Python's dates can hold (years 1–9999), and a typo such as 0001 or 9999 is named, not computed.
FIRST_YEAR, LAST_YEAR = 1900, 9998

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, order=True)
class Period:
    """A closed date range with a label; weeks also know their ISO year and number."""

    start: dt.date
    end: dt.date
    label: str
    kind: str = "range"  # week | month | range
    year: int = 0
    week: int = 0

    def bounds(self) -> tuple[str, str]:
        """The first and last day as documents write them: ("13/9", "19/9/2021") (the year once, if shared)."""
        start = f"{self.start.day:02d}/{self.start.month}"
        if self.start.year != self.end.year:
            start += f"/{self.start.year}"
        return start, f"{self.end.day:02d}/{self.end.month}/{self.end.year}"

    def describe(self) -> str:
        """Vietnamese wording for a document's subject line, e.g. "tuần từ ngày 13/9 đến ngày 19/9/2021".

        The documents' words (a reminder, a report's title) are Vietnamese in every language; a
        line of dvcli's own output builds its words from ``bounds`` in the user's language.
        """
        start, end = self.bounds()
        if self.kind == "week":
            return _("tuần từ ngày {start} đến ngày {end}").format(start=start, end=end)
        if self.kind == "month":
            return _("tháng {m}/{y}, từ ngày {start} đến ngày {end}").format(
                m=self.label[5:].lstrip("0"), y=self.label[:4], start=start, end=end)
        return _("từ ngày {start} đến ngày {end}").format(start=start, end=end)


def check_year(day: dt.date | int, shown: str) -> None:
    """Refuse a date (or year) outside ``FIRST_YEAR``..``LAST_YEAR``, naming what the user wrote."""
    year = day if isinstance(day, int) else day.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DvcliError(_("{t}: năm {y} nằm ngoài khoảng dvcli tính kỳ báo cáo ({a}–{b})").format(
            t=shown, y=year, a=FIRST_YEAR, b=LAST_YEAR),
            _("dùng một ngày trong các năm {a}–{b}; kiểm tra lại số năm đã gõ").format(a=FIRST_YEAR, b=LAST_YEAR))


def week(year: int, number: int, regime: Reporting) -> Period:
    return _week(year, number, regime.week_start)


@functools.lru_cache(maxsize=4096)
def _week(year: int, number: int, week_start: str) -> Period:
    """One week's period (a frozen value, so one per week will do: a consolidated report of
    10,000 members asks for the same few weeks tens of thousands of times)."""
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError as exc:
        raise DvcliError(_("năm {y} không có tuần {w}").format(y=year, w=number),
                         _("số tuần từ 1 đến 52 (hoặc 53)")) from exc
    start = monday + dt.timedelta(days=WEEKDAYS.index(week_start))
    return Period(start, start + dt.timedelta(days=6), f"{year}-W{number:02d}", "week", year, number)


def week_of(day: dt.date, regime: Reporting) -> Period:
    """The reporting week whose window contains ``day``."""
    offset = WEEKDAYS.index(regime.week_start)
    start = day - dt.timedelta(days=(day.weekday() - offset) % 7)
    monday = start - dt.timedelta(days=offset)
    year, number, _weekday = monday.isocalendar()
    return week(year, number, regime)


_ISO_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")


def parse_week(text: str, regime: Reporting, today: dt.date) -> Period:
    """A week from ``2021-W38``, ``38`` (this year), a date inside it, ``this`` or ``last``."""
    value = text.strip().lower()
    if value in ("this", "nay", "tuan-nay"):
        return week_of(today, regime)
    if value in ("last", "truoc", "tuan-truoc"):
        return week_of(today - dt.timedelta(days=7), regime)
    match = _ISO_WEEK.match(value)
    if match:
        check_year(int(match.group(1)), text.strip())
        return week(int(match.group(1)), int(match.group(2)), regime)
    if value.isdigit() and len(value) <= 2:
        return week(today.isocalendar()[0], int(value), regime)
    try:
        return week_of(parse_date(text), regime)
    except DvcliError:
        raise DvcliError(_("không hiểu tuần \"{t}\"").format(t=text),
                         _("viết 2021-W38, 38 (tuần của năm nay), một ngày trong tuần (2021-09-22), "
                           "this (tuần này) hoặc last (tuần trước)")) from None


def parse_date(text: str) -> dt.date:
    """A date as ``YYYY-MM-DD`` or the Vietnamese ``DD/MM/YYYY``."""
    value = text.strip()
    try:
        if "/" in value:
            day, month, year = (int(part) for part in value.split("/"))
            parsed = dt.date(year, month, day)
        else:
            parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise DvcliError(_("ngày không hợp lệ: \"{t}\"").format(t=text),
                         _("viết ngày dạng 2021-09-22 hoặc 22/09/2021")) from None
    check_year(parsed, value)
    return parsed


def parse_deadline(text: str) -> dt.datetime:
    """A deadline: ``2021-09-30 17:00``, ``30/09/2021 17:00`` or a date alone (the end of that day)."""
    value = " ".join(text.replace("T", " ").split())
    day_text, _sep, clock = value.partition(" ")
    try:
        day = parse_date(day_text)
        if not clock:
            return dt.datetime.combine(day, dt.time(23, 59))
        moment = dt.datetime.fromisoformat(f"{day.isoformat()} {clock}")
        return moment.replace(second=0, microsecond=0) if moment.second == 0 else moment
    except (DvcliError, ValueError):
        raise DvcliError(_("không hiểu thời hạn \"{t}\"").format(t=text),
                         _("viết ngày và giờ, ví dụ \"2021-09-30 17:00\" hoặc \"30/09/2021 17:00\"; "
                           "chỉ ngày thì hạn là cuối ngày đó")) from None


def month(text: str, regime: Reporting) -> Period:
    """The month ``YYYY-MM`` by the cut-off rule: from day N of last month to day N-1 of this one."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise DvcliError(_("không hiểu tháng \"{t}\"").format(t=text), _("viết tháng dạng YYYY-MM, ví dụ 2021-09"))
    year, number = int(match.group(1)), int(match.group(2))
    check_year(year, text.strip())
    day = regime.month_start_day
    if day == 1:
        start = dt.date(year, number, 1)
        following = dt.date(year + number // 12, number % 12 + 1, 1)
        return Period(start, following - dt.timedelta(days=1), f"{year}-{number:02d}", "month")
    previous = dt.date(year - 1, 12, 1) if number == 1 else dt.date(year, number - 1, 1)
    start = previous.replace(day=min(day, 28))
    end = dt.date(year, number, min(day, 28)) - dt.timedelta(days=1)
    return Period(start, end, f"{year}-{number:02d}", "month")


def date_range(start: str, end: str) -> Period:
    first, last = parse_date(start), parse_date(end)
    if last < first:
        raise DvcliError(_("ngày kết thúc {e} trước ngày bắt đầu {s}").format(e=last, s=first),
                         _("đổi chỗ --from và --to"))
    return Period(first, last, f"{first.isoformat()}..{last.isoformat()}", "range")


def due(period: Period, regime: Reporting) -> dt.datetime:
    """When reports for ``period`` are due (aware datetime in the plan's time zone)."""
    target = WEEKDAYS.index(regime.due.weekday)
    days = (target - period.end.weekday()) % 7 or 7
    hour, minute = (int(part) for part in regime.due.time.split(":"))
    day = period.end + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone(regime))


def current(regime: Reporting, moment: dt.datetime) -> Period:
    """The week being reported on at ``moment``: the one rule every command's default week follows.

    Of the week whose reports were due last and the week whose reports are due next, the one
    whose due time is nearer to ``moment`` (on a tie, the earlier). With reports due on Monday at
    10:00, the week that ended on Sunday stays the current one from Friday morning (reports written
    at the end of the week) through Monday morning before the deadline and on to Thursday (late
    reports, reminders, review); from the middle of the week the week in progress takes over.
    ``status``, ``remind``, ``report new|show|edit|withdraw``, ``form`` and ``review`` all default to it.
    """
    moment = moment if moment.tzinfo else moment.replace(tzinfo=zone(regime))
    this = week_of(moment.date(), regime)
    around = (week_of(this.start - dt.timedelta(days=7), regime), this, week_of(this.end + dt.timedelta(days=1), regime))
    return min(around, key=lambda period: (abs(due(period, regime) - moment), period.start))


@functools.lru_cache(maxsize=64)
def offset_zone(utc_offset: str) -> dt.timezone:
    """The one time-zone parser: ``+07:00`` → a fixed-offset zone (ValueError if malformed).
    Memoised: a 10,000-member week asks for the plan's zone once a report."""
    if len(utc_offset) != 6 or utc_offset[0] not in "+-" or utc_offset[3] != ":":
        raise ValueError(utc_offset)
    sign = -1 if utc_offset.startswith("-") else 1
    hours, minutes = int(utc_offset[1:3]), int(utc_offset[4:6])
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def zone(regime: Reporting) -> dt.timezone:
    return offset_zone(regime.utc_offset)


def now(zone_: dt.tzinfo | None = None) -> dt.datetime:
    """The one clock: the current time to the second in ``zone_`` (the machine's zone if None).

    ``DVCLI_NOW`` pins it (tests, re-running a past week); a pinned time without an offset is in
    ``zone_``. A malformed value is the user's error, said in their language.
    """
    import os

    pinned = os.environ.get("DVCLI_NOW")
    if pinned:
        try:
            moment = dt.datetime.fromisoformat(pinned)
        except ValueError:
            raise DvcliError(_("DVCLI_NOW không phải thời điểm hợp lệ: \"{v}\"").format(v=pinned),
                             _("viết dạng 2021-09-27T09:30:00+07:00 hoặc bỏ biến này")) from None
        check_year(moment.date(), "DVCLI_NOW")
        if moment.tzinfo is None:
            return moment.replace(tzinfo=zone_) if zone_ is not None else moment.astimezone()
        return moment
    current = dt.datetime.now(zone_) if zone_ is not None else dt.datetime.now().astimezone()
    return current.replace(microsecond=0)


def aware(moment: dt.datetime, regime: Reporting) -> dt.datetime:
    """``moment`` with the plan's zone when it was written without one."""
    return moment if moment.tzinfo else moment.replace(tzinfo=zone(regime))


_month_period = month  # ``select`` takes a ``month`` option that shadows the function


def select(regime: Reporting, today: dt.date, *, week: str | None = None, month: str | None = None,
           start: str | None = None, end: str | None = None) -> Period | None:
    """The one period the command-line options name (``--week``, ``--month``, ``--from``/``--to``).

    None when no option was given (each command chooses its own default); an error when
    several were given or a range lacks one end.
    """
    given = [name for name, value in (("--week", week), ("--month", month), ("--from/--to", start or end)) if value]
    if len(given) > 1:
        raise DvcliError(_("chỉ chọn một kỳ: {g}").format(g=", ".join(given)),
                         _("dùng --week, --month, hoặc --from cùng --to"))
    if (start is None) != (end is None):
        raise DvcliError(_("thiếu {o}").format(o="--to" if end is None else "--from"),
                         _("một khoảng thời gian cần cả --from và --to, ví dụ --from 2021-09-13 --to 2021-09-26"))
    if week:
        return parse_week(week, regime, today)
    if month:
        return _month_period(month, regime)
    if start and end:
        return date_range(start, end)
    return None
