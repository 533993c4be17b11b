"""``dvcli members add|edit|leave|remove``: roster changes through the tool, comments kept.

``members.yaml`` is a file people annotate, so it is edited in ruamel.yaml's round-trip mode
(``yamledit.edit_document``): every comment, the key order and untouched values stay. What is
derived from the roster follows in the same commit: ``group.size`` in ``plan.yaml`` counts the
members who have not left, so ``add`` and ``remove`` update it (and ``check`` names the exact value
when a hand edit makes them disagree). A member who leaves (``remove --from``) stays in the file
with ``left:``, so past reports and the history keep resolving the name; from that date the
member is no longer expected to report. The new roster is validated (schema and roster rules)
before anything is written, and both files are written under the lock, atomically, in one commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from .. import atomic, yamledit, yamlio
from ..errors import ConflictError, DataError, DvcliError, NotFoundError, Problem
from ..i18n import _, ngettext
from ..model import Plan, Role, Roster
from ..names import fold, resolve
from ..store import Store
from .members import find_member
from .writes import Written, locked_write

ROLES = get_args(Role)


@dataclass
class RosterChange:
    member: str
    files: list[str]
    written: Written


@dataclass(frozen=True)
class Fields:
    """Values given on the command line (None: not given)."""

    name: str | None = None
    unit: str | None = None
    position: str | None = None
    role: str | None = None
    phone: str | None = None
    email: str | None = None


def _unit(roster: Roster, query: str) -> str:
    unit = resolve(query, roster.units, _("đơn vị"), [u.name for u in roster.units])
    return unit.id


def _role(text: str) -> str:
    if text not in ROLES:
        raise DvcliError(_("không có vai trò \"{r}\"").format(r=text),
                         _("chọn một trong: {all}").format(all=", ".join(ROLES)))
    return text


def _check(store: Store, text: bytes, plan_text: bytes | None) -> None:
    """Validate the new roster (and plan) as ``check`` would, before anything is written."""
    from .. import schema
    from ..checks import check_roster

    ws = store.ws
    display = ws.rel(ws.members_file)
    data = yamlio.loads(text, display)
    roster, errors = schema.validate(Roster, data)
    if roster is None:
        raise DataError([Problem(display, None, error.field, error.message, error.hint) for error in errors])
    problems = check_roster(store, roster)
    if problems:
        raise DataError(problems)
    if plan_text is not None:
        yamlio.loads(plan_text, ws.rel(ws.plan_file))


def _write(store: Store, member: str, message: str, commit: bool, roster_bytes: bytes,
           plan_bytes: bytes | None, others: dict[Path, bytes] | None = None) -> RosterChange:
    """Write the roster (and the plan, and ``others`` — assignments ended with a removal) in one commit."""
    ws = store.ws
    _check(store, roster_bytes, plan_bytes)
    others = others or {}
    before = {ws.members_file: ws.members_file.read_bytes(), ws.plan_file: ws.plan_file.read_bytes(),
              **{path: path.read_bytes() for path in others}}

    def write() -> list[Path]:
        for path, original in before.items():  # nobody changed them since they were read
            if path.read_bytes() != original:
                raise ConflictError(_("{p} vừa được sửa ở nơi khác").format(p=ws.rel(path)),
                                    _("chạy lại lệnh"))
        atomic.write_bytes(ws.members_file, roster_bytes)
        paths = [ws.members_file]
        if plan_bytes is not None:
            try:
                atomic.write_bytes(ws.plan_file, plan_bytes)
            except OSError:
                atomic.write_bytes(ws.members_file, before[ws.members_file])  # all or nothing
                raise
            paths.append(ws.plan_file)
        for path, data in others.items():  # the transaction puts every file back if one fails
            atomic.write_bytes(path, data)
            paths.append(path)
        return paths

    written = locked_write(ws, message, commit, write)
    return RosterChange(member, written.paths, written)


def _members_edit(store: Store, change: Callable[[Any], None]) -> bytes:
    ws = store.ws
    return yamledit.edit_document(ws.members_file, ws.rel(ws.members_file), change)


def _size_edit(store: Store, plan: Plan, delta: int) -> bytes:
    ws = store.ws

    def change(data: Any) -> None:
        data["group"]["size"] = plan.group.size + delta

    return yamledit.edit_document(ws.plan_file, ws.rel(ws.plan_file), change)


def _index(data: Any, member_id: str) -> int:
    return next(index for index, item in enumerate(data["members"]) if item.get("id") == member_id)


def add(store: Store, name: str, fields: Fields, member_id: str | None = None, commit: bool = True) -> RosterChange:
    plan, roster = store.plan(), store.roster()
    name = " ".join(name.split())
    if not name:
        raise DvcliError(_("cần họ tên thành viên"), _("ví dụ: dvcli members add \"Lê Văn An\" --unit vu-dan-toc "
                                                      "--position \"Chuyên viên Vụ Dân tộc\""))
    new_id = member_id or fold(name)
    taken = roster.member(new_id)
    if taken is not None:
        raise ConflictError(_("đã có thành viên id \"{i}\" ({n})").format(i=new_id, n=taken.name),
                            _("đặt id khác bằng --id, ví dụ --id {i}-2").format(i=new_id))
    if not fields.unit or not fields.position:
        raise DvcliError(_("thành viên mới cần --unit và --position"),
                         _("ví dụ: dvcli members add \"{n}\" --unit vu-dan-toc --position \"Chuyên viên\"").format(n=name))
    values: dict[str, Any] = {"id": new_id, "name": name, "position": " ".join(fields.position.split()),
                              "unit": _unit(roster, fields.unit), "role": _role(fields.role or "thanh-vien")}
    if fields.phone:
        values["phone"] = fields.phone.strip()
    if fields.email:
        values["email"] = fields.email.strip()

    def change(data: Any) -> None:
        members = data["members"]
        members.append(yamledit.mapping(values))
        # a blank line before the new item, like between the items a person wrote
        members.yaml_set_comment_before_after_key(len(members) - 1, before="\n", indent=2)

    message = _("thêm thành viên: {m}").format(m=new_id)
    return _write(store, new_id, message, commit, _members_edit(store, change), _size_edit(store, plan, 1))


def edit(store: Store, query: str, fields: Fields, commit: bool = True) -> RosterChange:
    roster = store.roster()
    member = find_member(roster, query)
    changes: dict[str, Any] = {}
    if fields.name is not None:
        changes["name"] = " ".join(fields.name.split())
    if fields.position is not None:
        changes["position"] = " ".join(fields.position.split())
    if fields.unit is not None:
        changes["unit"] = _unit(roster, fields.unit)
    if fields.role is not None:
        changes["role"] = _role(fields.role)
    for key in ("phone", "email"):
        value = getattr(fields, key)
        if value is not None:
            changes[key] = value.strip() or None  # "" removes it
    if not changes:
        raise DvcliError(_("không có gì để sửa"),
                         _("thêm ít nhất một trong: --name, --unit, --position, --role, --phone, --email"))

    def change(data: Any) -> None:
        item = data["members"][_index(data, member.id)]

        def apply() -> None:
            for key, value in changes.items():
                if value is None:
                    item.pop(key, None)
                else:
                    yamledit.set_key(item, key, value, _ORDER)

        yamledit.keeping_tail(item, apply)

    message = _("sửa thành viên: {m} ({f})").format(m=member.id, f=", ".join(changes))
    return _write(store, member.id, message, commit, _members_edit(store, change), None)


_ORDER = ("id", "name", "position", "unit", "role", "phone", "email", "leave", "left")


def leave(store: Store, query: str, start: dt.date, end: dt.date, note: str | None,
          commit: bool = True) -> RosterChange:
    roster = store.roster()
    member = find_member(roster, query)
    if end < start:
        raise DvcliError(_("ngày kết thúc {e} trước ngày bắt đầu {s}").format(e=end, s=start),
                         _("sửa --to cho sau --from"))
    for period in member.leave:
        if period.start <= end and start <= period.end:
            raise ConflictError(_("{m} đã có thời gian vắng {s} – {e} trùng với khoảng này").format(
                m=member.id, s=period.start.isoformat(), e=period.end.isoformat()),
                _("chọn khoảng khác, hoặc sửa thời gian vắng đã có trong data/members.yaml"))
    entry: dict[str, Any] = {"start": start, "end": end}
    if note and note.strip():
        entry["reason"] = " ".join(note.split())

    def change(data: Any) -> None:
        item = data["members"][_index(data, member.id)]

        def apply() -> None:
            if "leave" in item and item["leave"] is not None:
                item["leave"].append(yamledit.mapping(entry))
            else:
                from ruamel.yaml.comments import CommentedSeq

                yamledit.set_key(item, "leave", CommentedSeq([yamledit.mapping(entry)]), _ORDER)

        yamledit.keeping_tail(item, apply)

    message = _("vắng: {m} {s} – {e}").format(m=member.id, s=start.isoformat(), e=end.isoformat())
    return _write(store, member.id, message, commit, _members_edit(store, change), None)


def remove(store: Store, query: str, start: dt.date, commit: bool = True) -> RosterChange:
    plan, roster = store.plan(), store.roster()
    member = find_member(roster, query)
    if member.left is not None:
        raise ConflictError(_("{m} đã rời Tổ từ ngày {d}").format(m=member.id, d=member.left.isoformat()),
                            _("xem: dvcli members show {m}").format(m=member.id))
    if member.id in (plan.group.leader, plan.group.secretary):
        raise DvcliError(_("{m} đang là Tổ trưởng hoặc Thư ký (group trong data/plan.yaml)").format(m=member.id),
                         _("giao vai trò cho người khác trước (dvcli members edit NGƯỜI-KHÁC --role …, "
                           "rồi sửa group.leader/secretary trong data/plan.yaml)"))

    def change(data: Any) -> None:
        item = data["members"][_index(data, member.id)]
        yamledit.keeping_tail(item, lambda: yamledit.set_key(item, "left", start, _ORDER))

    ended = _ended_assignments(store, member.id, start)
    message = _("rời Tổ: {m} từ {d}").format(m=member.id, d=start.isoformat())
    if ended:
        message += "; " + ngettext("kết thúc {n} phân công", "kết thúc {n} phân công", len(ended)).format(n=len(ended))
    return _write(store, member.id, message, commit, _members_edit(store, change), _size_edit(store, plan, -1),
                  ended)


def _ended_assignments(store: Store, member: str, start: dt.date) -> dict[Path, bytes]:
    """The member's assignments still running on ``start``, each ended the day before (comments kept).

    One that would start on or after the day the member leaves is left for ``check`` to name.
    """
    from ..yamledit import update_mapping
    from .assign import ORDER, load_all

    last = start - dt.timedelta(days=1)
    ended: dict[Path, bytes] = {}
    for path, record in load_all(store):
        if record.member == member and record.start <= last and (record.end is None or record.end >= start):
            ended[path] = update_mapping(path, {"end": last}, ORDER, store.ws.rel(path))
    return ended


__all__ = ["Fields", "NotFoundError", "RosterChange", "add", "edit", "leave", "remove"]
