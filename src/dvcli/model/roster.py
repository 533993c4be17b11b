"""The roster (data/members.yaml): units and the group's members, with roles and leave."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, ClassVar

from .common import STRICT, Email, MinLen, Phone, Role, Slug, Text


@dataclass(frozen=True)
class Unit:
    __pydantic_config__ = STRICT
    id: Slug
    name: Text
    short: str | None = None
    """Tên viết tắt, ví dụ T78."""


@dataclass(frozen=True)
class Leave:
    """Thời gian vắng (nghỉ phép, công tác) — không phải báo cáo."""

    __pydantic_config__ = STRICT
    start: dt.date
    end: dt.date
    reason: str | None = None


@dataclass(frozen=True)
class Member:
    __pydantic_config__ = STRICT
    id: Slug
    """Id không dấu từ họ tên, ví dụ vy-tu-lieu."""
    name: Text
    position: Text
    """Chức vụ đầy đủ như trong danh sách, ví dụ "Vụ trưởng Vụ Đoàn thể nhân dân"."""
    unit: Slug
    role: Role
    phone: Phone | None = None
    email: Email | None = None
    leave: list[Leave] = field(default_factory=list)
    left: dt.date | None = None
    """Rời Tổ công tác từ ngày này (dvcli members remove); báo cáo cũ vẫn mang tên người này."""

    def active(self, start: dt.date) -> bool:
        """False once the member has left the group (on or before ``start``)."""
        return self.left is None or self.left > start

    def on_leave(self, start: dt.date, end: dt.date) -> bool:
        """True when a leave covers the whole of ``start``..``end``."""
        return any(period.start <= start and end <= period.end for period in self.leave)


@dataclass(frozen=True)
class Roster:
    __pydantic_config__ = STRICT
    # about 250 bytes a member: room for half a million members (see common.max_file_bytes)
    MAX_FILE_BYTES: ClassVar[int] = 128 * 1024 * 1024
    units: list[Unit]
    members: Annotated[list[Member], MinLen(1)]

    def unit(self, unit_id: str) -> Unit | None:
        # Indexed on first use, like members: an export looks up a unit for every report.
        index: dict[str, Unit] | None = self.__dict__.get("_units_by_id")
        if index is None:
            index = {}
            for unit in self.units:
                index.setdefault(unit.id, unit)
            object.__setattr__(self, "_units_by_id", index)
        return index.get(unit_id)

    def member(self, member_id: str) -> Member | None:
        # Indexed on first use: check looks up a member for each of 500,000 reports.
        index: dict[str, Member] | None = self.__dict__.get("_by_id")
        if index is None:
            index = {}
            for member in self.members:
                index.setdefault(member.id, member)
            object.__setattr__(self, "_by_id", index)
        return index.get(member_id)
