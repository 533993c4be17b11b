"""``dvcli request``: requests for reports with deadlines — recorded, listed by state, answered.

A request (``data/requests/<id>.yaml``, ``model.ReportRequest``) says who asks (``requester``), by
which document (``ref``), what about (``title``), by when (``due``) and which members must
contribute. Members answer it with ad-hoc reports naming it (``report new --request ID``); the
answer is the consolidated report issued for it (``consolidate --request ID --issue`` writes
``request: ID`` into the issued record) or an issued document named by ``request close``.

The four states, as an e-office's buckets, by the one clock (``periods.now``, ``DVCLI_NOW``):
open (chưa đến hạn: not answered, due time not passed), overdue (quá hạn: not answered, due
time passed), answered on time (đã trả lời đúng hạn: the answer's date is on or before the due
day) and answered late (đã trả lời quá hạn).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import atomic, paths, snapshot, yamlio
from ..errors import ConflictError, DataError, DvcliError, NotFoundError
from ..i18n import _
from ..model import SLUG, Plan, Report, ReportRequest, Roster
from ..names import fold
from ..periods import Period, aware, parse_date, parse_deadline
from ..store import Store
from .members import find_member
from .writes import Written, locked_write, now

OPEN, OVERDUE, ON_TIME, LATE = "chua-den-han", "qua-han", "tra-loi-dung-han", "tra-loi-qua-han"
STATE_LABELS = {OPEN: "chưa đến hạn", OVERDUE: "quá hạn", ON_TIME: "đã trả lời đúng hạn", LATE: "đã trả lời quá hạn"}
ID_LENGTH = 40  # an id made from a title; one given with --id may have up to MAX_ID
MAX_ID = 64


# --- reading -----------------------------------------------------------------------------------


def load_all(store: Store) -> list[tuple[Path, ReportRequest]]:
    """Every request file by the listing rule, valid; a broken one stops the command (check names it)."""
    found, problems = [], []
    for path in snapshot.request_files(store.ws):
        loaded = store.read(path, ReportRequest)
        problems += loaded.problems
        if loaded.record is not None:
            found.append((path, loaded.record))
    if problems:
        raise DataError(problems)
    return found


def find(store: Store, request_id: str) -> ReportRequest:
    """The request with id ``request_id`` (exactly), or a not-found error naming the known ones."""
    wanted = request_id.strip()
    records = load_all(store)
    for _path, record in records:
        if record.id == wanted:
            return record
    known = [record.id for _path, record in records]
    import difflib

    close = difflib.get_close_matches(wanted, known, n=2, cutoff=0.5)
    if close:
        hint = _("có phải: {c}? (xem danh sách: dvcli request list)").format(c=", ".join(close))
    elif known:
        hint = _("xem danh sách: dvcli request list")
    else:
        hint = _("chưa có yêu cầu nào; ghi yêu cầu mới: dvcli request add \"TIÊU ĐỀ\" --from CƠ-QUAN --due NGÀY")
    raise NotFoundError(_("không có yêu cầu báo cáo \"{r}\"").format(r=wanted), hint)


def due_of(request: ReportRequest, plan: Plan) -> dt.datetime:
    return aware(request.due, plan.reporting)


def period_of(request: ReportRequest) -> Period:
    """The dates the answer covers: ``start``..``end`` (default: received .. due day)."""
    first, last = request.first_day, request.last_day
    return Period(first, max(first, last), f"{first.isoformat()}..{max(first, last).isoformat()}", "range")


def basis(request: ReportRequest) -> str:
    """What the answer implements, for its opening: "Công văn số … của Thường trực Ban Bí thư"."""
    from ..consolidation.formal import request_basis  # the document's wording: Vietnamese in every language

    return request_basis(request.ref, request.requester)


# --- adding ------------------------------------------------------------------------------------


@dataclass
class Added:
    record: ReportRequest
    path: str
    written: Written


def make_id(title: str) -> str:
    """An id from the title: its slug, cut at a hyphen to at most ``ID_LENGTH`` characters."""
    slug = fold(title)
    if len(slug) > ID_LENGTH:
        cut = slug[:ID_LENGTH + 1].rfind("-")
        slug = slug[:cut if cut > 10 else ID_LENGTH].strip("-")
    return slug or "yeu-cau"


def check_id(request_id: str) -> None:
    import re

    if not re.fullmatch(SLUG, request_id) or len(request_id) > MAX_ID or paths.reserved_name(request_id):
        raise DvcliError(_("mã yêu cầu \"{i}\" không dùng được làm tên tệp").format(i=request_id),
                         _("chỉ dùng chữ thường không dấu, chữ số và dấu '-', tối đa {n} ký tự, ví dụ "
                           "--id bao-cao-mua-lu-2021").format(n=MAX_ID))


def default_template(plan: Plan) -> str:
    """The document a request is answered with by default: the first declared one sent upward, else the first."""
    documents = plan.reporting.documents
    for name, output in documents.items():
        if output.upward:
            return name
    return next(iter(documents), "tong-hop-tuan")


def check_template(plan: Plan, template: str) -> None:
    if template not in plan.reporting.documents:
        names = ", ".join(plan.reporting.documents) or _("(chưa có)")
        raise NotFoundError(_("kế hoạch không khai mẫu báo cáo \"{t}\" (reporting.documents)").format(t=template),
                            _("dùng một mẫu đã khai: {n}; hoặc thêm mục {t} vào reporting.documents "
                              "trong data/plan.yaml").format(n=names, t=template))


def chosen_members(roster: Roster, names: list[str], everyone: bool, day: dt.date) -> list[str]:
    """The members named (ids, names, comma-separated lists), or everyone still in the group on ``day``."""
    if names and everyone:
        raise DvcliError(_("chọn --members hoặc --all, không dùng cả hai"),
                         _("--all: mọi thành viên; --members: chỉ những người được kể tên"))
    if not names:
        return [member.id for member in roster.members if member.active(day)]
    chosen: list[str] = []
    for part in (piece.strip() for name in names for piece in name.split(",")):
        if part:
            member = find_member(roster, part)
            if member.id not in chosen:
                chosen.append(member.id)
    if not chosen:
        raise DvcliError(_("--members không kể tên thành viên nào"), _("ví dụ --members vy-tu-lieu,bui-thuy"))
    return chosen


def add(store: Store, title: str, requester: str, due_text: str, *, ref: str | None = None,
        members: list[str] | None = None, everyone: bool = False, template: str | None = None,
        received: str | None = None, start: str | None = None, end: str | None = None,
        request_id: str | None = None, note: str | None = None, commit: bool = True) -> Added:
    """Record an incoming request (see the module docstring); refused whole when anything is wrong."""
    plan, roster = store.plan(), store.roster()
    title, requester = " ".join(title.split()), " ".join(requester.split())
    if not title:
        raise DvcliError(_("yêu cầu báo cáo cần tiêu đề"),
                         _("ví dụ: dvcli request add \"Tình hình mưa lũ tại miền Trung\" --from \"Thường trực Ban "
                           "Bí thư\" --due 2021-09-30"))
    if not requester:
        raise DvcliError(_("--from (cơ quan yêu cầu) không được để trống"),
                         _("ví dụ --from \"Thường trực Ban Bí thư\""))
    moment = now(plan.reporting)
    day = parse_date(received) if received else moment.date()
    due = aware(parse_deadline(due_text), plan.reporting)
    if due.date() < day:
        raise DvcliError(_("hạn trả lời {d} trước ngày nhận yêu cầu {r}").format(
            d=due.strftime("%H:%M %d/%m/%Y"), r=day.strftime("%d/%m/%Y")),
            _("kiểm tra --due (và --received nếu có), ví dụ --due \"2021-09-30 17:00\""))
    first = parse_date(start) if start else None
    last = parse_date(end) if end else None
    if (first or day) > (last or due.date()):
        raise DvcliError(_("khoảng thời gian báo cáo ngược: từ {s} đến {e}").format(
            s=(first or day).strftime("%d/%m/%Y"), e=(last or due.date()).strftime("%d/%m/%Y")),
            _("--start phải trước --end (mặc định: từ ngày nhận đến ngày của hạn)"))
    chosen_template = template or default_template(plan)
    check_template(plan, chosen_template)
    who = chosen_members(roster, members or [], everyone, day)
    rid = (request_id or "").strip() or make_id(title)
    check_id(rid)
    path = store.ws.request_path(rid)
    if path.exists() or path.is_symlink():
        raise ConflictError(_("đã có yêu cầu \"{i}\" ({p})").format(i=rid, p=store.ws.rel(path)),
                            _("đặt mã khác bằng --id, ví dụ --id {i}-2; xem: dvcli request list").format(i=rid))
    data: dict[str, Any] = {"id": rid, "title": title, "requester": requester}
    if ref and ref.strip():
        data["ref"] = " ".join(ref.split())
    data |= {"received": day, "due": due.replace(tzinfo=None) if due.utcoffset() == moment.utcoffset() else due}
    if first:
        data["start"] = first
    if last:
        data["end"] = last
    data |= {"members": who, "template": chosen_template}
    if note and note.strip():
        data["note"] = note.strip()
    from .. import schema

    record, errors = schema.validate(ReportRequest, data)
    if record is None:  # every field was checked above: what is left is the user's text (a control character)
        raise DvcliError(_("yêu cầu không hợp lệ: {f}: {m}").format(f=errors[0].field, m=errors[0].message),
                         errors[0].hint)
    message = _("yêu cầu báo cáo: {i} — {t}, của {r}, hạn {d}").format(
        i=rid, t=title, r=requester, d=due.strftime("%H:%M %d/%m/%Y"))

    def write() -> list[Path]:
        if not atomic.create(path, yamlio.dumps(data).encode("utf-8")):
            raise ConflictError(_("đã có yêu cầu \"{i}\" ({p})").format(i=rid, p=store.ws.rel(path)),
                                _("đặt mã khác bằng --id, ví dụ --id {i}-2").format(i=rid))
        return [path]

    written = locked_write(store.ws, message, commit, write)
    return Added(record, store.ws.rel(path), written)


# --- answers and states ------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    folder: str  # 2021/05-BC-BDVTW
    symbol: str
    date: dt.date


def answers(store: Store, records: list[tuple[Path, ReportRequest]]) -> dict[str, Answer]:
    """request id → the issued document that answers it (its record says so, or ``request close`` did)."""
    from .issuing import all_issued

    issued = all_issued(store)
    revoked = {item.folder_id for item in issued if _revocation(store, item.path.parent) is not None}
    found: dict[str, Answer] = {}
    by_folder = {item.folder_id: item for item in issued}
    for item in issued:
        if item.record.request and item.folder_id not in revoked and item.record.request not in found:
            found[item.record.request] = Answer(item.folder_id, item.record.symbol, item.record.date)
    for _path, record in records:
        if record.id not in found and record.answer and record.answer in by_folder:
            item = by_folder[record.answer]
            found[record.id] = Answer(item.folder_id, item.record.symbol, item.record.date)
    return found


def _revocation(store: Store, folder: Path) -> object:
    from ..snapshot.issued import revocation

    return revocation(store, folder)[0]


@dataclass
class RequestRow:
    id: str
    title: str
    requester: str
    ref: str
    received: dt.date
    due: dt.datetime
    state: str
    members: list[str]
    contributed: int
    answer: str = ""
    answered: dt.date | None = None
    overdue_by: str = ""


def listing(store: Store) -> list[RequestRow]:
    """Every request with its state now, soonest due first."""
    plan = store.plan()
    records = load_all(store)
    moment = now(plan.reporting)
    answered = answers(store, records)
    counts = _contribution_counts(store)
    rows = []
    for _path, record in records:
        due = due_of(record, plan)
        answer = answered.get(record.id)
        if answer is not None:
            state = ON_TIME if answer.date <= due.date() else LATE
        else:
            state = OVERDUE if moment > due else OPEN
        late = ""
        if state == OVERDUE:
            from .status import duration

            late = duration(moment - due)
        rows.append(RequestRow(record.id, record.title, record.requester, record.ref or "", record.received, due,
                               state, list(record.members), len(counts.get(record.id, set()) & set(record.members)),
                               answer.symbol if answer else "", answer.date if answer else None, late))
    rows.sort(key=lambda row: (row.state in (ON_TIME, LATE), row.due, row.id))
    return rows


def _contribution_counts(store: Store) -> dict[str, set[str]]:
    """request id → the members whose ad-hoc reports name it."""
    found: dict[str, set[str]] = {}
    for _path, report in contributions_of(store):
        if report.request:
            found.setdefault(report.request, set()).add(report.member)
    return found


def contributions_of(store: Store, request_id: str | None = None) -> list[tuple[str, Report]]:
    """The ad-hoc reports (path, record) that answer a request (``request_id``, or any)."""
    found, problems = [], []
    for item in snapshot.report_files(store.ws):
        if not item.ad_hoc:
            continue
        loaded = store.read(item.path, Report)
        problems += loaded.problems
        report = loaded.record
        if report is not None and report.request and request_id in (None, report.request):
            found.append((store.ws.rel(item.path), report))
    if problems:
        raise DataError(problems)
    return found


# --- who has contributed -----------------------------------------------------------------------

GIVEN, GIVEN_LATE, MISSING = "da-gop", "gop-muon", "chua-gop"
CONTRIBUTION_LABELS = {GIVEN: "đúng hạn", GIVEN_LATE: "muộn", MISSING: "chưa nộp"}


@dataclass
class ContributionRow:
    member: str
    name: str
    state: str
    submitted: dt.datetime | None
    path: str | None
    note: str = ""
    listed: bool = True  # among the request's members


@dataclass
class Contributions:
    request: ReportRequest
    due: dt.datetime
    state: str
    rows: list[ContributionRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        expected = [row for row in self.rows if row.listed]
        return {state: sum(1 for row in expected if row.state == state) for state in CONTRIBUTION_LABELS} | {
            "expected": len(self.request.members)}


def contributions(store: Store, request_id: str) -> Contributions:
    """Who of the request's members has contributed (on time, late) and who not; others who did, after."""
    plan, roster = store.plan(), store.roster()
    record = find(store, request_id)
    due = due_of(record, plan)
    state = next(row.state for row in listing(store) if row.id == record.id)
    filed: dict[str, tuple[str, Report]] = {}
    for path, report in sorted(contributions_of(store, record.id), key=lambda item: item[1].submitted.isoformat()):
        filed.setdefault(report.member, (path, report))  # a member's first contribution decides on time or late
    result = Contributions(record, due, state)
    names = {member.id: member.name for member in roster.members}
    for member in [*record.members, *(m for m in filed if m not in record.members)]:
        row = ContributionRow(member, names.get(member, member), MISSING, None, None)
        if member in filed:
            path, report = filed[member]
            moment = aware(report.submitted, plan.reporting)
            row.state, row.submitted, row.path = (GIVEN if moment <= due else GIVEN_LATE), moment, path
            if row.state == GIVEN_LATE:
                from .status import late_note

                row.note = late_note(moment - due)
        if member not in record.members:
            row.listed = False
            row.note = "; ".join(part for part in (row.note, _("ngoài danh sách được yêu cầu")) if part)
        result.rows.append(row)
    return result


# --- closing by a document issued otherwise ----------------------------------------------------


@dataclass
class Closed:
    record: ReportRequest
    answer: Answer
    state: str
    written: Written


def close(store: Store, request_id: str, issued_ref: str, commit: bool = True) -> Closed:
    """Record that ``issued_ref`` (an issued document: ``05``, ``2021/05-BC-BDVTW``) answers the request."""
    from . import issuing

    plan = store.plan()
    record = find(store, request_id)
    found = issuing.find(store, issued_ref)
    records = load_all(store)
    current = answers(store, records).get(record.id)
    if current is not None:
        raise ConflictError(_("yêu cầu \"{i}\" đã được trả lời bằng văn bản {s}").format(i=record.id, s=current.symbol),
                            _("xem: dvcli request list"))
    path = store.ws.request_path(record.id)
    from ..yamledit import update_mapping

    order = ["id", "title", "requester", "ref", "received", "due", "start", "end", "members", "template", "note",
             "answer"]

    def write() -> list[Path]:
        atomic.write_bytes(path, update_mapping(path, {"answer": found.folder_id}, order, store.ws.rel(path)))
        return [path]

    answer = Answer(found.folder_id, found.record.symbol, found.record.date)
    state = ON_TIME if answer.date <= due_of(record, plan).date() else LATE
    message = _("trả lời yêu cầu: {i} — bằng văn bản {s}").format(i=record.id, s=answer.symbol)
    written = locked_write(store.ws, message, commit, write)
    return Closed(record, answer, state, written)
