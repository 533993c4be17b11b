"""Requests for reports with deadlines, through the CLI: ``request add|list|close``,
``status --request``, ``report new --request``, ``consolidate --request`` and ``check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foundation_support import Workspace
from records_support import git_init, last_commit_files, last_message

RID = "tinh-hinh-mua-lu-tai-mien-trung"
FILE = f"data/requests/{RID}.yaml"
ADD = ("request", "add", "Tình hình mưa lũ tại miền Trung", "--from", "Thường trực Ban Bí thư",
       "--ref", "Công văn số 125-CV/TTBBT ngày 21/9/2021", "--due", "2021-09-24 17:00",
       "--members", "vy-tu-lieu,bui-thuy", "--members", "Cao Hồng Hưng")


@pytest.fixture
def ws(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("DVCLI_NOW", "2021-09-22T09:00:00+07:00")
    git_init(full_workspace.root)
    return full_workspace


def _at(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setenv("DVCLI_NOW", moment)


def _source(ws: Workspace, text: str) -> str:
    path = ws.root.parent / f"gop-{abs(hash(text))}.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _listed(ws: Workspace) -> dict[str, dict[str, object]]:
    result = ws.run("request", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)}


def _contribute(ws: Workspace, member: str, text: str) -> None:
    result = ws.run("report", "new", member, "--request", RID, "--from-file", _source(ws, text))
    assert result.exit_code == 0, result.stderr


VY = "situation:\n  overview: Mưa lớn kéo dài tại Quảng Nam; 1.200 hộ phải sơ tán.\n" \
     "proposals:\n- to: Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam\n  text: Hỗ trợ khẩn cấp lương thực.\n"
BUI = "difficulties:\n- Đường vào hai xã miền núi bị chia cắt.\n"


def test_a_request_from_add_to_overdue_to_answered(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    added = ws.run(*ADD)
    assert added.exit_code == 0, added.stderr
    assert added.stdout == f"đã ghi yêu cầu {RID}, hạn 17:00 24/09/2021, 3 thành viên đóng góp: {FILE}\n"
    assert last_commit_files(ws.root) == [FILE]
    assert last_message(ws.root) == (f"yêu cầu báo cáo: {RID} — Tình hình mưa lũ tại miền Trung, của Thường trực "
                                     "Ban Bí thư, hạn 17:00 24/09/2021")
    assert ws.text(FILE) == (
        f"id: {RID}\ntitle: Tình hình mưa lũ tại miền Trung\nrequester: Thường trực Ban Bí thư\n"
        "ref: Công văn số 125-CV/TTBBT ngày 21/9/2021\nreceived: 2021-09-22\ndue: 2021-09-24 17:00:00\n"
        "members:\n- vy-tu-lieu\n- bui-thuy\n- cao-hong-hung\ntemplate: bao-cao-ban\n")
    assert ws.run("check").stdout == (
        "Dữ liệu hợp lệ: 11 thành viên, 6 nhiệm vụ, 13 phân công, 29 báo cáo, 1 yêu cầu báo cáo.\n")
    row = _listed(ws)[RID]
    assert (row["state"], row["state_label"], row["contributed"], row["due"]) == (
        "chua-den-han", "chưa đến hạn", 0, "2021-09-24T17:00:00+07:00")

    # a member answers the day after; the skeleton names the request
    _at(monkeypatch, "2021-09-23T10:00:00+07:00")
    _contribute(ws, "vy-tu-lieu", VY)
    path = f"data/reports/2021/W38/dot-xuat/2021-09-23-vy-tu-lieu-{RID}.yaml"
    assert last_commit_files(ws.root) == [path]
    assert f"title: Tình hình mưa lũ tại miền Trung\nrequest: {RID}\n" in ws.text(path)
    assert ws.run("check").exit_code == 0

    # the due time passes: overdue
    _at(monkeypatch, "2021-09-25T08:00:00+07:00")
    _contribute(ws, "bui-thuy", BUI)
    listed = ws.run("request", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "│ 17:00 24/09/2021 │ 2/3    │ quá hạn 15 giờ │" in listed.stdout
    assert listed.stdout.endswith("Chưa đến hạn: 0, quá hạn: 1, đã trả lời đúng hạn: 0, đã trả lời quá hạn: 0.\n")
    status = ws.run("status", "--request", RID)
    assert status.exit_code == 0, status.stderr
    lines = status.stdout.split("\n")
    assert lines[0] == (f"Yêu cầu {RID}: Tình hình mưa lũ tại miền Trung — của Thường trực Ban Bí thư; "
                        "hạn 17:00 24/09/2021; quá hạn")
    assert "│ 1  │ vy-tu-lieu    │ Vy Tư Liệu    │ đúng hạn   │ 23/09/2021 10:00 │                │" in lines
    assert "│ 2  │ bui-thuy      │ Bùi Thủy      │ muộn       │ 25/09/2021 08:00 │ sau hạn 15 giờ │" in lines
    assert "│ 3  │ cao-hong-hung │ Cao Hồng Hưng │ chưa nộp   │                  │                │" in lines
    assert lines[-2] == "Phải đóng góp: 3 — đúng hạn: 1, muộn: 1, chưa nộp: 1."
    assert ws.run("status", "--request", RID, "--strict").exit_code == 1
    data = json.loads(ws.run("status", "--request", RID, "--format", "json").stdout)
    assert data["counts"] == {"da-gop": 1, "gop-muon": 1, "chua-gop": 1, "expected": 3}

    # the answer: the request's title, dates, template; its document cited; sent to who asked
    preview = ws.run("consolidate", "--request", RID)
    assert preview.exit_code == 0, preview.stderr
    text = preview.stdout
    assert "**tình hình mưa lũ tại miền Trung**<br>\n(từ ngày 22/9 đến ngày 24/9/2021)<br>" in text
    assert ("Thực hiện Công văn số 125-CV/TTBBT ngày 21/9/2021 của Thường trực Ban Bí thư, Ban Dân vận Trung ương "
            "báo cáo đột xuất về tình hình mưa lũ tại miền Trung từ ngày 22/9 đến ngày 24/9/2021 như sau:") in text
    assert "Mưa lớn kéo dài tại Quảng Nam; 1.200 hộ phải sơ tán." in text
    assert "Đường vào hai xã miền núi bị chia cắt." in text  # a late contribution still answers
    assert "kính báo cáo Thường trực Ban Bí thư." in text
    assert "| - Thường trực Ban Bí thư (để b/c), |" in text
    assert "1.500" not in text and "Tổ COVID cộng đồng khu phố 3" not in text  # no weekly report in the answer

    issued = ws.run("consolidate", "--request", RID, "--issue", "--format", "md")
    assert issued.exit_code == 0, issued.stderr
    record = "data/issued/2021/01-BC-BDVTW/issued.yaml"
    assert f"\nrequest: {RID}\n" in ws.text(record)
    row = _listed(ws)[RID]
    assert (row["state"], row["answer"], row["answered"]) == ("tra-loi-qua-han", "01-BC/BDVTW", "2021-09-25")
    assert "đã trả lời quá hạn — văn bản 01-BC/BDVTW ngày 25/09/2021" in ws.run("request", "list").stdout
    assert ws.run("check").exit_code == 0
    assert ws.run("status", "--request", RID).stdout.split("\n")[0].endswith("; đã trả lời quá hạn")


def test_answered_before_the_due_time_is_on_time_and_close_names_a_document(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ws.run(*ADD).exit_code == 0
    assert ws.run("request", "add", "Kết quả vận động ủng hộ", "--from", "Tiểu ban Dân vận", "--due", "2021-09-30",
                  "--all", "--template", "tong-hop-tuan").exit_code == 0
    _at(monkeypatch, "2021-09-23T10:00:00+07:00")
    _contribute(ws, "vy-tu-lieu", VY)
    assert ws.run("consolidate", "--request", RID, "--issue", "--format", "md").exit_code == 0
    assert _listed(ws)[RID]["state"] == "tra-loi-dung-han"
    other = _listed(ws)["ket-qua-van-dong-ung-ho"]
    assert (other["state"], len(other["members"])) == ("chua-den-han", 11)
    # an answer issued another way (here: the weekly report, the Tổ công tác's own series) is named
    # with request close
    week = ws.run("consolidate", "--week", "2021-W38", "--issue", "--format", "md")
    assert week.exit_code == 0, week.stderr
    closed = ws.run("request", "close", "ket-qua-van-dong-ung-ho", "--issued", "2021/01-BC-TCT")
    assert closed.exit_code == 0, closed.stderr
    assert closed.stdout == "yêu cầu ket-qua-van-dong-ung-ho: đã trả lời đúng hạn — văn bản 01-BC/TCT ngày 23/09/2021\n"
    assert last_commit_files(ws.root) == ["data/requests/ket-qua-van-dong-ung-ho.yaml"]
    assert ws.text("data/requests/ket-qua-van-dong-ung-ho.yaml").endswith("answer: 2021/01-BC-TCT\n")
    assert ws.run("check").exit_code == 0
    again = ws.run("request", "close", RID, "--issued", "2021/01-BC-TCT")
    assert (again.exit_code, again.stderr) == (1, (
        f"lỗi: yêu cầu \"{RID}\" đã được trả lời bằng văn bản 01-BC/BDVTW\n  gợi ý: xem: dvcli request list\n"))


def test_request_add_errors(ws: Workspace) -> None:
    def refused(*args: str) -> str:
        result = ws.run("request", "add", *args)
        assert result.exit_code == 1, result.stdout
        return result.stderr

    assert refused("X", "--from", "Y", "--due", "31/02/2021") == (
        "lỗi: không hiểu thời hạn \"31/02/2021\"\n  gợi ý: viết ngày và giờ, ví dụ \"2021-09-30 17:00\" hoặc "
        "\"30/09/2021 17:00\"; chỉ ngày thì hạn là cuối ngày đó\n")
    assert refused("X", "--from", "Y", "--due", "2021-09-30", "--members", "ai-do").startswith(
        "lỗi: không có thành viên \"ai-do\"\n")
    assert refused("X", "--from", "Y", "--due", "2021-09-20") == (
        "lỗi: hạn trả lời 23:59 20/09/2021 trước ngày nhận yêu cầu 22/09/2021\n"
        "  gợi ý: kiểm tra --due (và --received nếu có), ví dụ --due \"2021-09-30 17:00\"\n")
    assert refused("X", "--from", "Y", "--due", "2021-09-30", "--id", "../x") == (
        "lỗi: mã yêu cầu \"../x\" không dùng được làm tên tệp\n  gợi ý: chỉ dùng chữ thường không dấu, chữ số và "
        "dấu '-', tối đa 64 ký tự, ví dụ --id bao-cao-mua-lu-2021\n")
    assert refused("X", "--from", "Y", "--due", "2021-09-30", "--template", "khong-co").startswith(
        "lỗi: kế hoạch không khai mẫu báo cáo \"khong-co\" (reporting.documents)\n")
    assert refused("X", "--from", "Y", "--due", "2021-09-30", "--all", "--members", "bui-thuy") == (
        "lỗi: chọn --members hoặc --all, không dùng cả hai\n"
        "  gợi ý: --all: mọi thành viên; --members: chỉ những người được kể tên\n")
    assert refused("X", "--from", "  ", "--due", "2021-09-30") == (
        "lỗi: --from (cơ quan yêu cầu) không được để trống\n  gợi ý: ví dụ --from \"Thường trực Ban Bí thư\"\n")
    assert refused("X", "--from", "Y", "--due", "2021-09-30", "--start", "2021-09-29", "--end", "2021-09-25") == (
        "lỗi: khoảng thời gian báo cáo ngược: từ 29/09/2021 đến 25/09/2021\n"
        "  gợi ý: --start phải trước --end (mặc định: từ ngày nhận đến ngày của hạn)\n")
    assert not (ws.root / "data/requests").exists()
    assert ws.run(*ADD).exit_code == 0
    assert refused(*ADD[2:]) == (
        f"lỗi: đã có yêu cầu \"{RID}\" ({FILE})\n"
        f"  gợi ý: đặt mã khác bằng --id, ví dụ --id {RID}-2; xem: dvcli request list\n")
    kept = ws.run(*ADD, "--id", "ban-sao", "--no-commit")
    assert kept.exit_code == 0 and "đã ghi vào git" not in kept.stderr
    assert last_commit_files(ws.root) == [FILE]


def test_unknown_request_is_named_everywhere(ws: Workspace) -> None:
    assert ws.run(*ADD).exit_code == 0
    expected = (f"lỗi: không có yêu cầu báo cáo \"tinh-hinh-mua-lu\"\n"
                f"  gợi ý: có phải: {RID}? (xem danh sách: dvcli request list)\n")
    for args in (("status", "--request", "tinh-hinh-mua-lu"),
                 ("report", "new", "vy-tu-lieu", "--request", "tinh-hinh-mua-lu", "--nothing-to-report"),
                 ("consolidate", "--request", "tinh-hinh-mua-lu"),
                 ("request", "close", "tinh-hinh-mua-lu", "--issued", "01")):
        result = ws.run(*args)
        assert (result.exit_code, result.stderr) == (1, expected), args
    week = ws.run("report", "new", "vy-tu-lieu", "--request", RID, "--week", "2021-W38", "--nothing-to-report")
    assert (week.exit_code, week.stderr) == (1, (
        "lỗi: --week không dùng cùng --request\n"
        "  gợi ý: báo cáo trả lời yêu cầu là báo cáo đột xuất: bỏ --week (có thể thêm --date NGÀY)\n"))
    both = ws.run("consolidate", "--request", RID, "--week", "2021-W38")
    assert (both.exit_code, both.stderr) == (1, (
        "lỗi: --request không dùng cùng --week\n"
        f"  gợi ý: tiêu đề, khoảng thời gian và mẫu lấy từ yêu cầu: dvcli consolidate --request {RID}\n"))
    status = ws.run("status", "--request", RID, "--week", "2021-W38")
    assert (status.exit_code, status.stderr) == (1, (
        "lỗi: --week không dùng cùng --request\n  gợi ý: một yêu cầu có hạn riêng: dvcli status --request MÃ\n"))
    closed = ws.run("request", "close", RID, "--issued", "07")
    assert closed.exit_code == 1 and closed.stderr.startswith("lỗi: không có văn bản đã ban hành \"07\"\n")
    nothing = ws.run("report", "new", "cao-hong-hung", "--request", RID, "--nothing-to-report")
    assert nothing.exit_code == 0, nothing.stderr
    assert json.loads(ws.run("status", "--request", RID, "--format", "json").stdout)["counts"]["da-gop"] == 1


def test_check_names_malformed_and_stray_request_files(ws: Workspace) -> None:
    assert ws.run(*ADD).exit_code == 0
    good = ws.text(FILE)
    ws.write({
        "data/requests/.ban-sao.yaml": good,
        "data/requests/x.yaml~": good,
        "data/requests/con/a.yaml": good,
        "data/requests/sai.yaml": "id: sai\ntitle: ''\nrequester: Y\nreceived: 2021-09-22\ndue: ngày mai\n",
        "data/requests/ten-khac.yaml": good.replace("- bui-thuy\n", "- bui-thuyy\n").replace(
            "template: bao-cao-ban", "template: khong-co") + "answer: 2021/09-BC-BDVTW\n",
    })
    result = ws.run("check")
    assert result.exit_code == 1
    for line in (
        "data/requests/.ban-sao.yaml: tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó",
        "data/requests/x.yaml~: tệp không phải .yaml nằm trong thư mục dữ liệu: dvcli không đọc nó",
        "data/requests/con/a.yaml: tệp yêu cầu báo cáo nằm sai chỗ",
        "  gợi ý: yêu cầu báo cáo: data/requests/MÃ-YÊU-CẦU.yaml (ngay trong thư mục, không có thư mục con)",
        "data/requests/sai.yaml:2: title: không được để trống",
        "data/requests/sai.yaml:5: due: \"ngày mai\" không phải thời điểm hợp lệ",
        f"data/requests/ten-khac.yaml:1: id: tên tệp không khớp mã yêu cầu: phải là data/requests/{RID}.yaml",
        "data/requests/ten-khac.yaml:9: members[1]: không có thành viên \"bui-thuyy\"",
        "data/requests/ten-khac.yaml:11: template: kế hoạch không khai mẫu báo cáo \"khong-co\" (reporting.documents)",
        "data/requests/ten-khac.yaml:12: answer: không có văn bản đã ban hành \"2021/09-BC-BDVTW\"",
    ):
        assert line in result.stderr.split("\n"), line
    listed = ws.run("request", "list")  # a broken request stops the listing, named the same way
    assert listed.exit_code == 1 and "data/requests/sai.yaml:2: title: không được để trống" in listed.stderr
    (ws.root / "data/requests/sai.yaml").unlink()
    (ws.root / "data/requests/ten-khac.yaml").unlink()
    assert set(_listed(ws)) == {RID}  # the hidden copy, the backup and the sub-folder are never read


def test_check_names_a_report_answering_an_unknown_request(ws: Workspace) -> None:
    assert ws.run(*ADD).exit_code == 0
    assert ws.run("report", "new", "vy-tu-lieu", "--request", RID, "--from-file", _source(ws, VY)).exit_code == 0
    path = f"data/reports/2021/W38/dot-xuat/2021-09-22-vy-tu-lieu-{RID}.yaml"
    ws.edit(path, f"request: {RID}", "request: khong-co")
    ws.edit("data/reports/2021/W38/bui-thuy.yaml", "period: 2021-W38\n", f"period: 2021-W38\nrequest: {RID}\n")
    lines = ws.run("check").stderr.split("\n")
    assert f"{path}:5: request: không có yêu cầu báo cáo \"khong-co\" (data/requests/khong-co.yaml)" in lines
    assert ("data/reports/2021/W38/bui-thuy.yaml:3: request: chỉ báo cáo đột xuất mới trả lời một yêu cầu "
            "(request)") in lines


def test_request_in_english_and_completion(ws: Workspace) -> None:
    assert ws.run(*ADD).exit_code == 0
    listed = ws.run("--lang", "en", "request", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "│ not yet due │" in listed.stdout
    assert listed.stdout.endswith("Not yet due: 1, overdue: 0, answered on time: 0, answered late: 0.\n")
    from dvcli.cli.complete import requests

    assert requests("tinh", str(ws.root)) == [(RID, "Tình hình mưa lũ tại miền Trung")]
    assert requests("mưa", str(ws.root)) == [(RID, "Tình hình mưa lũ tại miền Trung")]
    helped = ws.run("--lang", "vi", "request", "add", "--help")
    assert "Ví dụ: dvcli request add" in helped.stdout


def test_the_skeleton_names_the_request(ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert ws.run(*ADD).exit_code == 0
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\ncp \"$1\" \"$DVCLI_TEST_COPY\"\nexit 1\n", encoding="utf-8")
    editor.chmod(0o755)
    copy = tmp_path / "skeleton.yaml"
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setenv("DVCLI_TEST_COPY", str(copy))
    monkeypatch.setattr("dvcli.cli.report.interactive", lambda: True)
    result = ws.run("report", "new", "bui-thuy", "--request", RID)
    assert result.exit_code == 1
    text = copy.read_text(encoding="utf-8")
    assert (f"# Trả lời yêu cầu {RID}: Tình hình mưa lũ tại miền Trung\n"
            "# của Thường trực Ban Bí thư (Công văn số 125-CV/TTBBT ngày 21/9/2021); hạn trả lời 17:00 ngày "
            "24/09/2021.\n") in text
    assert f"title: Tình hình mưa lũ tại miền Trung\nrequest: {RID}\n" in text
