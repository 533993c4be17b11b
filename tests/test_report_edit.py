"""``dvcli report edit``: the editor loop over a stored report, ``--from-file``, submitted kept, revised recorded."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from foundation_support import Workspace
from records_support import git, git_init, last_commit_files, last_message, run_input, scripted_editor

NOW = "2021-09-28T10:00:00+07:00"  # a Tuesday of 2021-W39, after 2021-W38 was due
VY = "data/reports/2021/W38/vy-tu-lieu.yaml"
DRAFT = ".git/dvcli/drafts/sua-2021-W38-vy-tu-lieu.yaml"  # machine state lives in the git directory
ADD = ("difficulties:\n", "difficulties:\n- Thiếu cán bộ trực đường dây nóng.\n")
BREAK = ("  tien-van-dong: ", "  tien-van-dong: 1.500.000 #")
FIX = ("  tien-van-dong: 1.500.000 #", "  tien-van-dong: ")


@pytest.fixture
def ws(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    git_init(full_workspace.root)
    return full_workspace


def test_edit_keeps_submitted_records_revised_and_commits_only_the_report(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = ws.text(VY)
    scripted_editor(tmp_path, monkeypatch, [[ADD]])
    result = ws.run("report", "edit", "vy tu lieu", "--week", "2021-W38")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"đã sửa báo cáo vy-tu-lieu 2021-W38: {VY}\n"
    assert result.stderr == "đã ghi vào git: sửa báo cáo: vy-tu-lieu 2021-W38\n"
    text = ws.text(VY)
    assert text.startswith("member: vy-tu-lieu\nperiod: 2021-W38\nsubmitted: 2021-09-27 08:10:00\n"
                           "revised: 2021-09-28 10:00:00+07:00\n")
    assert "- Thiếu cán bộ trực đường dây nóng.\n" in text
    assert text.replace("revised: 2021-09-28 10:00:00+07:00\n", "").replace(
        "- Thiếu cán bộ trực đường dây nóng.\n", "") == before
    assert last_commit_files(ws.root) == [VY]
    assert last_message(ws.root) == "sửa báo cáo: vy-tu-lieu 2021-W38"
    assert not (ws.root / DRAFT).exists()
    assert ws.run("check").exit_code == 0
    shown = ws.run("report", "show", "vy-tu-lieu", "--week", "2021-W38", "--format", "json")
    record = json.loads(shown.stdout)["report"]
    assert (record["submitted"], record["revised"]) == ("2021-09-27T08:10:00", "2021-09-28T10:00:00+07:00")
    history = ws.run("history", VY).stdout.splitlines()
    assert "sửa báo cáo: vy-tu-lieu 2021-W38" in history[0]


def test_edit_invalid_then_fixed(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = ws.line(VY, "tien-van-dong") + 3 + 1  # three guidance lines, one added difficulty
    scripted_editor(tmp_path, monkeypatch, [[ADD, BREAK], [FIX]])
    result = run_input(ws, "\n", "report", "edit", "vy-tu-lieu", "-w", "38")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"{DRAFT}:{line}: indicators.tien-van-dong: \"1.500.000\" không phải số\n"
        "  gợi ý: viết số, dùng dấu chấm cho phần thập phân: 19300.5\n"
        "Báo cáo có 1 lỗi.\nSửa lại? [Y/n]:đã ghi vào git: sửa báo cáo: vy-tu-lieu 2021-W38\n")
    assert "- Thiếu cán bộ trực đường dây nóng.\n" in ws.text(VY)


def test_edit_abandoned_keeps_the_draft_and_resumes(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = ws.text(VY)
    scripted_editor(tmp_path, monkeypatch, [[ADD, ("member: vy-tu-lieu", "member: bui-thuy")]])
    result = run_input(ws, "n\n", "report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{DRAFT}:4: member: báo cáo này là của vy-tu-lieu 2021-W38 nhưng member là \"bui-thuy\"\n"
        "  gợi ý: sửa member: vy-tu-lieu, hoặc chọn đúng thành viên và kỳ trong lệnh\n"
        "Báo cáo có 1 lỗi.\nSửa lại? [Y/n]:"
        f"lỗi: chưa lưu báo cáo; bản nháp được giữ ở {DRAFT}\n"
        "  gợi ý: chạy lại lệnh để sửa tiếp bản nháp, hoặc sửa tệp rồi: dvcli report edit vy-tu-lieu "
        f"--week 2021-W38 --from-file {DRAFT}\n")
    assert ws.text(VY) == before
    assert "Thiếu cán bộ trực đường dây nóng." in ws.text(DRAFT)
    scripted_editor(tmp_path, monkeypatch, [[("member: bui-thuy", "member: vy-tu-lieu")]])
    again = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert again.exit_code == 0, again.stderr
    assert again.stderr == (f"tiếp tục bản nháp chưa lưu: {DRAFT}\n"
                            "đã ghi vào git: sửa báo cáo: vy-tu-lieu 2021-W38\n")
    assert "Thiếu cán bộ trực đường dây nóng." in ws.text(VY)
    assert not (ws.root / DRAFT).exists()


def test_edit_unchanged_empty_and_submitted_changed(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before, head = ws.text(VY), git(ws.root, "rev-parse", "HEAD")
    scripted_editor(tmp_path, monkeypatch, [[]])
    unchanged = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert (unchanged.exit_code, unchanged.stdout, unchanged.stderr) == (
        0, f"báo cáo vy-tu-lieu 2021-W38 không thay đổi; chưa lưu gì: {VY}\n", "")
    scripted_editor(tmp_path, monkeypatch, [[("# SỬA BÁO CÁO", "# đã đọc: SỬA BÁO CÁO")]])
    comment_only = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert (comment_only.exit_code, comment_only.stdout) == (
        0, f"báo cáo vy-tu-lieu 2021-W38 không thay đổi; chưa lưu gì: {VY}\n")
    scripted_editor(tmp_path, monkeypatch, ["empty"])
    empty = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert (empty.exit_code, empty.stderr) == (1, "lỗi: bản nháp trống: đã huỷ, báo cáo giữ nguyên\n")
    scripted_editor(tmp_path, monkeypatch, [[("submitted: 2021-09-27 08:10:00", "submitted: 2021-09-26 08:10:00")]])
    moved = run_input(ws, "n\n", "report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert moved.exit_code == 1
    assert moved.stderr.startswith(
        f"{DRAFT}:6: submitted: submitted là thời điểm nộp lần đầu (2021-09-27 08:10:00); sửa báo cáo không đổi "
        "được thời điểm này\n"
        "  gợi ý: để nguyên dòng submitted: 2021-09-27 08:10:00; dvcli tự ghi thời điểm sửa vào revised\n"
        "Báo cáo có 1 lỗi.\n")
    assert ws.text(VY) == before
    assert git(ws.root, "rev-parse", "HEAD") == head


def test_from_file_replaces_without_an_editor(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "sua.yaml"
    source.write_text(ws.text(VY).replace("next_tasks:\n", "next_tasks:\n- Rà soát đường dây nóng.\n"),
                      encoding="utf-8")
    result = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38", "--from-file", str(source))
    assert result.exit_code == 0, result.stderr
    assert "- Rà soát đường dây nóng.\n" in ws.text(VY)
    assert "revised: 2021-09-28 10:00:00+07:00\n" in ws.text(VY)
    assert last_commit_files(ws.root) == [VY]
    again = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38", "--from-file", str(source))
    assert again.stdout == f"báo cáo vy-tu-lieu 2021-W38 không thay đổi; chưa lưu gì: {VY}\n"
    missing = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38", "--from-file", str(tmp_path / "khong"))
    assert (missing.exit_code, missing.stderr) == (
        1, f"lỗi: không có tệp {tmp_path / 'khong'}\n  gợi ý: kiểm tra đường dẫn của --from-file\n")
    (tmp_path / "trong.yaml").write_text("", encoding="utf-8")
    empty = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38", "--from-file", str(tmp_path / "trong.yaml"))
    assert (empty.exit_code, empty.stderr) == (
        1, f"lỗi: tệp {tmp_path / 'trong.yaml'} trống\n  gợi ý: viết báo cáo vào tệp, hoặc bỏ --from-file\n")


def test_edit_by_path_and_no_commit(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "sua.yaml"
    source.write_text(ws.text(VY).replace("next_tasks:\n", "next_tasks:\n- Việc mới.\n"), encoding="utf-8")
    head = git(ws.root, "rev-parse", "HEAD")
    result = ws.run("report", "edit", VY, "--from-file", str(source), "--no-commit")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "- Việc mới.\n" in ws.text(VY)
    assert git(ws.root, "rev-parse", "HEAD") == head
    assert git(ws.root, "status", "--porcelain") == f" M {VY}\n"


def test_edit_errors(ws: Workspace, tmp_path: Path) -> None:
    missing = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W40", "--from-file", str(tmp_path))
    assert (missing.exit_code, missing.stderr) == (1, (
        "lỗi: chưa có báo cáo vy-tu-lieu 2021-W40 (data/reports/2021/W40/vy-tu-lieu.yaml) để sửa\n"
        "  gợi ý: viết báo cáo mới bằng: dvcli report new vy-tu-lieu\n"))
    no_file = ws.run("report", "edit", "data/reports/2021/W38/khong-co.yaml", "--from-file", str(tmp_path))
    assert (no_file.exit_code, no_file.stderr) == (1, (
        "lỗi: không có tệp báo cáo data/reports/2021/W38/khong-co.yaml\n"
        "  gợi ý: chỉ một tệp trong data/reports/, hoặc dùng: dvcli report edit THÀNH-VIÊN --week KỲ\n"))
    outside = ws.run("report", "edit", "data/members.yaml", "--from-file", str(tmp_path))
    assert outside.stderr.startswith("lỗi: không có tệp báo cáo data/members.yaml\n")
    ws.write({"data/reports/2021/W38/sai-cho.yaml": ws.text(VY)})
    misplaced = ws.run("report", "edit", "data/reports/2021/W38/sai-cho.yaml", "--from-file", str(tmp_path))
    assert (misplaced.exit_code, misplaced.stderr) == (1, (
        "lỗi: data/reports/2021/W38/sai-cho.yaml không nằm đúng chỗ của báo cáo vy-tu-lieu 2021-W38\n"
        "  gợi ý: chạy dvcli check để xem tệp cần chuyển về đâu\n"))
    terminal = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert (terminal.exit_code, terminal.stderr) == (1, (
        "lỗi: không có terminal để mở trình soạn thảo\n"
        "  gợi ý: chạy lệnh trong terminal, hoặc dùng --from-file TỆP (báo cáo đã sửa)\n"))


RACE_EDITOR = '''
import sys
from pathlib import Path
draft = Path(sys.argv[1])
draft.write_text(draft.read_text(encoding="utf-8").replace("next_tasks:\\n", "next_tasks:\\n- Việc A.\\n"),
                 encoding="utf-8")
report = Path(sys.argv[2])
report.write_text(report.read_text(encoding="utf-8") + "# sửa ở nơi khác\\n", encoding="utf-8")
'''


def test_edit_refuses_to_overwrite_a_report_changed_meanwhile(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "race.py"
    script.write_text(RACE_EDITOR, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr("dvcli.cli.report.interactive", lambda: True)
    # the editor receives the report's path first, then the draft's: swap them with a wrapper
    wrapper = tmp_path / "wrap.py"
    wrapper.write_text("import subprocess, sys\nsubprocess.run([sys.executable, sys.argv[1], sys.argv[3], sys.argv[2]],"
                       " check=True)\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {wrapper} {script} {ws.root / VY}")
    result = ws.run("report", "edit", "vy-tu-lieu", "--week", "2021-W38")
    assert result.exit_code == 1
    assert result.stderr == (
        f"lỗi: báo cáo vy-tu-lieu 2021-W38 ({VY}) vừa được sửa ở nơi khác trong lúc bạn sửa\n"
        f"  gợi ý: chạy lại lệnh để sửa trên bản mới nhất; bản nháp giữ ở {DRAFT}\n")
    assert ws.text(VY).endswith("# sửa ở nơi khác\n")
    assert "- Việc A.\n" in ws.text(DRAFT)


def test_edit_an_ad_hoc_report_and_in_english(ws: Workspace, tmp_path: Path) -> None:
    created = ws.run("report", "new", "bui-thuy", "--ad-hoc", "--title", "Mưa lũ tại Quảng Nam", "--date",
                     "2021-09-23", "--from-file", str(_write(tmp_path / "a.yaml", "difficulties:\n- Lũ lớn.\n")))
    assert created.exit_code == 0, created.stderr
    path = "data/reports/2021/W38/dot-xuat/2021-09-23-bui-thuy-mua-lu-tai-quang-nam.yaml"
    source = _write(tmp_path / "b.yaml", ws.text(path).replace("- Lũ lớn.", "- Lũ rất lớn."))
    result = ws.run("--lang", "en", "report", "edit", "bui-thuy", "--date", "2021-09-23", "--title",
                    "Mưa lũ tại Quảng Nam", "--from-file", str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"corrected report bui-thuy 2021-09-23 ad-hoc: {path}\n"
    assert last_message(ws.root) == "corrected report: bui-thuy 2021-09-23 ad-hoc"
    assert "- Lũ rất lớn.\n" in ws.text(path)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_report_replaced_by_a_symlink_is_never_followed(ws: Workspace, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A pushed link where a report belongs, pointing at a valid report outside the workspace: no
    command that goes to the report by its path copies its text, records its digest or shows it."""
    outside = tmp_path / "ngoai.yaml"
    outside.write_text(ws.text(VY).replace("next_tasks:\n", "next_tasks:\n- Bí mật ngoài không gian.\n"),
                       encoding="utf-8")
    (ws.root / VY).unlink()
    (ws.root / VY).symlink_to(outside)
    refused = (f"lỗi: {VY} là liên kết tượng trưng (trỏ đến {outside}); dvcli không đọc hay ghi qua liên kết "
               "trong không gian làm việc\n"
               f"  gợi ý: thay liên kết bằng thư mục hoặc tệp thật: git rm {VY} (hoặc rm {VY} nếu chưa commit), "
               "rồi chạy lại lệnh\n")
    scripted_editor(tmp_path, monkeypatch, [[ADD]])
    source = tmp_path / "sua.yaml"
    source.write_text(outside.read_text(encoding="utf-8"), encoding="utf-8")
    head = git(ws.root, "rev-parse", "HEAD")
    for args in (["report", "edit", "vy-tu-lieu", "--week", "2021-W38"],
                 ["report", "edit", VY, "--from-file", str(source)],
                 ["report", "withdraw", "vy-tu-lieu", "--week", "2021-W38", "--reason", "Gửi nhầm"],
                 ["review", "vy-tu-lieu", "--week", "2021-W38", "--accept"],
                 ["report", "show", VY],
                 ["report", "show", "vy-tu-lieu", "--week", "2021-W38"]):
        result = ws.run(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", refused), args
    assert not (ws.root / DRAFT).exists()
    assert not (ws.root / "data" / "reviews").exists() or not any((ws.root / "data" / "reviews").rglob("*.yaml"))
    assert git(ws.root, "rev-parse", "HEAD") == head
    assert "Bí mật" not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                   for p in (ws.root / "data").rglob("*") if p.is_file() and not p.is_symlink())
