"""E-mail as reports arrive: one ``.eml``, an mbox file, a Maildir folder (Python's ``email``/``mailbox``).

The sender is matched to a member by the roster's e-mail address (never by name: a display name
is whatever the sender typed); the ``Date:`` header is the submitted time; each attached form is
one item to import; a message without an attachment brings its text. A message whose sender is
not on the roster is listed, never guessed.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import mailbox
from email.message import EmailMessage
from pathlib import Path

from ..i18n import _
from ..model import Roster
from .report_import import Incoming

ATTACHMENTS = (".docx", ".xlsx", ".yaml", ".yml", ".docm", ".xlsm", ".doc", ".xls", ".dotm", ".xltm", ".xlsb")


def kind_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".mbox", ".mbx") or data.startswith(b"From "):
        return "mbox"
    if suffix == ".eml":
        return "eml"
    return "file"


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _member_of(message: EmailMessage, roster: Roster) -> tuple[str | None, str]:
    _name, address = email.utils.parseaddr(str(message.get("From", "")))
    address = address.strip().lower()
    for member in roster.members:
        if member.email and member.email.lower() == address:
            return member.id, address
    return None, address


def _items(display: str, message: EmailMessage, roster: Roster) -> tuple[list[Incoming], list[str]]:
    member, sender = _member_of(message, roster)
    subject = str(message.get("Subject", "")).strip()
    if member is None:
        who = sender or _("không rõ")
        return [], [_("{d}: người gửi {s} không có trong danh sách thành viên (tiêu đề: \"{t}\")").format(
            d=display, s=who, t=subject)]
    try:
        at = email.utils.parsedate_to_datetime(str(message["Date"])) if message.get("Date") else None
    except (TypeError, ValueError):
        at = None
    message_id = str(message.get("Message-ID", "")).strip() or None
    items = []
    for part in message.iter_attachments():
        name = part.get_filename() or ""
        if Path(name).suffix.lower() not in ATTACHMENTS:
            continue  # a signature image, a calendar invitation: not a report
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        items.append(Incoming(f"{display}: {name}", Path(name).name, payload, "email", at, sender, message_id, member))
    if not items:
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        raw = message.as_bytes()
        name = Path(display.split("#")[0]).stem + ".eml"
        items.append(Incoming(display, name, raw, "email", at, sender, message_id, member, body=str(text).strip()))
    return items, []


def from_eml(name: str, data: bytes, roster: Roster) -> tuple[list[Incoming], list[str]]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return _items(name, message, roster)


def _from_box(box: mailbox.Mailbox, display: str, roster: Roster) -> tuple[list[Incoming], list[str]]:
    items: list[Incoming] = []
    lost: list[str] = []
    for index, key in enumerate(sorted(box.keys()), 1):
        raw = box.get_bytes(key)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        found, missing = _items(f"{display}#{index}", message, roster)
        items += found
        lost += missing
    return items, lost


def from_mbox(path: Path, roster: Roster) -> tuple[list[Incoming], list[str]]:
    return _from_box(mailbox.mbox(path, create=False), path.name, roster)


def from_maildir(path: Path, roster: Roster) -> tuple[list[Incoming], list[str]]:
    return _from_box(mailbox.Maildir(path, create=False), path.name, roster)
