"""E-mail as reports arrive: .eml, mbox, Maildir — sender matched by the roster's address, Date as submitted."""

from __future__ import annotations

import datetime as dt
import mailbox
from email.message import EmailMessage
from pathlib import Path

from foundation_support import Workspace

from .support import load_report, make_form

REPORT = "data/reports/2021/W38/vy-tu-lieu.yaml"


def _message(sender: str, form: Path | None, date: str = "Mon, 27 Sep 2021 08:40:00 +0700") -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Vy Tư Liệu <{sender}>"
    message["To"] = "thu-ky@example.vn"
    message["Subject"] = "Báo cáo tuần 38"
    message["Date"] = date
    message["Message-ID"] = "<bc-38@example.vn>"
    message.set_content("Em gửi anh báo cáo tuần.\n\nTrân trọng.")
    if form is not None:
        message.add_attachment(form.read_bytes(), maintype="application",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                               filename=form.name)
    return message


def test_eml_from_the_roster_address_imports_with_date_as_submitted(full_workspace: Workspace,
                                                                     tmp_path: Path) -> None:
    form = tmp_path / "bao-cao.docx"
    make_form(full_workspace, "vy-tu-lieu", "docx", form)
    (full_workspace.root / REPORT).unlink()
    eml = tmp_path / "thu.eml"
    eml.write_bytes(_message("Vy.Tu.Lieu@example.vn", form).as_bytes())
    result = full_workspace.run("report", "import", str(eml), "--no-commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("thu.eml: bao-cao.docx: đã nhập vy-tu-lieu 2021-W38")
    report = load_report(full_workspace.root / REPORT)
    assert report.submitted == dt.datetime(2021, 9, 27, 8, 40)
    assert report.received is not None
    assert (report.received.via, report.received.sender, report.received.message_id) == (
        "email", "vy.tu.lieu@example.vn", "<bc-38@example.vn>")


def test_mbox_lists_an_unknown_sender_and_imports_the_rest(full_workspace: Workspace, tmp_path: Path) -> None:
    form = tmp_path / "bao-cao.docx"
    make_form(full_workspace, "vy-tu-lieu", "docx", form)
    (full_workspace.root / REPORT).unlink()
    path = tmp_path / "hop-thu.mbox"
    box = mailbox.mbox(path)
    box.add(_message("la@example.com", form))
    box.add(_message("vy.tu.lieu@example.vn", form))
    box.flush()
    box.close()
    result = full_workspace.run("report", "import", str(path), "--no-commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("hop-thu.mbox#2: bao-cao.docx: đã nhập vy-tu-lieu 2021-W38")
    assert result.stderr == (
        'chưa nhập: hop-thu.mbox#1: người gửi la@example.com không có trong danh sách thành viên '
        '(tiêu đề: "Báo cáo tuần 38")\n'
        "  gợi ý: thêm địa chỉ thư vào data/members.yaml, hoặc nhập thư đó với --member THÀNH_VIÊN\n")


def test_maildir_message_without_attachment_keeps_the_body_for_review(full_workspace: Workspace,
                                                                       tmp_path: Path) -> None:
    (full_workspace.root / REPORT).unlink()
    folder = tmp_path / "Maildir"
    box = mailbox.Maildir(folder)
    box.add(_message("vy.tu.lieu@example.vn", None))
    box.close()
    result = full_workspace.run("report", "import", str(folder), "--week", "2021-W38", "--no-commit")
    assert result.exit_code == 0, result.stderr
    report = load_report(full_workspace.root / REPORT)
    assert report.situation.overview == "Em gửi anh báo cáo tuần.\n\nTrân trọng."
    assert report.received is not None and report.received.review


def test_status_says_how_an_imported_report_arrived(full_workspace: Workspace, tmp_path: Path) -> None:
    form = tmp_path / "bao-cao.docx"
    make_form(full_workspace, "vy-tu-lieu", "docx", form)
    (full_workspace.root / REPORT).unlink()
    eml = tmp_path / "thu.eml"
    eml.write_bytes(_message("vy.tu.lieu@example.vn", form).as_bytes())
    assert full_workspace.run("report", "import", str(eml), "--no-commit").exit_code == 0
    status = full_workspace.run("status", "--week", "2021-W38", "--format", "json")
    import json

    rows = {row["member"]: row for row in json.loads(status.stdout)["rows"]}
    assert rows["vy-tu-lieu"]["note"] == "nhận qua thư điện tử"
    assert rows["bui-thuy"]["note"] == "sau hạn 1 giờ 40 phút"
    shown = full_workspace.run("report", "show", "vy-tu-lieu", "--week", "2021-W38")
    assert "received:\n  file: data/received/2021/W38/vy-tu-lieu/" in shown.stdout
    assert "  via: email\n" in shown.stdout
