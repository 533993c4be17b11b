"""Cross-file rules for assignments and reports; each returns every problem it finds.

The same report rules run when ``report new`` validates a draft and when ``dvcli check``
walks ``data/reports``: a report that can be saved is a report that checks clean.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import snapshot
from ..errors import Problem
from ..i18n import _
from ..model import Assignment, Plan, Report, Roster
from ..store import Store
from .plan_roster import Finder

_KINDS = ("subjects", "fields", "areas")
_PERIOD = re.compile(r"^(\d{4})-W(\d{2})$")


def _vocabulary(plan: Plan) -> dict[str, set[str]]:
    return {kind: {term.id for term in getattr(plan.vocabulary, kind)} for kind in _KINDS}


def _member(found: Finder, roster: Roster | None, member: str) -> None:
    if roster is not None and roster.member(member) is None:
        found.add(("member",), _("không có thành viên \"{m}\"").format(m=member),
                  _("dùng id trong data/members.yaml (xem: dvcli members list)"))


def _terms(found: Finder, vocabulary: dict[str, set[str]], record: object, loc: tuple[str | int, ...]) -> None:
    for kind in _KINDS:
        for index, term in enumerate(getattr(record, kind)):
            if term not in vocabulary[kind]:
                found.add((*loc, kind, index), _("không có \"{t}\" trong vocabulary.{k} của kế hoạch").format(
                    t=term, k=kind), _("dùng một mã trong data/plan.yaml, mục vocabulary.{k}").format(k=kind))


def _task(found: Finder, plan: Plan, task: str, loc: tuple[str | int, ...]) -> None:
    item = plan.item(task)
    tasks = ", ".join(item.id for item in plan.tasks())
    if item is None:
        found.add(loc, _("kế hoạch không có mục \"{t}\"").format(t=task), _("dùng một nhiệm vụ: {ts}").format(ts=tasks))
    elif not item.task:
        found.add(loc, _("mục {t} không phải nhiệm vụ được phân công").format(t=task),
                  _("dùng một nhiệm vụ: {ts}").format(ts=tasks))


def assignment_rules(store: Store, path: Path, record: Assignment, plan: Plan | None,
                     roster: Roster | None) -> list[Problem]:
    found = Finder(store, path)
    _member(found, roster, record.member)
    if plan is not None:
        _task(found, plan, record.task, ("task",))
        _terms(found, _vocabulary(plan), record, ())
    if record.end is not None and record.end < record.start:
        found.add(("end",), _("ngày kết thúc {e} trước ngày bắt đầu {s}").format(e=record.end, s=record.start),
                  _("sửa end cho sau start, hoặc bỏ end"))
    expected = store.ws.assignment_path(record.member, record.task, record.start.isoformat())
    if expected != path:
        found.add(("member",), _("tên tệp không khớp nội dung: phải là {p}").format(p=store.ws.rel(expected)),
                  _("đổi tên tệp (git mv) cho khớp member, task và start trong tệp"))
    return found.problems


def empty_message() -> str:
    """The problem of a report that says nothing (``report new --no-edit`` names it its own way)."""
    return _("báo cáo không có nội dung: mọi mục đều trống, mọi số liệu bằng 0")


def report_rules(store: Store, path: Path, report: Report, plan: Plan, roster: Roster | None,
                 today: dt.date) -> list[Problem]:
    """Rules on a report's content (the path rules are ``report_path_rules``)."""
    found = Finder(store, path)
    _member(found, roster, report.member)
    if report.empty and not report.nothing_to_report:
        found.add(("member",), empty_message(),
                  _("viết ít nhất một mục; nếu kỳ này thật sự không có gì để báo cáo, ghi nothing_to_report: true "
                    "(dvcli report new THÀNH-VIÊN --nothing-to-report)"))
    elif report.nothing_to_report and not report.empty:
        found.add(("nothing_to_report",), _("nothing_to_report: true nhưng báo cáo có nội dung"),
                  _("bỏ dòng nothing_to_report, hoặc xoá nội dung nếu kỳ này không có gì để báo cáo"))
    if report.period is None:
        if report.date is None:
            found.add(("date",), _("báo cáo đột xuất thiếu ngày (date)"),
                      _("thêm period: 2021-W38 cho báo cáo tuần, hoặc date: 2021-09-22 cho báo cáo đột xuất"))
        if not (report.title or "").strip():
            found.add(("title",), _("báo cáo đột xuất thiếu tiêu đề (title)"),
                      _("thêm title: nội dung chính của báo cáo đột xuất"))
    else:
        _period(found, plan, report.period, today)
    if report.request is not None:
        if report.period is not None:
            found.add(("request",), _("chỉ báo cáo đột xuất mới trả lời một yêu cầu (request)"),
                      _("bỏ dòng request, hoặc nộp báo cáo đột xuất: dvcli report new THÀNH-VIÊN --request {r}").format(
                          r=report.request))
        elif not store.ws.request_path(report.request).is_file():
            found.add(("request",), _("không có yêu cầu báo cáo \"{r}\" (data/requests/{r}.yaml)").format(
                r=report.request), _("sửa request cho đúng một mã trong: dvcli request list"))
    vocabulary = _vocabulary(plan)
    for index, result in enumerate(report.results):
        _task(found, plan, result.task, ("results", index, "task"))
        _terms(found, vocabulary, result, ("results", index))
    for index, model in enumerate(report.models):
        if model.area is not None and model.area not in vocabulary["areas"]:
            found.add(("models", index, "area"), _("không có \"{t}\" trong vocabulary.areas của kế hoạch").format(
                t=model.area), _("dùng một mã trong data/plan.yaml, mục vocabulary.areas"))
    indicators = {indicator.id: indicator for indicator in plan.reporting.indicators}
    for key, value in report.indicators.items():
        indicator = indicators.get(key)
        if indicator is None:
            found.add(("indicators", key), _("kế hoạch không có chỉ tiêu \"{k}\"").format(k=key),
                      _("các chỉ tiêu: {ids}").format(ids=", ".join(indicators)))
        elif indicator.type == "integer" and value != value.to_integral_value():
            found.add(("indicators", key), _("chỉ tiêu \"{k}\" phải là số nguyên, không phải {v}").format(
                k=key, v=value), _("viết số nguyên không có dấu chấm hay phẩy ngăn cách, ví dụ 1500000"))
    return found.problems


def _period(found: Finder, plan: Plan, period: str, today: dt.date) -> None:
    match = _PERIOD.match(period)
    if match is None:
        return  # the schema already said so
    try:
        monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        found.add(("period",), _("năm {y} không có tuần {w}").format(y=match.group(1), w=match.group(2)),
                  _("số tuần từ 01 đến 52 (hoặc 53)"))
        return
    first = plan.reporting.start - dt.timedelta(days=plan.reporting.start.weekday())
    if monday < first or monday > today + dt.timedelta(days=366):
        found.add(("period",), _("kỳ {p} nằm ngoài thời gian của kế hoạch (từ {s})").format(
            p=period, s=plan.reporting.start.isoformat()), _("kiểm tra lại năm và số tuần"))


def report_path_rules(store: Store, item: snapshot.ReportPath, report: Report) -> list[Problem]:
    """The path must say what the content says: week folder, member, ad-hoc date."""
    found = Finder(store, item.path)
    if item.ad_hoc:
        if report.period is not None:
            found.add(("period",), _("báo cáo tuần nằm trong thư mục đột xuất"),
                      _("chuyển tệp về {p}").format(p=store.ws.rel(store.ws.report_path(
                          item.year, item.week, report.member))))
        elif report.date is not None:
            year, week, _day = report.date.isocalendar()
            name = item.path.name
            if (year, week) != (item.year, item.week) or not name.startswith(f"{report.date.isoformat()}-{report.member}-"):
                found.add(("date",), _("tên tệp không khớp ngày {d} và thành viên {m}").format(
                    d=report.date.isoformat(), m=report.member),
                    _("đặt tệp ở data/reports/{y}/W{w:02d}/dot-xuat/{d}-{m}-TIEU-DE.yaml").format(
                        y=year, w=week, d=report.date.isoformat(), m=report.member))
        return found.problems
    if report.member != item.member:
        found.add(("member",), _("tệp của {f} nhưng member là {m}").format(f=item.member, m=report.member),
                  _("sửa member, hoặc đổi tên tệp thành {m}.yaml").format(m=report.member))
    if report.period is None:
        found.add(("period",), _("báo cáo tuần thiếu kỳ (period)"),
                  _("thêm period: {p}").format(p=item.period))
    elif report.period != item.period:
        found.add(("period",), _("tệp nằm trong thư mục kỳ {f} nhưng period là {p}").format(
            f=item.period, p=report.period), _("sửa period, hoặc chuyển tệp sang thư mục của kỳ {p}").format(
            p=report.period))
    return found.problems


@dataclass
class RecordsResult:
    problems: list[Problem] = field(default_factory=list)
    assignments: int = 0
    reports: int = 0
    strays: list[snapshot.Stray] = field(default_factory=list)  # files that are no record (the listing rule)


def check_records(store: Store, plan: Plan | None, roster: Roster | None, today: dt.date) -> RecordsResult:
    """Every assignment and report file: parse, schema, cross-references, path.

    A file that checked clean before, byte for byte, against the same plan and roster is passed
    without loading its record (``Store.known_clean``); the rules depend on nothing else except
    ``today``, and only through "period too far in the future", which can only become clean as
    days pass. Only clean verdicts are cached, not the records (``Store.read(remember=False)``).

    Thousands of files are spread over the cores: the assignments are one task, each report week
    another; a task lists its own folder (the parent lists only the week folders), so no process
    builds 500,000 paths before the work starts.
    """
    from .. import parallel

    result = RecordsResult()
    context = store.fingerprint(store.ws.plan_file, store.ws.members_file) if plan and roster else None
    weeks, strays = snapshot.report_weeks(store.ws)
    tasks: list[snapshot.WeekFolder | None] = [None, *weeks]  # None: the assignments
    files = sum(week.files for week in weeks) + snapshot.member_folders(store.ws)

    def check(task: snapshot.WeekFolder | None) -> RecordsResult:
        if task is None:
            return _check_assignments(store, plan, roster, context)
        return _check_week(store, task, plan, roster, today, context)

    for part in parallel.map_tasks(check, tasks, files):
        result.problems += part.problems
        result.assignments += part.assignments
        result.reports += part.reports
        strays += part.strays
    strays += snapshot.correction_strays(store.ws) + snapshot.layout_strays(store.ws)
    for stray in sorted(strays, key=lambda item: item.path.split(os.sep)):  # noqa: PTH206 - strings, many files
        result.problems.append(snapshot.stray_problem(store.ws, stray))
    result.strays = strays
    return result


def _check_assignments(store: Store, plan: Plan | None, roster: Roster | None, context: str | None) -> RecordsResult:
    """Every assignment file (``check_records``); in a worker process it saves its own cache shard."""
    from .. import parallel

    worker = parallel.in_worker()
    if worker:
        store.fresh_cache()
    result = RecordsResult()
    for path in snapshot.assignment_listing(store.ws, result.strays):
        if context and store.known_clean(path, Assignment, context):
            result.assignments += 1
            continue
        loaded = store.read(path, Assignment, remember=False)
        result.problems += loaded.problems
        if loaded.record is not None:
            result.assignments += 1
            found = assignment_rules(store, path, loaded.record, plan, roster)
            result.problems += found
            if context and not found:
                store.mark_clean(loaded, Assignment, context)
    if worker:
        store.close()
    return result


def _check_week(store: Store, week: snapshot.WeekFolder, plan: Plan | None, roster: Roster | None,
                today: dt.date, context: str | None) -> RecordsResult:
    """One report week (``check_records``); in a worker process it saves its own cache shard."""
    from .. import parallel

    worker = parallel.in_worker()
    if worker:
        store.fresh_cache()
    result = RecordsResult()
    items, result.strays = week.listing()
    for item in items:
        if context and store.known_clean(item.path, Report, context):
            result.reports += 1
            continue
        loaded = store.read(item.path, Report, remember=False)
        result.problems += loaded.problems
        if loaded.record is None:
            continue
        result.reports += 1
        found = report_rules(store, item.path, loaded.record, plan, roster, today) if plan is not None else []
        found += report_path_rules(store, item, loaded.record)
        result.problems += found
        if context and not found:
            store.mark_clean(loaded, Report, context)
    if worker:
        store.close()
    return result
