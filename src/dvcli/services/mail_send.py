"""``dvcli remind --send``: each missing member's reminder by e-mail, their pre-filled form attached.

The server is ``data/mail.yaml``'s ``smtp`` (host, port, STARTTLS/SSL, user); the password comes only
from an environment variable or the CLI's prompt — a ``password`` key in the file is refused. Every
message sent is recorded in ``data/reminders/<period>.yaml`` (who, when, message id) and committed,
so a second ``--send`` the same day sends nobody twice. A refused recipient is reported and the
others still go; ``--dry-run`` builds the same messages and sends none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from .. import atomic, yamlio
from ..errors import DvcliError
from ..i18n import _, ngettext
from ..model import MailConfig, Sent
from ..snapshot.mail import MAIL_FILE as MAIL_FILE
from ..snapshot.mail import load_config as load_config
from ..snapshot.mail import load_log as load_log
from ..snapshot.mail import log_path as log_path
from ..store import Store
from .writes import Written, locked_write, now

TIMEOUT = 30


@dataclass
class Outgoing:
    member: str
    name: str
    to: str
    subject: str
    message: EmailMessage | None
    attachment: str
    skipped: str = ""
    """Why not sent: already sent today, or no address."""


@dataclass
class SendResult:
    period: str
    outgoing: list[Outgoing] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(member, reason) for each message the server refused."""
    written: Written | None = None


def prepare(store: Store, week: str | None, config: MailConfig) -> SendResult:
    """The messages ``--send`` would send now: one per missing member not yet reminded today."""
    from . import form, status
    from .report import target

    result, reminders = status.remind(store, week)
    period = result.period.label
    log = load_log(store, period)
    plan = store.plan()
    today = now(plan.reporting).date()
    done_today = {item.member for item in log.sent if item.at.date() == today}
    domain = email.utils.parseaddr(config.smtp.sender)[1].rpartition("@")[2] or "dvcli.local"
    out = SendResult(period)
    for reminder in reminders:
        subject = _("Nhắc nộp báo cáo {p}").format(p=period)
        if reminder.member in done_today:
            out.outgoing.append(Outgoing(reminder.member, reminder.name, reminder.email, subject, None, "",
                                         _("đã gửi hôm nay")))
            continue
        if not reminder.email:
            out.outgoing.append(Outgoing(reminder.member, reminder.name, "", subject, None, "",
                                         _("danh sách chưa có địa chỉ thư")))
            continue
        tgt = target(store, reminder.member, period)
        data, _filled = form.render(store, tgt, "docx")
        name = form.file_name(tgt, "docx")
        message = EmailMessage()
        message["From"] = config.smtp.sender
        message["To"] = email.utils.formataddr((reminder.name, reminder.email))
        message["Subject"] = subject
        message["Date"] = email.utils.format_datetime(now(plan.reporting))
        message["Message-ID"] = email.utils.make_msgid("nhac", domain=domain)
        message.set_content(reminder.text + "\n")
        message.add_attachment(data, maintype="application",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=name)
        out.outgoing.append(Outgoing(reminder.member, reminder.name, reminder.email, subject, message, name))
    return out


def _connect(config: MailConfig, password: str | None) -> smtplib.SMTP:
    smtp = config.smtp
    try:
        if smtp.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT,
                                                    context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
            if smtp.security == "starttls":
                client.starttls(context=ssl.create_default_context())
        if smtp.user:
            client.login(smtp.user, password or "")
    except smtplib.SMTPAuthenticationError:
        raise DvcliError(_("máy chủ thư {h} từ chối đăng nhập của {u}").format(h=smtp.host, u=smtp.user),
                         _("kiểm tra mật khẩu trong biến {v}").format(v=smtp.password_env)) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise DvcliError(_("không kết nối được máy chủ thư {h}:{p}: {e}").format(h=smtp.host, p=smtp.port, e=exc),
                         _("kiểm tra host, port, security trong {f}; chưa gửi thư nào").format(f=MAIL_FILE)) from None
    return client


def send(store: Store, prepared: SendResult, config: MailConfig, password: str | None, commit: bool) -> SendResult:
    todo = [item for item in prepared.outgoing if item.message is not None]
    if not todo:
        return prepared
    client = _connect(config, password)
    try:
        for item in todo:
            assert item.message is not None
            try:
                refused = client.send_message(item.message)
            except smtplib.SMTPRecipientsRefused as exc:
                prepared.failed.append((item.member, _refusal(exc.recipients)))
                continue
            except smtplib.SMTPServerDisconnected:
                prepared.failed.append((item.member, _("máy chủ ngắt kết nối")))
                client = _connect(config, password)
                continue
            except smtplib.SMTPException as exc:
                prepared.failed.append((item.member, str(exc)))
                continue
            if refused:
                prepared.failed.append((item.member, _refusal(refused)))
                continue
            prepared.sent.append(Sent(item.member, item.to, _naive(store), str(item.message["Message-ID"])))
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            client.quit()
    if prepared.sent:
        prepared.written = _record(store, prepared, commit)
    return prepared


def _naive(store: Store) -> dt.datetime:
    return now(store.plan().reporting).replace(tzinfo=None)


def _refusal(recipients: dict[str, Any]) -> str:
    parts = []
    for address, answer in recipients.items():
        code, text = answer if isinstance(answer, tuple) else (answer, b"")
        detail = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        parts.append(f"{address}: {code} {detail}".strip())
    return "; ".join(parts)


def _record(store: Store, result: SendResult, commit: bool) -> Written:
    path = log_path(store, result.period)

    def write() -> list[Path]:
        log = load_log(store, result.period)
        entries = [*log.sent, *result.sent]
        data = {"period": result.period,
                "sent": [{"member": s.member, "to": s.to, "at": s.at, "message_id": s.message_id} for s in entries]}
        atomic.write_text(path, yamlio.dumps(data))
        return [path]

    message = ngettext("nhắc nộp báo cáo {p}: {n} thư", "nhắc nộp báo cáo {p}: {n} thư", len(result.sent)).format(p=result.period, n=len(result.sent))
    return locked_write(store.ws, message, commit, write)
