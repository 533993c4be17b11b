"""Cross-file rules. Each rule returns every problem it finds; nothing stops at the first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import Problem
from ..i18n import _
from ..model import Plan, Roster
from ..store import Store

Loc = tuple[str | int, ...]


class Finder:
    """Builds problems for one file, looking up line numbers only for the fields that fail."""

    def __init__(self, store: Store, path: Path) -> None:
        self.store, self.path = store, path
        self.problems: list[Problem] = []

    def add(self, loc: Loc, message: str, hint: str) -> None:
        from ..schema import format_loc

        self.problems.append(
            Problem(self.store.ws.rel(self.path), self.store.line(self.path, loc), format_loc(loc), message, hint))


def suggest(value: str, choices: Iterable[str], where: str) -> str:
    """A hint naming the closest valid ids, and where the valid ids are declared."""
    import difflib

    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    if close:
        return _("có phải: {c}? (các id hợp lệ khai trong {w})").format(c=", ".join(close), w=where)
    return _("dùng một id khai trong {w}").format(w=where)


MAX_ID_LENGTH = 64
"""A member id names files and folders (``data/reports/2021/W38/<id>.yaml``): short enough for any disk."""


def _file_name_rules(found: Finder, index: int, member_id: str) -> None:
    """A member id must be a file name on every system a member may use (Windows too)."""
    from ..paths import reserved_name

    if reserved_name(member_id):
        found.add(("members", index, "id"),
                  _("id \"{id}\" không dùng được làm tên tệp trên Windows").format(id=member_id),
                  _("đổi id, ví dụ {id}-1 (Windows dành riêng các tên con, prn, aux, nul, com0–com9, "
                    "lpt0–lpt9)").format(id=member_id))
    if len(member_id) > MAX_ID_LENGTH:
        found.add(("members", index, "id"),
                  _("id dài {n} ký tự, quá {m} ký tự dùng được trong tên tệp").format(n=len(member_id), m=MAX_ID_LENGTH),
                  _("rút gọn id, ví dụ chỉ giữ họ và tên không dấu"))


def check_roster(store: Store, roster: Roster) -> list[Problem]:
    found = Finder(store, store.ws.members_file)
    unit_ids = {unit.id for unit in roster.units}
    unit_list = [unit.id for unit in roster.units]
    for index, unit_id in enumerate(unit_list):
        if unit_list.index(unit_id) != index:
            found.add(("units", index, "id"), _("id đơn vị \"{id}\" bị trùng").format(id=unit_id),
                      _("mỗi đơn vị cần một id riêng"))
    first: dict[str, int] = {}  # first index of each id: list.index per member is quadratic at 10,000
    for index, member in enumerate(roster.members):
        first.setdefault(member.id, index)
    from ..names import fold

    # Members are named on the command line by id or by name typed without accents or case, so
    # two members whose id or name fold to the same key could never be told apart that way.
    keys: dict[str, int] = {}
    for index, member in enumerate(roster.members):
        if first[member.id] != index:
            found.add(("members", index, "id"), _("id thành viên \"{id}\" bị trùng").format(id=member.id),
                      _("thêm chữ số hoặc tên đệm để phân biệt, ví dụ {id}-2").format(id=member.id))
        else:
            clash = next((keys[key] for key in (fold(member.id), fold(member.name)) if key in keys), None)
            if clash is not None:
                other = roster.members[clash]
                found.add(("members", index, "name"),
                          _("\"{name}\" ({id}) trùng với \"{other}\" ({other_id}) khi bỏ dấu và chữ hoa").format(
                              name=member.name, id=member.id, other=other.name, other_id=other.id),
                          _("thêm tên đệm hoặc ghi chú vào họ tên (ví dụ \"{name} (T78)\") để phân biệt").format(
                              name=member.name))
            for key in (fold(member.id), fold(member.name)):
                keys.setdefault(key, index)
    for index, member in enumerate(roster.members):
        _file_name_rules(found, index, member.id)
        if member.unit not in unit_ids:
            found.add(("members", index, "unit"), _("không có đơn vị \"{u}\"").format(u=member.unit),
                      suggest(member.unit, unit_ids, _("units của data/members.yaml")))
        for leave_index, leave in enumerate(member.leave):
            if leave.end < leave.start:
                found.add(("members", index, "leave", leave_index, "end"),
                          _("ngày kết thúc {e} trước ngày bắt đầu {s}").format(e=leave.end, s=leave.start),
                          _("sửa lại khoảng nghỉ"))
    roles: Counter[str] = Counter(member.role for member in roster.members)
    for role, label in (("to-truong", _("Tổ trưởng")), ("thu-ky", _("Thư ký"))):
        if roles[role] != 1:
            found.add(("members",), _("cần đúng một {label}, có {n}").format(label=label, n=roles[role]),
                      _("đặt role: {role} cho đúng một thành viên").format(role=role))
    return found.problems


def check_plan(store: Store, plan: Plan, roster: Roster | None) -> list[Problem]:
    found = Finder(store, store.ws.plan_file)
    vocabulary = {kind: {term.id for term in getattr(plan.vocabulary, kind)} for kind in ("subjects", "fields", "areas")}
    for kind, terms in (("subjects", plan.vocabulary.subjects), ("fields", plan.vocabulary.fields),
                        ("areas", plan.vocabulary.areas)):
        ids = [term.id for term in terms]
        for index, term in enumerate(terms):
            if ids.index(term.id) != index:
                found.add(("vocabulary", kind, index, "id"), _("id \"{id}\" bị trùng").format(id=term.id),
                          _("mỗi mục cần một id riêng"))
    seen: set[str] = set()
    for s_index, section in enumerate(plan.sections):
        for i_index, item in enumerate(section.items):
            loc: Loc = ("sections", s_index, "items", i_index)
            if item.id in seen:
                found.add((*loc, "id"), _("số hiệu mục \"{id}\" bị trùng").format(id=item.id),
                          _("mỗi mục cần một số hiệu riêng"))
            seen.add(item.id)
            if not item.id.startswith(f"{section.id}."):
                found.add((*loc, "id"), _("mục \"{id}\" không thuộc phần {s}").format(id=item.id, s=section.id),
                          _("số hiệu mục bắt đầu bằng số hiệu phần, ví dụ {s}.1").format(s=section.id))
            if item.task and not item.short:
                found.add((*loc, "short"), _("nhiệm vụ {id} thiếu tên ngắn").format(id=item.id),
                          _("thêm short: tên ngắn dùng trong báo cáo"))
            for kind in ("subjects", "fields", "areas"):
                for index, term in enumerate(getattr(item, kind)):
                    if term not in vocabulary[kind]:
                        found.add((*loc, kind, index), _("không có \"{t}\" trong vocabulary.{k}").format(t=term, k=kind),
                                  suggest(term, vocabulary[kind], f"vocabulary.{kind}") + "; "
                                  + _("hoặc thêm mục mới vào vocabulary.{k}").format(k=kind))
            if roster is not None:
                units = {unit.id for unit in roster.units}
                for index, unit in enumerate(item.units):
                    if unit not in units:
                        found.add((*loc, "units", index), _("không có đơn vị \"{u}\"").format(u=unit),
                                  suggest(unit, units, _("units của data/members.yaml")))
    indicator_ids = [indicator.id for indicator in plan.reporting.indicators]
    for index, indicator_id in enumerate(indicator_ids):
        if indicator_ids.index(indicator_id) != index:
            found.add(("reporting", "indicators", index, "id"), _("id chỉ tiêu \"{id}\" bị trùng").format(id=indicator_id),
                      _("mỗi chỉ tiêu cần một id riêng"))
    if roster is not None:
        _check_group(found, plan, roster)
    return found.problems


def _check_group(found: Finder, plan: Plan, roster: Roster) -> None:
    group = plan.group
    for field, role, label in (("leader", "to-truong", _("Tổ trưởng")), ("secretary", "thu-ky", _("Thư ký"))):
        member_id = getattr(group, field)
        member = roster.member(member_id)
        if member is None:
            found.add(("group", field), _("không có thành viên \"{m}\"").format(m=member_id),
                      suggest(member_id, [m.id for m in roster.members], _("members của data/members.yaml")))
        elif member.role != role:
            found.add(("group", field), _("{m} không có vai trò {label} trong data/members.yaml").format(
                m=member_id, label=label), _("sửa role của thành viên này thành {r}").format(r=role))
    if roster.unit(group.standing_unit) is None:
        found.add(("group", "standing_unit"), _("không có đơn vị \"{u}\"").format(u=group.standing_unit),
                  suggest(group.standing_unit, [unit.id for unit in roster.units], _("units của data/members.yaml")))
    current = sum(1 for member in roster.members if member.left is None)  # who left is listed, not counted
    if group.size != current:
        found.add(("group", "size"), _("Tổ có {n} thành viên theo kế hoạch nhưng danh sách có {m}").format(
            n=group.size, m=current), _("sửa group.size trong data/plan.yaml thành {m}; dvcli members add/remove "
                                        "tự sửa con số này").format(m=current))
