"""A request for a report addressed to the group (``data/requests/<id>.yaml``), with a deadline.

The plan's III.2: the group reports to those above it "định kỳ hoặc đột xuất". An incoming
request (a công văn asking for a report by a date) is recorded as its own file, named by its id.
Members answer it with ad-hoc reports that name it (``Report.request``); the answer is the
consolidated report issued for it (``Issued.request``), or an issued document named by
``dvcli request close`` (``answer``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .common import STRICT, Slug, Text


@dataclass(frozen=True)
class ReportRequest:
    """Yêu cầu báo cáo gửi đến Tổ công tác (đột xuất hoặc định kỳ), có hạn trả lời."""

    __pydantic_config__ = STRICT
    id: Slug
    """Mã yêu cầu, cũng là tên tệp: data/requests/MÃ.yaml."""
    title: Text
    """Nội dung yêu cầu báo cáo, cũng là trích yếu của văn bản trả lời."""
    requester: Text
    """Cơ quan yêu cầu, ví dụ "Thường trực Ban Bí thư"; văn bản trả lời gửi cơ quan này."""
    received: dt.date
    """Ngày nhận yêu cầu."""
    due: dt.datetime
    """Hạn trả lời, ví dụ 2021-09-30 17:00."""
    ref: str | None = None
    """Văn bản yêu cầu, ví dụ "Công văn số 125-CV/TTBBT ngày 22/9/2021": dẫn ở câu mở đầu của văn bản trả lời."""
    start: dt.date | None = None
    """Từ ngày (khoảng thời gian văn bản trả lời nói đến); mặc định ngày nhận."""
    end: dt.date | None = None
    """Đến ngày; mặc định ngày của hạn trả lời."""
    members: list[Slug] = field(default_factory=list)
    """Những thành viên phải đóng góp (id)."""
    template: Slug = "tong-hop-tuan"
    """Mẫu văn bản trả lời (một mục của reporting.documents trong data/plan.yaml)."""
    note: str | None = None
    answer: str | None = None
    """Văn bản đã ban hành trả lời yêu cầu này (ví dụ 2021/05-BC-BDVTW), ghi bởi dvcli request close."""

    @property
    def first_day(self) -> dt.date:
        return self.start or self.received

    @property
    def last_day(self) -> dt.date:
        return self.end or self.due.date()
