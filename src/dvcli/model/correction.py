"""Corrections of a member's report that are records of their own: a withdrawal, a review.

A withdrawal (``data/withdrawn/<year>/W<ww>/<member>.yaml``, ad-hoc ones in ``…/dot-xuat/``) says
that a report was taken back, when and why, and keeps the withdrawn text verbatim, so nothing is
lost even outside git. A review (``data/reviews/<year>/W<ww>/<member>.yaml``) is the leader's
decision on a weekly report: accepted, or returned with a reason and a new due time. It names the
report's SHA-256 at review time: a report changed since then is awaiting review again. Neither is
written into the member's report, which keeps a single writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from .common import STRICT, Pattern, Slug, Text

Period = Annotated[str, Pattern(r"^\d{4}-W\d{2}$")]
Digest = Annotated[str, Pattern(r"^[0-9a-f]{64}$")]
Decision = Literal["accepted", "returned"]


@dataclass(frozen=True)
class Withdrawal:
    """Báo cáo đã rút: không còn được tính; nội dung cũ giữ nguyên văn ở text."""

    __pydantic_config__ = STRICT
    member: Slug
    withdrawn: dt.datetime
    """Thời điểm rút."""
    reason: Text
    """Lý do rút."""
    period: Period | None = None
    """Kỳ của báo cáo tuần đã rút; để trống với báo cáo đột xuất."""
    date: dt.date | None = None
    title: str | None = None
    submitted: dt.datetime | None = None
    """Thời điểm nộp của báo cáo đã rút."""
    sha256: Digest | None = None
    text: str = ""
    """Nội dung báo cáo đã rút, nguyên văn."""


@dataclass(frozen=True)
class Review:
    """Ý kiến của Tổ trưởng về một báo cáo tuần: duyệt, hoặc trả lại kèm lý do và hạn mới."""

    __pydantic_config__ = STRICT
    member: Slug
    period: Period
    decision: Decision
    """accepted (đã duyệt) hoặc returned (trả lại)."""
    reviewed: dt.datetime
    """Thời điểm duyệt hoặc trả lại."""
    report_sha256: Digest
    """SHA-256 của tệp báo cáo khi duyệt: báo cáo sửa sau đó lại chờ duyệt."""
    reason: str | None = None
    """Lý do trả lại."""
    due: dt.datetime | None = None
    """Hạn nộp lại (khi trả lại)."""
    reviewer: Slug | None = None
    """Người duyệt (id thành viên), mặc định Tổ trưởng."""
