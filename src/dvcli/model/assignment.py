"""An assignment (data/assignments/<member>/<task>_<start>.yaml): a member given a plan task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .common import STRICT, ItemId, Slug


@dataclass(frozen=True)
class Assignment:
    """Tổ trưởng phân công một thành viên một nhiệm vụ của kế hoạch."""

    __pydantic_config__ = STRICT
    member: Slug
    task: ItemId
    """Số hiệu nhiệm vụ trong kế hoạch, ví dụ II.2."""
    start: dt.date
    """Phân công có hiệu lực từ ngày."""
    subjects: list[Slug] = field(default_factory=list)
    fields: list[Slug] = field(default_factory=list)
    areas: list[Slug] = field(default_factory=list)
    end: dt.date | None = None
    """Hết hiệu lực sau ngày này (để trống: chưa kết thúc)."""
    note: str | None = None

    def active(self, start: dt.date, end: dt.date) -> bool:
        """True when the assignment overlaps the period ``start``..``end``."""
        return self.start <= end and (self.end is None or self.end >= start)
