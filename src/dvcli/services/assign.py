"""``dvcli assign`` / ``dvcli assignments``: the leader's assignments, one file each, and coverage.

One file per assignment (``data/assignments/<member>/<task>_<start>.yaml``) means two clones
recording assignments never edit the same file. Updating an existing one goes through
``yamledit`` so the comments a person added survive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import atomic, snapshot, yamlio
from ..errors import ConflictError, DataError, DvcliError, NotFoundError, Problem
from ..i18n import _
from ..model import Assignment, Plan, Term
from ..names import resolve
from ..store import Store
from .members import find_member
from .writes import Written, locked_write, today

KINDS = ("subjects", "fields", "areas")
KIND_LABELS = {"subjects": "đối tượng", "fields": "lĩnh vực", "areas": "địa bàn"}
ORDER = ("member", "task", "start", "subjects", "fields", "areas", "end", "note")
HEADER = ("# Phân công của Tổ trưởng (Kế hoạch, mục III.2). Có thể sửa tay; sau khi sửa chạy: dvcli check\n"
          "# Đổi nội dung: dvcli assign THÀNH_VIÊN --task NHIỆM_VỤ --from NGÀY ... --update\n")


@dataclass
class AssignRequest:
    member: str
    task: str
    start: dt.date | None = None
    end: dt.date | None = None
    subjects: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    note: str | None = None
    update: bool = False
    commit: bool = True


@dataclass
class AssignResult:
    assignment: Assignment
    path: str
    updated: bool
    written: Written


def find_task(plan: Plan, query: str) -> str:
    wanted = query.strip().upper().rstrip(".")
    item = plan.item(wanted)
    tasks = ", ".join(task.id for task in plan.tasks())
    if item is None:
        raise NotFoundError(_("kế hoạch không có mục \"{q}\"").format(q=query),
                            _("các nhiệm vụ được phân công: {t}").format(t=tasks))
    if not item.task:
        raise DvcliError(_("mục {id} của kế hoạch không phải nhiệm vụ được phân công").format(id=item.id),
                         _("các nhiệm vụ được phân công: {t}").format(t=tasks))
    return item.id


def resolve_terms(plan: Plan, kind: str, queries: list[str]) -> list[str]:
    """Vocabulary ids for what was typed: an id, or a label with or without accents."""
    terms: list[Term] = getattr(plan.vocabulary, kind)
    found: list[str] = []
    for query in queries:
        for part in (piece.strip() for piece in query.split(",")):
            if not part:
                continue
            try:
                term = resolve(part, terms, _(KIND_LABELS[kind]), [term.label for term in terms])
            except NotFoundError as exc:
                ids = ", ".join(term.id for term in terms)
                raise NotFoundError(exc.message, (exc.hint + "; " if exc.hint and "?" in exc.hint else "")
                                    + _("các mã {k}: {ids}").format(k=_(KIND_LABELS[kind]), ids=ids)) from None
            if term.id not in found:
                found.append(term.id)
    return found


def assign(store: Store, request: AssignRequest) -> AssignResult:
    plan, roster = store.plan(), store.roster()
    member = find_member(roster, request.member)
    task = find_task(plan, request.task)
    start = request.start or today(plan.reporting)
    if request.end is not None and request.end < start:
        raise DvcliError(_("ngày kết thúc {e} trước ngày bắt đầu {s}").format(e=request.end, s=start),
                         _("sửa --to cho sau --from"))
    terms = {kind: resolve_terms(plan, kind, getattr(request, kind)) for kind in KINDS}
    path = store.ws.assignment_path(member.id, task, start.isoformat())
    display = store.ws.rel(path)
    note = request.note.strip() if request.note and request.note.strip() else None
    if path.exists() and not request.update:
        raise ConflictError(_("đã có phân công {t} cho {m} từ {s} ({p})").format(
            t=task, m=member.id, s=start, p=display),
            _("thêm --update để sửa phân công này (giữ nguyên ghi chú trong tệp), hoặc mở tệp {p} để sửa tay "
              "rồi chạy: dvcli check").format(p=display))
    updated = path.exists()
    message = _("phân công: {m} {t} từ {s}").format(m=member.id, t=task, s=start.isoformat())
    if updated:
        current = store.load(path, Assignment)
        changes: dict[str, Any] = {kind: values for kind, values in terms.items() if values}
        if request.end is not None:
            changes["end"] = request.end
        if note is not None:
            changes["note"] = note
        merged = {**_as_dict(current), **changes}
        message = _("sửa phân công: {m} {t} từ {s}").format(m=member.id, t=task, s=start.isoformat())
    else:
        merged = {"member": member.id, "task": task, "start": start, **terms, "end": request.end, "note": note}
    record = _validated(merged, display)

    def write() -> list[Path]:
        if updated:
            from ..yamledit import update_mapping

            data = update_mapping(path, changes, ORDER, display)
            atomic.write_bytes(path, data)
        elif not atomic.create(path, (HEADER + yamlio.dumps(_clean(merged))).encode("utf-8")):
            raise ConflictError(_("tệp {p} vừa được tạo bởi một lệnh khác").format(p=display),
                                _("xem tệp rồi chạy lại với --update nếu cần"))
        return [path]

    written = locked_write(store.ws, message, request.commit, write)
    return AssignResult(record, display, updated, written)


def _as_dict(record: Assignment) -> dict[str, Any]:
    return {key: getattr(record, key) for key in ORDER}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ORDER if data.get(key) not in (None, [], "")}


def _validated(data: dict[str, Any], display: str) -> Assignment:
    from .. import schema

    plain = {key: (value.isoformat() if isinstance(value, dt.date) else value) for key, value in _clean(data).items()}
    record, errors = schema.validate(Assignment, plain)
    if record is None:
        raise DataError([Problem(display, None, error.field, error.message, error.hint) for error in errors])
    return record


# --- reading -------------------------------------------------------------------------------


def load_all(store: Store) -> list[tuple[Path, Assignment]]:
    """Every assignment; a ``DataError`` listing every unreadable file when any is broken."""
    loaded = [store.read(path, Assignment) for path in snapshot.assignment_files(store.ws)]
    problems = [problem for item in loaded for problem in item.problems]
    if problems:
        raise DataError(problems)
    return [(item.path, item.record) for item in loaded]


def active_for(assignments: list[tuple[Path, Assignment]], member: str, start: dt.date,
               end: dt.date) -> list[Assignment]:
    return [record for _path, record in assignments if record.member == member and record.active(start, end)]


@dataclass(frozen=True)
class AssignmentRow:
    member: str
    name: str
    task: str
    start: dt.date
    end: dt.date | None
    subjects: list[str]
    fields: list[str]
    areas: list[str]
    note: str
    path: str


def rows(store: Store, member: str | None = None) -> list[AssignmentRow]:
    roster = store.roster()
    wanted = find_member(roster, member).id if member else None
    found = []
    for path, record in load_all(store):
        if wanted and record.member != wanted:
            continue
        person = roster.member(record.member)
        found.append(AssignmentRow(record.member, person.name if person else record.member, record.task,
                                   record.start, record.end, list(record.subjects), list(record.fields),
                                   list(record.areas), record.note or "", store.ws.rel(path)))
    order = {person.id: index for index, person in enumerate(roster.members)}
    return sorted(found, key=lambda row: (order.get(row.member, len(order)), row.task, row.start))


@dataclass
class CoverageLine:
    kind: str  # tasks | subjects | fields | areas
    id: str
    label: str
    members: list[str]


@dataclass
class Coverage:
    on: dt.date
    lines: list[CoverageLine]

    def uncovered(self) -> list[CoverageLine]:
        return [line for line in self.lines if not line.members]


def coverage(store: Store, on: dt.date | None = None) -> Coverage:
    """Who covers each plan task and each vocabulary term on ``on`` (default today)."""
    plan, roster = store.plan(), store.roster()
    day = on or today(plan.reporting)
    active = [record for _path, record in load_all(store) if record.active(day, day)]
    order = {person.id: index for index, person in enumerate(roster.members)}

    def who(matches: list[Assignment]) -> list[str]:
        return sorted({record.member for record in matches}, key=lambda m: order.get(m, len(order)))

    lines = [CoverageLine("tasks", task.id, task.short or task.id,
                          who([r for r in active if r.task == task.id])) for task in plan.tasks()]
    for kind in KINDS:
        for term in getattr(plan.vocabulary, kind):
            lines.append(CoverageLine(kind, term.id, term.label,
                                      who([r for r in active if term.id in getattr(r, kind)])))
    return Coverage(day, lines)

