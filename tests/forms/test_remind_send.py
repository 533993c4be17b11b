"""``remind --send`` against a real SMTP server (aiosmtpd) on 127.0.0.1, started by the test."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from foundation_support import Workspace

MAIL = """smtp:
  host: 127.0.0.1
  port: {port}
  security: none
  sender: Thư ký Tổ công tác <thu-ky@example.vn>
"""


class Inbox:
    """Keeps every message; refuses the addresses in ``refuse``."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 hộp thư không tồn tại"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _missing(ws: Workspace) -> tuple[list[str], int]:
    """The addresses of the members to remind (two made missing here), and how many have none."""
    import json

    for member in ("vy-tu-lieu", "bui-thuy"):
        (ws.root / "data/reports/2021/W38" / f"{member}.yaml").unlink(missing_ok=True)
    result = ws.run("remind", "--week", "2021-W38", "--format", "json")
    addresses = [item["email"] for item in json.loads(result.stdout)["reminders"]]
    return [address for address in addresses if address], addresses.count("")


def test_send_delivers_one_message_per_missing_member_with_the_form_and_not_twice(
        full_workspace: Workspace, inbox: tuple[Inbox, int]) -> None:
    handler, port = inbox
    full_workspace.write({"data/mail.yaml": MAIL.format(port=port)})
    expected, no_address = _missing(full_workspace)
    assert len(expected) == 2
    first = full_workspace.run("remind", "--week", "2021-W38", "--send", "--no-commit")
    assert first.exit_code == 0, first.stderr
    assert sorted(str(m["To"]).split("<")[1].rstrip(">") for m in handler.messages) == sorted(expected)
    for message in handler.messages:
        assert message["Subject"] == "Nhắc nộp báo cáo 2021-W38"
        attachments = list(message.iter_attachments())
        assert [a.get_filename()[-14:] for a in attachments] == ["-2021-W38.docx"]
        assert attachments[0].get_content()[:2] == b"PK"
    log = (full_workspace.root / "data/reminders/2021-W38.yaml").read_text(encoding="utf-8")
    assert log.count("message_id:") == len(expected)
    assert first.stdout.endswith(f"Kỳ 2021-W38: đã gửi 2 thư, bỏ qua {no_address}, lỗi 0.\n")
    second = full_workspace.run("remind", "--week", "2021-W38", "--send", "--no-commit")
    assert second.exit_code == 0, second.stderr
    assert len(handler.messages) == len(expected)
    assert second.stdout.endswith(f"Kỳ 2021-W38: đã gửi 0 thư, bỏ qua {2 + no_address}, lỗi 0.\n")
    assert "bỏ qua: Vy Tư Liệu (vy-tu-lieu) — đã gửi hôm nay" in second.stdout


def test_a_refused_recipient_is_reported_and_the_rest_still_go(full_workspace: Workspace,
                                                               inbox: tuple[Inbox, int]) -> None:
    handler, port = inbox
    full_workspace.write({"data/mail.yaml": MAIL.format(port=port)})
    expected, _no_address = _missing(full_workspace)
    handler.refuse = {expected[0]}
    result = full_workspace.run("remind", "--week", "2021-W38", "--send", "--no-commit")
    assert result.exit_code == 1
    assert len(handler.messages) == len(expected) - 1
    assert f"{expected[0]}: 550" in result.stderr


def test_dry_run_sends_nothing_and_records_nothing(full_workspace: Workspace, inbox: tuple[Inbox, int]) -> None:
    handler, port = inbox
    full_workspace.write({"data/mail.yaml": MAIL.format(port=port)})
    _missing(full_workspace)
    result = full_workspace.run("remind", "--week", "2021-W38", "--send", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "sẽ gửi:" in result.stdout
    assert handler.messages == []
    assert not (full_workspace.root / "data/reminders").exists()


def test_a_password_in_the_file_is_refused(full_workspace: Workspace) -> None:
    full_workspace.write({"data/mail.yaml": MAIL.format(port=25) + "  user: thu-ky\n  password: bi-mat\n"})
    result = full_workspace.run("remind", "--week", "2021-W38", "--send")
    assert result.exit_code == 1
    assert result.stderr == ("data/mail.yaml:7: smtp.password: mật khẩu không được ghi trong tệp của kho\n"
                             "  gợi ý: xoá dòng này; đặt mật khẩu trong biến môi trường DVCLI_SMTP_PASSWORD "
                             "hoặc nhập khi gửi\n")


def test_no_server_configured(full_workspace: Workspace, tmp_path: Path) -> None:
    result = full_workspace.run("remind", "--week", "2021-W38", "--send")
    assert result.exit_code == 1
    assert result.stderr == ("lỗi: chưa cấu hình máy chủ thư: không có data/mail.yaml\n"
                             "  gợi ý: tạo data/mail.yaml với smtp: host, port, security, user, sender "
                             "(không ghi mật khẩu)\n")
