"""Corrections through the CLI: ``report withdraw``, empty reports and ``--nothing-to-report``, ``review``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foundation_support import Workspace
from records_support import git, git_init, last_commit_files, last_message

NOW = "2021-09-28T10:00:00+07:00"  # a Tuesday of 2021-W39, after 2021-W38 was due
BUI = "data/reports/2021/W38/bui-thuy.yaml"
CAO = "data/reports/2021/W38/cao-hong-hung.yaml"
DUC = "data/reports/2021/W38/nguyen-minh-duc.yaml"


@pytest.fixture
def ws(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    git_init(full_workspace.root)
    return full_workspace


def _rows(ws: Workspace, week: str = "2021-W38") -> dict[str, dict[str, object]]:
    data = json.loads(ws.run("status", "--week", week, "--format", "json").stdout)
    return {row["member"]: row for row in data["rows"]}


def _consolidated(ws: Workspace, *args: str) -> str:
    result = ws.run("consolidate", "--week", "2021-W38", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- withdraw ------------------------------------------------------------------------------------


def test_withdraw_stops_counting_keeps_text_and_reason(ws: Workspace) -> None:
    before = ws.text(BUI)
    assert "| Bùi Thủy | 2021-W38 |" in _consolidated(ws)  # Biểu 3: the reports received
    result = ws.run("report", "withdraw", "bui thuy", "--week", "2021-W38", "--reason", "Gửi nhầm  báo cáo tuần trước")
    assert result.exit_code == 0, result.stderr
    record = "data/withdrawn/2021/W38/bui-thuy.yaml"
    assert result.stdout == f"đã rút báo cáo bui-thuy 2021-W38: {BUI} (lưu ở {record})\n"
    assert result.stderr == "đã ghi vào git: rút báo cáo: bui-thuy 2021-W38 — lý do: Gửi nhầm báo cáo tuần trước\n"
    assert sorted(last_commit_files(ws.root)) == [BUI, record]
    assert not (ws.root / BUI).exists()
    assert ws.text(record).startswith(
        "member: bui-thuy\nperiod: 2021-W38\nwithdrawn: 2021-09-28 10:00:00+07:00\n"
        "reason: Gửi nhầm báo cáo tuần trước\nsubmitted: 2021-09-27 11:40:00\nsha256: ")
    shown = json.loads(ws.run("schema", "withdrawal").stdout)
    assert shown["title"] == "Báo cáo đã rút (data/withdrawn/NĂM/Wtt/*.yaml)"
    from dvcli import yamlio

    assert yamlio.loads((ws.root / record).read_bytes(), record)["text"] == before
    row = _rows(ws)["bui-thuy"]
    assert (row["state"], row["reason"], row["note"]) == (
        "da-rut", "Gửi nhầm báo cáo tuần trước", "rút lúc 10:00 28/09/2021: Gửi nhầm báo cáo tuần trước")
    table = ws.run("status", "--week", "2021-W38").stdout
    assert "│ 7  │ bui-thuy         │ Bùi Thủy         │ đã rút     │" in table
    assert table.split("\n")[-2] == "Phải nộp: 11 — đúng hạn: 8, muộn: 0, chưa nộp: 2; vắng: 0; đã rút: 1."
    text = _consolidated(ws)
    assert "| Bùi Thủy | 2021-W38 |" not in text  # not among the sources (the annex keeps past figures)
    assert "**Biểu 3. Báo cáo của thành viên đã nhận** — 8/11 báo cáo\n" in text
    assert "Chưa gửi báo cáo 2021-W38: Nguyễn Minh Đức, Trần Việt Hưng, Bùi Thủy." in text
    assert ws.run("check").exit_code == 0
    assert "rút báo cáo: bui-thuy 2021-W38 — lý do: Gửi nhầm báo cáo tuần trước" in ws.run("history", "bui-thuy").stdout
    # the member may send the right report afterwards
    again = ws.run("report", "new", "bui-thuy", "--week", "2021-W38", "--from-file", str(_file(ws, "difficulties:\n- Lũ.\n")))
    assert again.exit_code == 0, again.stderr
    assert _rows(ws)["bui-thuy"]["state"] == "muon"


def test_withdraw_errors_and_no_commit(ws: Workspace) -> None:
    blank = ws.run("report", "withdraw", "bui-thuy", "--week", "2021-W38", "--reason", "  ")
    assert (blank.exit_code, blank.stderr) == (1, (
        "lỗi: cần lý do rút báo cáo\n"
        "  gợi ý: thêm --reason \"...\", ví dụ --reason \"Gửi nhầm báo cáo tuần trước\"\n"))
    missing = ws.run("report", "withdraw", "bui-thuy", "--week", "2021-W40", "--reason", "nhầm")
    assert (missing.exit_code, missing.stderr) == (1, (
        "lỗi: chưa có báo cáo bui-thuy 2021-W40 (data/reports/2021/W40/bui-thuy.yaml) để sửa\n"
        "  gợi ý: viết báo cáo mới bằng: dvcli report new bui-thuy\n"))
    assert (ws.root / BUI).exists()
    head = git(ws.root, "rev-parse", "HEAD")
    quiet = ws.run("report", "withdraw", BUI, "--reason", "nhầm", "--no-commit")
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    assert git(ws.root, "rev-parse", "HEAD") == head


# --- empty reports ---------------------------------------------------------------------------


def test_an_empty_report_is_refused_with_a_hint(ws: Workspace) -> None:
    result = ws.run("report", "new", "nguyen-minh-duc", "--week", "2021-W38", "--no-edit")
    assert (result.exit_code, result.stderr) == (1, (
        "lỗi: khung báo cáo chưa có nội dung nên không lưu\n"
        "  gợi ý: viết báo cáo: dvcli report new nguyen-minh-duc (mở trình soạn thảo) hoặc --from-file TỆP; nếu kỳ "
        "này không có gì để báo cáo: --nothing-to-report\n"))
    assert not (ws.root / DUC).exists()
    source = _file(ws, "results:\n- task: II.4\n  text: ''\n")
    typed = ws.run("report", "new", "nguyen-minh-duc", "--week", "2021-W38", "--from-file", str(source))
    assert (typed.exit_code, typed.stderr) == (1, (
        f"{source}:1: member: báo cáo không có nội dung: mọi mục đều trống, mọi số liệu bằng 0\n"
        "  gợi ý: viết ít nhất một mục; nếu kỳ này thật sự không có gì để báo cáo, ghi nothing_to_report: true "
        "(dvcli report new THÀNH-VIÊN --nothing-to-report)\n"))
    ws.write({DUC: "member: nguyen-minh-duc\nperiod: 2021-W38\nsubmitted: 2021-09-26 10:00\nresults:\n"
                   "- task: II.4\n  text: ''\n"})
    checked = ws.run("check")
    assert checked.exit_code == 1
    assert f"{DUC}:1: member: báo cáo không có nội dung: mọi mục đều trống, mọi số liệu bằng 0\n" in checked.stdout + \
        checked.stderr


def test_nothing_to_report_is_stored_as_such_and_listed_once(ws: Workspace) -> None:
    result = ws.run("report", "new", "nguyen-minh-duc", "--week", "2021-W38", "--nothing-to-report")
    assert result.exit_code == 0, result.stderr
    assert ws.text(DUC) == (
        "member: nguyen-minh-duc\nperiod: 2021-W38\nsubmitted: 2021-09-28 10:00:00+07:00\nnothing_to_report: true\n"
        "situation:\n  overview: ''\n  thoughts: ''\nresults: []\nmodels: []\ndifficulties: []\nproposals: []\n"
        "next_tasks: []\nindicators: {}\n")
    assert last_commit_files(ws.root) == [DUC]
    row = _rows(ws)["nguyen-minh-duc"]
    assert (row["state"], row["nothing_to_report"], row["note"]) == (
        "muon", True, "sau hạn 1 ngày; không có nội dung")
    text = _consolidated(ws)
    assert "**Biểu 3. Báo cáo của thành viên đã nhận** — 10/11 báo cáo, 2 báo cáo gửi muộn\n" in text
    assert "\nBáo cáo không có nội dung: Nguyễn Minh Đức.\n" in text  # named once, never as an (empty) item
    assert ws.run("check").exit_code == 0
    ws.edit(DUC, "difficulties: []", "difficulties:\n- Có một việc.")
    contradiction = ws.run("check")
    line = ws.line(DUC, "nothing_to_report")
    assert (f"{DUC}:{line}: nothing_to_report: nothing_to_report: true nhưng báo cáo có nội dung\n"
            "  gợi ý: bỏ dòng nothing_to_report, hoặc xoá nội dung nếu kỳ này không có gì để báo cáo\n") in (
        contradiction.stdout + contradiction.stderr)


def _file(ws: Workspace, text: str) -> Path:
    path = ws.root.parent / f"nguon-{abs(hash(text))}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- review ------------------------------------------------------------------------------------


def test_review_accept_return_and_edit_after_return(ws: Workspace) -> None:
    accepted = ws.run("review", "vy-tu-lieu", "--week", "2021-W38", "--accept")
    assert accepted.exit_code == 0, accepted.stderr
    assert accepted.stdout == "đã duyệt báo cáo vy-tu-lieu 2021-W38: data/reviews/2021/W38/vy-tu-lieu.yaml\n"
    assert accepted.stderr == "đã ghi vào git: duyệt báo cáo: vy-tu-lieu 2021-W38\n"
    assert last_commit_files(ws.root) == ["data/reviews/2021/W38/vy-tu-lieu.yaml"]
    review_text = ws.text("data/reviews/2021/W38/vy-tu-lieu.yaml")
    assert review_text.startswith("member: vy-tu-lieu\nperiod: 2021-W38\ndecision: accepted\n"
                                  "reviewed: 2021-09-28 10:00:00+07:00\nreport_sha256: ")
    assert review_text.endswith("\nreviewer: vy-tu-lieu\n")
    returned = ws.run("review", "cao hong hung", "-w", "38", "--return", "--reason", "Thiếu số liệu hộ được hỗ trợ",
                      "--due", "29/09/2021 17:00")
    assert returned.exit_code == 0, returned.stderr
    assert returned.stdout == ("đã trả lại báo cáo cao-hong-hung 2021-W38, hạn nộp lại 17:00 29/09/2021: "
                               "data/reviews/2021/W38/cao-hong-hung.yaml\n")
    assert last_message(ws.root) == "trả lại báo cáo: cao-hong-hung 2021-W38 — lý do: Thiếu số liệu hộ được hỗ trợ"
    rows = _rows(ws)
    assert (rows["vy-tu-lieu"]["state"], rows["vy-tu-lieu"]["review"], rows["vy-tu-lieu"]["note"]) == (
        "dung-han", "da-duyet", "đã duyệt")
    cao = rows["cao-hong-hung"]
    assert (cao["state"], cao["review"], cao["reason"], cao["due_again"], cao["note"]) == (
        "tra-lai", "tra-lai", "Thiếu số liệu hộ được hỗ trợ", "2021-09-29T17:00:00+07:00",
        "lý do: Thiếu số liệu hộ được hỗ trợ; hạn nộp lại 17:00 29/09/2021")
    table = ws.run("status", "--week", "2021-W38").stdout
    assert "│ 8  │ cao-hong-hung    │ Cao Hồng Hưng    │ trả lại    │ 27/09/2021 09:15 │ lý do: Thiếu số liệu hộ" in table
    assert table.split("\n")[-2] == "Phải nộp: 11 — đúng hạn: 7, muộn: 1, chưa nộp: 2; vắng: 0; trả lại: 1."
    remind = json.loads(ws.run("remind", "--week", "2021-W38", "--format", "json").stdout)["reminders"]
    assert [item["member"] for item in remind] == ["nguyen-minh-duc", "tran-viet-hung", "cao-hong-hung"]
    assert ("Báo cáo tuần từ ngày 20/9 đến ngày 26/9/2021 (kỳ 2021-W38) của đồng chí đã được trả lại để bổ sung, "
            "hoàn chỉnh, với lý do: \"Thiếu số liệu hộ được hỗ trợ\".\n\nĐề nghị đồng chí sửa báo cáo và gửi lại "
            "trước 17:00 ngày 29/09/2021") in remind[2]["text"]
    # only the accepted report feeds the content; who reported is still counted from every report
    only = _consolidated(ws, "--accepted-only")
    assert "| Vy Tư Liệu | 2021-W38 |" in only and "| Cao Hồng Hưng | 2021-W38 |" not in only
    assert "**Biểu 3. Báo cáo của thành viên đã nhận** — 9/11 báo cáo, 1 báo cáo gửi muộn\n" in only
    assert "| Cao Hồng Hưng | 2021-W38 |" in _consolidated(ws)
    # the member corrects the returned report: it awaits review again, and nobody reminds them
    source = ws.root.parent / "sua.yaml"
    source.write_text(ws.text(CAO).replace("next_tasks:\n", "next_tasks:\n- Bổ sung số liệu.\n"), encoding="utf-8")
    assert ws.run("report", "edit", "cao-hong-hung", "-w", "38", "--from-file", str(source)).exit_code == 0
    cao = _rows(ws)["cao-hong-hung"]
    assert (cao["state"], cao["review"], cao["note"]) == ("dung-han", "cho-duyet", "đã sửa sau khi duyệt, chờ duyệt lại")
    remind = json.loads(ws.run("remind", "--week", "2021-W38", "--format", "json").stdout)["reminders"]
    assert [item["member"] for item in remind] == ["nguyen-minh-duc", "tran-viet-hung"]
    assert "| Cao Hồng Hưng | 2021-W38 |" not in _consolidated(ws, "--accepted-only")
    assert ws.run("review", "cao-hong-hung", "-w", "38", "--accept").exit_code == 0
    assert "| Cao Hồng Hưng | 2021-W38 |" in _consolidated(ws, "--accepted-only")
    assert ws.run("check").exit_code == 0


def test_review_errors(ws: Workspace) -> None:
    def fails(*args: str) -> str:
        result = ws.run("review", *args)
        assert result.exit_code == 1, result.stdout
        return result.stderr

    assert fails("vy-tu-lieu", "-w", "38") == (
        "lỗi: chọn một trong hai: --accept (duyệt) hoặc --return (trả lại)\n"
        "  gợi ý: ví dụ: dvcli review vy-tu-lieu --week 2021-W38 --return --reason \"Thiếu số liệu\"\n")
    assert fails("vy-tu-lieu", "-w", "38", "--accept", "--return") == fails("vy-tu-lieu", "-w", "38")
    assert fails("vy-tu-lieu", "-w", "38", "--return") == (
        "lỗi: trả lại báo cáo cần lý do\n"
        "  gợi ý: thêm --reason \"...\", ví dụ --reason \"Thiếu số liệu hộ được hỗ trợ\"\n")
    assert fails("vy-tu-lieu", "-w", "38", "--accept", "--reason", "tốt") == (
        "lỗi: --reason và --due chỉ dùng khi trả lại (--return)\n"
        "  gợi ý: bỏ --reason/--due, hoặc dùng --return thay cho --accept\n")
    assert fails("vy-tu-lieu", "-w", "38", "--return", "--reason", "x", "--due", "2021-09-27 17:00") == (
        "lỗi: hạn nộp lại 17:00 27/09/2021 đã qua\n"
        "  gợi ý: chọn một thời điểm sau bây giờ, ví dụ --due \"2021-09-30 17:00\"\n")
    assert fails("vy-tu-lieu", "-w", "38", "--return", "--reason", "x", "--due", "thứ sáu") == (
        "lỗi: không hiểu thời hạn \"thứ sáu\"\n"
        "  gợi ý: viết ngày và giờ, ví dụ \"2021-09-30 17:00\" hoặc \"30/09/2021 17:00\"; chỉ ngày thì hạn là cuối "
        "ngày đó\n")
    assert fails("nguyen-minh-duc", "-w", "38", "--accept") == (
        "lỗi: chưa có báo cáo nguyen-minh-duc 2021-W38 để duyệt\n"
        "  gợi ý: xem ai đã nộp: dvcli status --week 2021-W38\n")
    assert not (ws.root / "data" / "reviews").exists()


def test_review_in_english_and_a_date_alone_as_due(ws: Workspace) -> None:
    result = ws.run("--lang", "en", "review", "cao-hong-hung", "-w", "38", "--return", "--reason", "x", "--due",
                    "2021-09-30", "--no-commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("returned report cao-hong-hung 2021-W38, resubmit by 23:59 30/09/2021: "
                             "data/reviews/2021/W38/cao-hong-hung.yaml\n")
    assert result.stderr == ""
    help_text = ws.run("--lang", "en", "review", "--help").stdout
    assert "Accept a member's weekly report, or return it with a reason and a new due" in help_text


def test_check_validates_withdrawals_and_reviews(ws: Workspace) -> None:
    assert ws.run("review", "vy-tu-lieu", "--week", "2021-W38", "--accept").exit_code == 0
    assert ws.run("report", "withdraw", "bui-thuy", "--week", "2021-W38", "--reason", "nhầm").exit_code == 0
    assert ws.run("check").exit_code == 0
    review = "data/reviews/2021/W38/vy-tu-lieu.yaml"
    ws.write({"data/reviews/2021/W38/bui-thuy.yaml": ws.text(review)})
    ws.edit(review, "decision: accepted", "decision: maybe")
    ws.edit("data/withdrawn/2021/W38/bui-thuy.yaml", "member: bui-thuy\nperiod", "member: ai-do\nperiod")
    result = ws.run("check")
    assert result.exit_code == 1
    report = result.stdout + result.stderr
    assert ("data/reviews/2021/W38/bui-thuy.yaml:1: member: tên tệp không khớp nội dung: phải là "
            "data/reviews/2021/W38/vy-tu-lieu.yaml\n"
            "  gợi ý: đổi tên tệp (git mv) cho khớp member và period trong tệp\n") in report
    assert f"{review}:3: decision: " in report
    assert ("data/withdrawn/2021/W38/bui-thuy.yaml:1: member: không có thành viên \"ai-do\"\n"
            "  gợi ý: dùng id trong data/members.yaml (xem: dvcli members list)\n") in report


# --- unassign ----------------------------------------------------------------------------------


def test_unassign_removes_a_mistaken_assignment_and_coverage_follows(ws: Workspace) -> None:
    path = "data/assignments/bui-thuy/III.4_2021-09-13.yaml"
    def covering_iii_4() -> list[str]:
        coverage = json.loads(ws.run("assignments", "--coverage", "--on", "2021-09-22", "--format", "json").stdout)
        return next(line["members"] for line in coverage["lines"] if line["id"] == "III.4")

    assert covering_iii_4() == ["bui-thuy", "cao-hong-hung"]
    result = ws.run("unassign", "bui thuy", "--task", "III.4", "--from", "13/09/2021", "--reason", "Phân công nhầm người")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"đã bỏ phân công: {path}\n"
    assert result.stderr == "đã ghi vào git: bỏ phân công: bui-thuy III.4 từ 2021-09-13 — lý do: Phân công nhầm người\n"
    assert last_commit_files(ws.root) == [path]
    assert not (ws.root / path).exists()
    assert covering_iii_4() == ["cao-hong-hung"]
    bui = _rows(ws, "2021-W39")["bui-thuy"]  # no longer expected to report
    assert (bui["expected"], bui["note"]) == (False, "không được phân công trong kỳ")
    assert ws.run("check").exit_code == 0
    assert "bỏ phân công: bui-thuy III.4" in ws.run("history", "bui-thuy").stdout


def test_unassign_errors(ws: Workspace) -> None:
    missing = ws.run("unassign", "bui-thuy", "--task", "III.4", "--from", "2021-09-14", "--reason", "nhầm")
    assert (missing.exit_code, missing.stderr) == (1, (
        "lỗi: không có phân công III.4 cho bui-thuy từ 2021-09-14 (data/assignments/bui-thuy/III.4_2021-09-14.yaml)\n"
        "  gợi ý: các phân công của bui-thuy: III.4 từ 2021-09-13\n"))
    blank = ws.run("unassign", "bui-thuy", "--task", "III.4", "--from", "2021-09-13", "--reason", " ")
    assert (blank.exit_code, blank.stderr) == (1, (
        "lỗi: cần lý do bỏ phân công\n  gợi ý: thêm --reason \"...\", ví dụ --reason \"Phân công nhầm người\"\n"))
    ws.run("unassign", "bui-thuy", "--task", "III.4", "--from", "2021-09-13", "--reason", "nhầm", "--no-commit")
    none = ws.run("unassign", "bui-thuy", "--task", "III.4", "--from", "2021-09-13", "--reason", "nhầm")
    assert none.stderr == (
        "lỗi: không có phân công III.4 cho bui-thuy từ 2021-09-13 (data/assignments/bui-thuy/III.4_2021-09-13.yaml)\n"
        "  gợi ý: bui-thuy chưa có phân công nào (xem: dvcli assignments)\n")
    assert git(ws.root, "status", "--porcelain") == " D data/assignments/bui-thuy/III.4_2021-09-13.yaml\n"


# --- carry-over ----------------------------------------------------------------------------------


def test_carry_over_of_last_weeks_tasks_into_the_new_report_and_the_consolidated_report(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from records_support import run_input, scripted_editor

    monkeypatch.setenv("DVCLI_NOW", "2021-10-05T09:00:00+07:00")
    done = ("phân bổ nguồn ủng hộ.\n  outcome: carried", "phân bổ nguồn ủng hộ.\n  outcome: done")
    overview = ("  overview: |\n    \n", "  overview: |\n    Nhân dân đồng thuận.\n")
    wrong = ("outcome: carried", "outcome: xong")
    scripted_editor(tmp_path, monkeypatch, [[done, overview, wrong], [("outcome: xong", "outcome: carried")]])
    result = run_input(ws, "\n", "report", "new", "vy-tu-lieu", "--week", "2021-W40")
    assert result.exit_code == 0, result.stderr
    draft = ".git/dvcli/drafts/2021-W40-vy-tu-lieu.yaml"
    assert result.stderr == (
        f"{draft}:67: previous_tasks[0].outcome: \"xong\" không phải giá trị được phép\n"
        "  gợi ý: chọn một trong: 'done', 'carried' hoặc 'dropped'\n"
        "Báo cáo có 1 lỗi.\nSửa lại? [Y/n]:đã ghi vào git: báo cáo: vy-tu-lieu 2021-W40\n")
    text = ws.text("data/reports/2021/W40/vy-tu-lieu.yaml")
    assert ("previous_tasks:\n- text: Tổng hợp báo cáo tuần của Tổ công tác trình lãnh đạo Ban.\n  outcome: carried\n"
            "- text: Làm việc với Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam về phân bổ nguồn ủng hộ.\n"
            "  outcome: done\nnext_tasks: []\n") in text
    assert ws.run("check").exit_code == 0
    consolidated = ws.run("consolidate", "--week", "2021-W40").stdout
    assert "Thực hiện nhiệm vụ đề ra kỳ trước" in consolidated
    assert ("**Đã hoàn thành:** Làm việc với Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam về phân bổ nguồn "
            "ủng hộ.") in consolidated
    # the other one stays "carried" in the member's report; the synthesis leaves internal housekeeping out
    assert "Tổng hợp báo cáo tuần của Tổ công tác" not in consolidated


@pytest.mark.parametrize(("args", "kept"), [
    (["report", "withdraw", "bui-thuy", "--week", "2021-W38", "--reason", "Gửi nhầm"], "data/reports/2021/W38/bui-thuy.yaml"),
    (["unassign", "bui-thuy", "--task", "III.4", "--from", "2021-09-13", "--reason", "Ghi nhầm"],
     "data/assignments/bui-thuy/III.4_2021-09-13.yaml"),
], ids=["withdraw", "unassign"])
def test_a_refused_commit_puts_the_removed_file_back(ws: Workspace, args: list[str], kept: str) -> None:
    """The removal is a watched write of the transaction: a refusing hook leaves the file where it was."""
    hook = ws.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'không nhận' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = (ws.root / kept).read_bytes()
    result = ws.run(*args)
    assert result.exit_code == 1
    assert "chưa ghi gì, không gian làm việc vẫn như trước khi chạy lệnh" in result.stderr
    assert (ws.root / kept).read_bytes() == before
    assert git(ws.root, "status", "--porcelain") == ""


def test_reviews_lists_every_weekly_report_with_its_review(ws: Workspace) -> None:
    assert ws.run("review", "vy-tu-lieu", "--week", "2021-W38", "--accept").exit_code == 0
    assert ws.run("review", "cao-hong-hung", "--week", "2021-W38", "--return", "--reason", "Thiếu số liệu",
                  "--due", "2021-09-29 17:00").exit_code == 0
    result = ws.run("reviews", "--week", "2021-W38")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert "│ 1  │ vy-tu-lieu       │ Vy Tư Liệu       │ đã duyệt  │ 28/09/2021 10:00 │" in lines[3]
    assert any("│ cao-hong-hung    │ Cao Hồng Hưng    │ trả lại   │ 28/09/2021 10:00 │ lý do: Thiếu số liệu; hạn nộp "
               "lại 17:00 29/09/2021 │" in line for line in lines)
    assert lines[-2].startswith("Kỳ 2021-W38: ") and lines[-2].endswith(
        " — đã duyệt: 1, trả lại: 1, chờ duyệt: " + str(len([1 for line in lines if "│ chờ duyệt │" in line]))
        + ", chờ duyệt lại: 0.")
    data = json.loads(ws.run("reviews", "--week", "2021-W38", "--format", "json").stdout)
    states = {row["member"]: row["state"] for row in data["rows"]}
    assert (states["vy-tu-lieu"], states["cao-hong-hung"], states["bui-thuy"]) == ("da-duyet", "tra-lai", "chua-duyet")
    edited = ws.run("report", "edit", "cao-hong-hung", "--week", "2021-W38", "--from-file",
                    str(_file(ws, ws.text(CAO).replace("difficulties:\n", "difficulties:\n- Thiếu vắc-xin.\n", 1))))
    assert edited.exit_code == 0, edited.stderr
    again = json.loads(ws.run("reviews", "--week", "2021-W38", "--format", "json").stdout)
    assert {row["member"]: row["state"] for row in again["rows"]}["cao-hong-hung"] == "cho-duyet"
    empty = ws.run("reviews", "--week", "2021-W30")
    assert (empty.exit_code, empty.stderr) == (0, "kỳ 2021-W30 chưa có báo cáo tuần nào\n")
