"""Sending reminders: the SMTP server (data/mail.yaml) and the sent log (data/reminders/<period>.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from .common import STRICT, Ge, Slug, Text


@dataclass(frozen=True)
class Smtp:
    """Máy chủ thư đi. Mật khẩu KHÔNG ghi ở đây: lấy từ biến môi trường hoặc nhập khi gửi."""

    __pydantic_config__ = STRICT
    host: Text
    """Ví dụ smtp.example.vn."""
    sender: Text
    """Địa chỉ người gửi, ví dụ "Thư ký Tổ công tác <thu-ky@example.vn>"."""
    port: Annotated[int, Ge(1)] = 587
    security: Literal["starttls", "ssl", "none"] = "starttls"
    """starttls (cổng 587), ssl (cổng 465) hoặc none (chỉ máy chủ nội bộ)."""
    user: str | None = None
    """Tên đăng nhập; để trống nếu máy chủ không cần đăng nhập."""
    password_env: Text = "DVCLI_SMTP_PASSWORD"
    """Tên biến môi trường chứa mật khẩu."""


@dataclass(frozen=True)
class MailConfig:
    __pydantic_config__ = STRICT
    smtp: Smtp


@dataclass(frozen=True)
class Sent:
    """Một thư nhắc đã gửi."""

    __pydantic_config__ = STRICT
    member: Slug
    to: Text
    at: dt.datetime
    message_id: Text


@dataclass(frozen=True)
class ReminderLog:
    """Các thư nhắc đã gửi cho một kỳ (dvcli remind --send ghi, để không gửi lặp trong ngày)."""

    __pydantic_config__ = STRICT
    period: Text
    sent: list[Sent] = field(default_factory=list)
