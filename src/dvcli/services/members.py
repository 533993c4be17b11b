"""``dvcli members``: the roster in annex order, and finding one member as a person types it."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from ..model import Member, Roster
from ..names import resolve
from ..store import Store
from .plan import role_label


@dataclass(frozen=True)
class MemberRow:
    number: int
    id: str
    name: str
    position: str
    unit: str
    role: str
    phone: str
    email: str


def rows(store: Store) -> list[MemberRow]:
    roster = store.roster()
    return [_row(roster, index, member) for index, member in enumerate(roster.members, 1)]


def find_member(roster: Roster, query: str) -> Member:
    """The member named by id, full name, or the name without diacritics in any case."""
    return resolve(query, roster.members, _("thành viên"), [member.name for member in roster.members])


def show(store: Store, query: str) -> MemberRow:
    roster = store.roster()
    member = find_member(roster, query)
    return _row(roster, roster.members.index(member) + 1, member)


def _row(roster: Roster, number: int, member: Member) -> MemberRow:
    unit = roster.unit(member.unit)
    return MemberRow(number, member.id, member.name, member.position, unit.name if unit else member.unit,
                     role_label(member.role), member.phone or "", member.email or "")
