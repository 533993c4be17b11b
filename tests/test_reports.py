"""``dvcli report new|list|show``: the $EDITOR loop, drafts, refusal to overwrite, no terminal, weeks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foundation_support import Workspace
from records_support import git, git_init, last_commit_files, last_message, run_input, scripted_editor

NOW = "2021-09-24T16:00:00+07:00"  # a Friday of 2021-W38
VIET = "data/reports/2021/W38/tran-vuong-viet.yaml"
DRAFT = ".dvcli/drafts/2021-W38-tran-vuong-viet.yaml"
OVERVIEW = ("  overview: |\n    \n", "  overview: |\n    Nhân dân đồng thuận.\n\n    Đoạn thứ hai.\n")
BREAK = ("  tien-van-dong: 0", "  tien-van-dong: 1.500.000")
FIX = ("  tien-van-dong: 1.500.000", "  tien-van-dong: 1500000")


@pytest.fixture
def ws(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    (full_workspace.root / VIET).unlink()
    return full_workspace


def test_editor_valid_report_is_stored_canonically_and_the_draft_removed(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scripted_editor(tmp_path, monkeypatch, [[OVERVIEW]])
    result = ws.run("report", "new", "tran vuong viet")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"đã lưu báo cáo tran-vuong-viet 2021-W38: {VIET}\n"
    text = ws.text(VIET)
    assert text.startswith("member: tran-vuong-viet\nperiod: 2021-W38\nsubmitted: 2021-09-24 16:00:00+07:00\n")
    assert "  overview: |-\n    Nhân dân đồng thuận.\n\n    Đoạn thứ hai.\n" in text
    assert "- task: II.4\n  subjects:\n  - tang-lop-nhan-dan\n" in text
    assert not (ws.root / DRAFT).exists()
    assert ws.run("check").exit_code == 0


def test_editor_invalid_then_fixed(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = scripted_editor(tmp_path, monkeypatch, [[OVERVIEW, BREAK], [FIX]])
    result = run_input(ws, "\n", "report", "new", "tran-vuong-viet", "--week", "2021-W38")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"{DRAFT}:73: indicators.tien-van-dong: \"1.500.000\" không phải số\n"
        "  gợi ý: viết số, dùng dấu chấm cho phần thập phân: 19300.5\n"
        "Báo cáo có 1 lỗi.\nSửa lại? [Y/n]:")
    assert "tien-van-dong: 1500000\n" in ws.text(VIET)
    assert json.loads(state.read_text()) == []


def test_editor_invalid_then_abandoned_keeps_the_draft(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scripted_editor(tmp_path, monkeypatch, [[OVERVIEW, ("member: tran-vuong-viet", "member: vy-tu-lieu")]])
    result = run_input(ws, "n\n", "report", "new", "tran-vuong-viet", "-w", "38")
    assert result.exit_code == 1
    line = ws.line(DRAFT, "^member:")
    assert result.stderr == (
        f"{DRAFT}:{line}: member: báo cáo này là của tran-vuong-viet 2021-W38 nhưng member là \"vy-tu-lieu\"\n"
        "  gợi ý: sửa member: tran-vuong-viet, hoặc chọn đúng thành viên và kỳ trong lệnh\n"
        "Báo cáo có 1 lỗi.\n"
        "Sửa lại? [Y/n]:"
        f"lỗi: chưa lưu báo cáo; bản nháp được giữ ở {DRAFT}\n"
        f"  gợi ý: chạy lại lệnh để sửa tiếp bản nháp, hoặc sửa tệp rồi: dvcli report new tran-vuong-viet "
        f"--from-file {DRAFT}\n")
    assert "Nhân dân đồng thuận." in ws.text(DRAFT)
    assert not (ws.root / VIET).exists()
    # running again resumes the kept draft: what was typed is still there
    scripted_editor(tmp_path, monkeypatch, [[("member: vy-tu-lieu", "member: tran-vuong-viet")]])
    again = ws.run("report", "new", "tran-vuong-viet", "-w", "38")
    assert again.exit_code == 0, again.stderr
    assert again.stderr == f"tiếp tục bản nháp chưa lưu: {DRAFT}\n"
    assert "Nhân dân đồng thuận." in ws.text(VIET)


def test_editor_unchanged_empty_and_failing(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scripted_editor(tmp_path, monkeypatch, [[]])
    unchanged = ws.run("report", "new", "tran-vuong-viet")
    assert (unchanged.exit_code, unchanged.stderr) == (1, (
        "lỗi: khung báo cáo chưa được sửa; chưa lưu gì\n"
        "  gợi ý: viết nội dung rồi lưu tệp; nếu kỳ này không có gì để báo cáo: dvcli report new tran-vuong-viet "
        "--nothing-to-report\n"))
    scripted_editor(tmp_path, monkeypatch, ["empty"])
    empty = ws.run("report", "new", "tran-vuong-viet")
    assert (empty.exit_code, empty.stderr) == (1, "lỗi: bản nháp trống: đã huỷ, chưa lưu gì\n")
    assert not (ws.root / DRAFT).exists()
    scripted_editor(tmp_path, monkeypatch, ["fail"])
    failed = ws.run("report", "new", "tran-vuong-viet")
    assert failed.exit_code == 1
    assert failed.stderr.startswith("lỗi: trình soạn thảo \"")
    assert failed.stderr.endswith(f"kết thúc với mã 3; chưa lưu báo cáo\n  gợi ý: bản nháp vẫn giữ ở {DRAFT}; "
                                  "chạy lại lệnh để sửa tiếp\n")
    assert (ws.root / DRAFT).exists()


def test_no_terminal_fails_instead_of_hanging(ws: Workspace) -> None:
    result = ws.run("report", "new", "tran-vuong-viet")
    assert result.exit_code == 1
    assert result.stderr == (
        "lỗi: không có terminal để mở trình soạn thảo\n"
        "  gợi ý: chạy lệnh trong terminal, hoặc dùng --from-file TỆP (báo cáo viết sẵn) hoặc --nothing-to-report "
        "(kỳ này không có gì để báo cáo)\n")
    assert not (ws.root / VIET).exists()


def test_existing_report_is_never_overwritten(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = "data/reports/2021/W38/vy-tu-lieu.yaml"
    before = ws.text(path)
    scripted_editor(tmp_path, monkeypatch, [[OVERVIEW]])
    for args in ([], ["--no-edit"], ["--from-file", str(ws.root / path)]):
        result = ws.run("report", "new", "vy-tu-lieu", "--week", "2021-W38", *args)
        assert result.exit_code == 1
        assert result.stderr == (
            f"lỗi: đã có báo cáo vy-tu-lieu 2021-W38 ({path}); dvcli không ghi đè báo cáo đã nộp\n"
            "  gợi ý: để sửa báo cáo đã nộp: dvcli report edit vy-tu-lieu --week 2021-W38\n")
    assert ws.text(path) == before


def test_no_edit_refuses_the_empty_skeleton_but_stores_a_resumed_draft(ws: Workspace) -> None:
    # the skeleton says nothing (every text empty, every figure 0): an empty report is refused (issue 13)
    result = ws.run("report", "new", "tran-vuong-viet", "--no-edit", "--week", "2021-09-22")
    assert (result.exit_code, result.stderr) == (1, (
        "lỗi: khung báo cáo chưa có nội dung nên không lưu\n"
        "  gợi ý: viết báo cáo: dvcli report new tran-vuong-viet (mở trình soạn thảo) hoặc --from-file TỆP; nếu kỳ "
        "này không có gì để báo cáo: --nothing-to-report\n"))
    assert not (ws.root / VIET).exists() and not (ws.root / DRAFT).exists()
    # a kept draft the member already filled in is stored as it is
    ws.write({DRAFT: "member: tran-vuong-viet\nperiod: 2021-W38\ndifficulties:\n- Thiếu người.\n"})
    kept = ws.run("report", "new", "tran-vuong-viet", "--no-edit", "--week", "2021-09-22")
    assert kept.exit_code == 0, kept.stderr
    assert "- Thiếu người.\n" in ws.text(VIET)
    assert ws.run("check").exit_code == 0


def test_from_file_fills_identity_and_keeps_a_typed_submission_time(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.yaml"
    source.write_text("submitted: 2021-09-27 14:30\nsituation:\n  overview: Ổn định.\nindicators:\n"
                      "  tien-van-dong: 2500000\n  hang-hoa-quy-doi: 1.5\n", encoding="utf-8")
    result = ws.run("report", "new", "tran-vuong-viet", "--week", "2021-W38", "--from-file", str(source))
    assert result.exit_code == 0, result.stderr
    assert ws.text(VIET) == (
        "member: tran-vuong-viet\nperiod: 2021-W38\nsubmitted: 2021-09-27 14:30:00\nsituation:\n"
        "  overview: Ổn định.\n  thoughts: ''\nresults: []\nmodels: []\ndifficulties: []\nproposals: []\n"
        "next_tasks: []\nindicators:\n  tien-van-dong: 2500000\n  hang-hoa-quy-doi: 1.5\n")
    status = json.loads(ws.run("status", "--week", "2021-W38", "--format", "json").stdout)
    row = next(row for row in status["rows"] if row["member"] == "tran-vuong-viet")
    assert row["state"] == "muon"


def test_from_file_lists_every_problem(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "sai.yaml"
    source.write_text("member: tran-vuong-viet\nperiod: 2021-W37\nresults:\n  - task: II.9\n    areas: [sao-hoa]\n"
                      "indicators:\n  khong-co: 1\n  ho-duoc-ho-tro: -2\n", encoding="utf-8")
    result = ws.run("report", "new", "tran-vuong-viet", "--week", "2021-W38", "--from-file", str(source))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}:2: period: báo cáo này là của tran-vuong-viet 2021-W38 nhưng period là \"2021-W37\"\n"
        "  gợi ý: sửa period: 2021-W38, hoặc chọn đúng thành viên và kỳ trong lệnh\n"
        f"{source}:8: indicators.ho-duoc-ho-tro: phải lớn hơn hoặc bằng 0\n"
        "  gợi ý: sửa thành một số từ 0 trở lên\n")
    source.write_text("results:\n  - task: II.9\n    areas: [sao-hoa]\nindicators:\n  khong-co: 1\n", encoding="utf-8")
    result = ws.run("report", "new", "tran-vuong-viet", "--week", "2021-W38", "--from-file", str(source))
    assert result.stderr == (
        f"{source}:2: results[0].task: kế hoạch không có mục \"II.9\"\n"
        "  gợi ý: dùng một nhiệm vụ: II.1, II.2, II.3, II.4, III.3, III.4\n"
        f"{source}:3: results[0].areas[0]: không có \"sao-hoa\" trong vocabulary.areas của kế hoạch\n"
        "  gợi ý: dùng một mã trong data/plan.yaml, mục vocabulary.areas\n"
        f"{source}:5: indicators.khong-co: kế hoạch không có chỉ tiêu \"khong-co\"\n"
        "  gợi ý: các chỉ tiêu: to-covid-cong-dong, to-covid-dang-hoat-dong, ho-duoc-ho-tro, nguoi-duoc-ho-tro, "
        "tien-van-dong, hang-hoa-quy-doi, tinh-nguyen-vien, f0-khoi-tham-gia, mo-hinh-de-xuat, chuyen-cong-tac, "
        "van-ban-chi-dao, y-kien-phan-anh\n")
    assert not (ws.root / VIET).exists()


def test_ad_hoc_report_path_and_commit(ws: Workspace) -> None:
    git_init(ws.root)
    result = ws.run("report", "new", "bui-thuy", "--ad-hoc", "--title", "Mưa lũ tại Quảng Nam", "--date",
                    "23/09/2021", "--nothing-to-report")
    assert result.exit_code == 0, result.stderr
    path = "data/reports/2021/W38/dot-xuat/2021-09-23-bui-thuy-mua-lu-tai-quang-nam.yaml"
    assert result.stdout == f"đã lưu báo cáo bui-thuy 2021-09-23 đột xuất: {path}\n"
    assert ws.text(path).startswith("member: bui-thuy\ndate: 2021-09-23\nsubmitted: 2021-09-24 16:00:00+07:00\n"
                                    "title: Mưa lũ tại Quảng Nam\n")
    assert last_commit_files(ws.root) == [path]
    assert last_message(ws.root) == "báo cáo: bui-thuy 2021-09-23 đột xuất"
    missing = ws.run("report", "new", "bui-thuy", "--ad-hoc", "--no-edit")
    assert missing.stderr == ("lỗi: báo cáo đột xuất cần tiêu đề\n  gợi ý: thêm --title \"Tình hình ...\", ví dụ: "
                              "dvcli report new bui-thuy --ad-hoc --title \"Tình hình tại khu công nghiệp\"\n")


def test_report_commit_leaves_other_changes_alone(ws: Workspace) -> None:
    git_init(ws.root)
    ws.write({"ghi-chu.txt": "đã sửa\n"})
    git(ws.root, "add", "ghi-chu.txt")
    ws.edit("data/members.yaml", "phone: 0900000001", "phone: 0900000009")
    result = ws.run("report", "new", "tran-vuong-viet", "--nothing-to-report")
    assert result.exit_code == 0
    assert result.stderr == "đã ghi vào git: báo cáo: tran-vuong-viet 2021-W38\n"
    assert last_commit_files(ws.root) == [VIET]
    assert git(ws.root, "status", "--porcelain") == " M data/members.yaml\nA  ghi-chu.txt\n"


@pytest.mark.parametrize(("week", "expected"), [
    ("2021-W38", "2021-W38"), ("38", "2021-W38"), ("2021-09-26", "2021-W38"), ("26/09/2021", "2021-W38"),
    ("this", "2021-W38"), ("last", "2021-W37"), ("2021w39", "2021-W39"),
])
def test_week_parsing(ws: Workspace, week: str, expected: str) -> None:
    result = ws.run("report", "list", "--week", week, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {row["period"] for row in json.loads(result.stdout)} == {expected}


def test_bad_week(ws: Workspace) -> None:
    result = ws.run("report", "list", "--week", "tuần sau")
    assert result.exit_code == 1
    assert result.stderr == ('lỗi: không hiểu tuần "tuần sau"\n  gợi ý: viết 2021-W38, 38 (tuần của năm nay), '
                             "một ngày trong tuần (2021-09-22), this (tuần này) hoặc last (tuần trước)\n")


def test_default_week_is_the_current_period(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The week just due stays the default after its deadline (a late report is for it), until mid-week."""
    for moment, expected in (("2021-09-27T09:59:00+07:00", "2021-W38"), ("2021-09-27T10:01:00+07:00", "2021-W38"),
                             ("2021-10-01T09:00:00+07:00", "2021-W39")):
        monkeypatch.setenv("DVCLI_NOW", moment)
        result = full_workspace.run("report", "new", "nguyen-van-ke", "--nothing-to-report", "--no-commit")
        if expected == "2021-W38":
            assert result.exit_code == 1 and "nguyen-van-ke 2021-W38" in result.stderr
        else:
            assert result.stdout == ("đã lưu báo cáo nguyen-van-ke 2021-W39: "
                                     "data/reports/2021/W39/nguyen-van-ke.yaml\n")


def test_report_list_and_show(full_workspace: Workspace) -> None:
    rows = json.loads(full_workspace.run("report", "list", "--week", "2021-W39", "--format", "json").stdout)
    assert [(row["member"], row["on_time"], row["ad_hoc"]) for row in rows] == [
        ("vy-tu-lieu", True, False), ("nguyen-minh-duc", True, False), ("tran-viet-hung", True, False),
        ("phan-thanh-nam", False, False), ("bui-thuy", True, False), ("cao-hong-hung", True, False),
        ("ngo-thi-thu-hoai", True, False), ("phan-thi-hien", True, False), ("tran-vuong-viet", True, False),
        ("cao-hong-hung", None, True)]
    mine = json.loads(full_workspace.run("report", "list", "--member", "bui thuy", "--format", "json").stdout)
    assert [row["period"] for row in mine] == ["2021-W37", "2021-W38", "2021-W39"]
    table = full_workspace.run("report", "list", "--week", "2021-W38").stdout
    assert "Báo cáo (9)" in table and "muộn" in table
    path = "data/reports/2021/W38/bui-thuy.yaml"
    shown = full_workspace.run("report", "show", "Bùi Thủy", "--week", "2021-W38")
    assert shown.stdout == full_workspace.text(path)
    by_path = json.loads(full_workspace.run("report", "show", path, "--format", "json").stdout)
    assert by_path["path"] == path and by_path["report"]["member"] == "bui-thuy"
    missing = full_workspace.run("report", "show", "nguyen-minh-duc", "--week", "2021-W38")
    assert missing.stderr == ("lỗi: chưa có báo cáo nguyen-minh-duc kỳ 2021-W38\n"
                              "  gợi ý: xem các báo cáo bằng: dvcli report list --week 2021-W38\n")
