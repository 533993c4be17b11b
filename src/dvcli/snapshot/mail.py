"""The mail settings (``data/mail.yaml``) and the log of reminders sent (``data/reminders/<period>.yaml``).

Found and read here, strictly parsed and validated; sending is ``services/mail_send.py``.
"""

from __future__ import annotations

from pathlib import Path

from .. import yamlio
from ..errors import DataError, NotFoundError, Problem
from ..i18n import _
from ..model import MailConfig, ReminderLog
from ..workspace import Workspace
from .store import Store

MAIL_FILE = "data/mail.yaml"


def load_config(store: Store) -> MailConfig:
    from .. import schema

    path = store.ws.root / MAIL_FILE
    if not path.is_file():
        raise NotFoundError(_("chưa cấu hình máy chủ thư: không có {f}").format(f=MAIL_FILE),
                            _("tạo {f} với smtp: host, port, security, user, sender (không ghi mật khẩu)").format(
                                f=MAIL_FILE))
    data = yamlio.loads(path.read_bytes(), MAIL_FILE)
    smtp = data.get("smtp") if isinstance(data, dict) else None
    if isinstance(smtp, dict) and "password" in smtp:
        raise DataError([Problem(MAIL_FILE, yamlio.line_of(path, ["smtp", "password"]), "smtp.password",
                                 _("mật khẩu không được ghi trong tệp của kho"),
                                 _("xoá dòng này; đặt mật khẩu trong biến môi trường {v} hoặc nhập khi gửi").format(
                                     v=smtp.get("password_env", "DVCLI_SMTP_PASSWORD")))])
    record, errors = schema.validate(MailConfig, data)
    if record is None:
        raise DataError([Problem(MAIL_FILE, yamlio.line_of(path, list(e.loc)), e.field, e.message, e.hint)
                         for e in errors])
    return record


def reminders_dir(ws: Workspace) -> Path:
    return ws.data / "reminders"


def log_path(store: Store, period: str) -> Path:
    return reminders_dir(store.ws) / f"{period}.yaml"


def load_log(store: Store, period: str) -> ReminderLog:
    from .. import schema

    path = log_path(store, period)
    if not path.is_file():
        return ReminderLog(period)
    shown = store.ws.rel(path)
    record, errors = schema.validate(ReminderLog, yamlio.loads(path.read_bytes(), shown))
    if record is None:
        raise DataError([Problem(shown, yamlio.line_of(path, list(e.loc)), e.field, e.message, e.hint)
                         for e in errors])
    return record
