"""``dvcli assign`` and ``dvcli assignments``: files, refusal, comment-keeping update, coverage, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foundation_support import Workspace
from records_support import git, git_init, last_commit_files, last_message


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    """The repository's plan and roster, without the example assignments and reports."""
    return workspace


KE = "data/assignments/nguyen-van-ke/II.2_2021-09-13.yaml"


def test_assign_writes_one_file_named_by_member_task_and_start(ws: Workspace) -> None:
    result = ws.run("assign", "Nguyễn Văn Kế", "--task", "ii.2", "--subject", "nguoi-co-uy-tin",
                    "--field", "cong tac dan toc", "--area", "Tay Nguyen", "--area", "mien-trung",
                    "--from", "13/09/2021", "--note", "Người có uy tín")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"đã ghi {KE}\n"
    assert ws.text(KE).split("\n")[2:] == [
        "member: nguyen-van-ke", "task: II.2", "start: 2021-09-13", "subjects:", "- nguoi-co-uy-tin",
        "fields:", "- cong-tac-dan-toc", "areas:", "- tay-nguyen", "- mien-trung", "note: Người có uy tín", ""]
    assert ws.run("check").exit_code == 0


def test_assign_refuses_an_existing_assignment_and_update_keeps_comments(ws: Workspace) -> None:
    assert ws.run("assign", "nguyen-van-ke", "--task", "II.2", "--from", "2021-09-13").exit_code == 0
    before = ws.text(KE)
    again = ws.run("assign", "nguyen-van-ke", "--task", "II.2", "--from", "2021-09-13", "--area", "tay-nguyen")
    assert again.exit_code == 1
    assert again.stderr == (
        f"lỗi: đã có phân công II.2 cho nguyen-van-ke từ 2021-09-13 ({KE})\n"
        f"  gợi ý: thêm --update để sửa phân công này (giữ nguyên ghi chú trong tệp), hoặc mở tệp {KE} "
        "để sửa tay rồi chạy: dvcli check\n")
    assert ws.text(KE) == before
    ws.edit(KE, "task: II.2\n", "task: II.2  # Tổ trưởng giao miệng ngày 13/9\n")
    ws.write({KE: ws.text(KE) + "# ghi chú của Thư ký ở cuối tệp\n"})
    updated = ws.run("assign", "nguyen-van-ke", "--task", "II.2", "--from", "2021-09-13", "--area", "tay-nguyen",
                     "--to", "2021-10-31", "--update")
    assert updated.exit_code == 0, updated.stderr
    assert updated.stdout == f"đã sửa {KE}\n"
    text = ws.text(KE)
    assert "task: II.2  # Tổ trưởng giao miệng ngày 13/9\n" in text
    # the comment hangs on the key before it; new keys go after that key, below the comment
    assert text.endswith("start: 2021-09-13\n# ghi chú của Thư ký ở cuối tệp\nareas:\n- tay-nguyen\nend: 2021-10-31\n")
    assert ws.run("check").exit_code == 0


def test_update_never_reads_an_assignment_through_a_symlink(ws: Workspace, tmp_path: Path) -> None:
    """A pushed link where the assignment belongs: its target's text is never read into the edit."""
    assert ws.run("assign", "nguyen-van-ke", "--task", "II.2", "--from", "2021-09-13").exit_code == 0
    outside = tmp_path / "ngoai.yaml"
    outside.write_text(ws.text(KE) + "note: bí mật ngoài không gian\n", encoding="utf-8")
    (ws.root / KE).unlink()
    (ws.root / KE).symlink_to(outside)
    before = outside.read_text(encoding="utf-8")
    result = ws.run("assign", "nguyen-van-ke", "--task", "II.2", "--from", "2021-09-13", "--area", "tay-nguyen",
                    "--update")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "bí mật" not in result.stderr
    assert result.stderr == (f"{KE}: không đọc được tệp: đó là một liên kết tượng trưng (symlink)\n"
                             "  gợi ý: thay liên kết bằng chính tệp đó\n")
    assert outside.read_text(encoding="utf-8") == before and (ws.root / KE).is_symlink()


@pytest.mark.parametrize(("args", "message", "hint"), [
    (["--task", "II.9"], 'kế hoạch không có mục "II.9"',
     "các nhiệm vụ được phân công: II.1, II.2, II.3, II.4, III.3, III.4"),
    (["--task", "I.1"], "mục I.1 của kế hoạch không phải nhiệm vụ được phân công",
     "các nhiệm vụ được phân công: II.1, II.2, II.3, II.4, III.3, III.4"),
    (["--task", "II.2", "--area", "sao-hoa"], 'không có địa bàn "sao-hoa"',
     "các mã địa bàn: co-quan-ban, ha-noi, tp-ho-chi-minh, cac-tinh-phia-nam, mien-trung, tay-nguyen, toan-quoc"),
    (["--task", "II.2", "--from", "2021-09-13", "--to", "2021-09-01"],
     "ngày kết thúc 2021-09-01 trước ngày bắt đầu 2021-09-13", "sửa --to cho sau --from"),
    (["--task", "II.2", "--from", "31/02/2021"], 'ngày không hợp lệ: "31/02/2021"',
     "viết ngày dạng 2021-09-22 hoặc 22/09/2021"),
])
def test_assign_errors(ws: Workspace, args: list[str], message: str, hint: str) -> None:
    result = ws.run("assign", "nguyen-van-ke", *args)
    assert result.exit_code == 1
    assert result.stderr == f"lỗi: {message}\n  gợi ý: {hint}\n"
    assert not (ws.root / "data" / "assignments").exists()


def test_assign_unknown_member(ws: Workspace) -> None:
    result = ws.run("assign", "nguyen van khe", "--task", "II.2")
    assert result.exit_code == 1
    assert result.stderr.startswith('lỗi: không có thành viên "nguyen van khe"\n  gợi ý: có phải: nguyen-van-ke')


def test_assign_commits_exactly_its_file(ws: Workspace) -> None:
    git_init(ws.root)
    ws.write({"ghi-chu.txt": "việc riêng của Thư ký\n"})
    git(ws.root, "add", "ghi-chu.txt")
    result = ws.run("assign", "bui-thuy", "--task", "III.4", "--area", "mien-trung", "--from", "2021-09-13")
    assert result.exit_code == 0
    assert result.stderr == "đã ghi vào git: phân công: bui-thuy III.4 từ 2021-09-13\n"
    assert last_message(ws.root) == "phân công: bui-thuy III.4 từ 2021-09-13"
    assert last_commit_files(ws.root) == ["data/assignments/bui-thuy/III.4_2021-09-13.yaml"]
    assert git(ws.root, "status", "--porcelain") == "A  ghi-chu.txt\n"


def test_assign_no_commit(ws: Workspace) -> None:
    git_init(ws.root)
    result = ws.run("assign", "bui-thuy", "--task", "III.4", "--from", "2021-09-13", "--no-commit")
    assert (result.exit_code, result.stderr) == (0, "")
    assert git(ws.root, "status", "--porcelain") == "?? data/assignments/\n"


def test_assignments_listing_and_formats(full_workspace: Workspace) -> None:
    table = full_workspace.run("assignments", "--member", "cao hong hung")
    assert table.exit_code == 0
    assert "Phân công (2)" in table.stdout and "III.4" in table.stdout and "II.3" in table.stdout
    rows = json.loads(full_workspace.run("assignments", "--format", "json").stdout)
    assert len(rows) == 13
    assert {row["member"] for row in rows} == {
        "vy-tu-lieu", "nguyen-minh-duc", "nguyen-van-ke", "hoang-ba-hai", "tran-viet-hung", "phan-thanh-nam",
        "bui-thuy", "cao-hong-hung", "ngo-thi-thu-hoai", "phan-thi-hien", "tran-vuong-viet"}
    csv = full_workspace.run("assignments", "--member", "bui-thuy", "--format", "csv").stdout
    assert csv == ("Thành viên,Nhiệm vụ,Từ ngày,Đến ngày,Đối tượng,Lĩnh vực,Địa bàn,Ghi chú\n"
                   "bui-thuy,III.4,2021-09-13,,tang-lop-nhan-dan,nam-tinh-hinh-nhan-dan,\"mien-trung, tay-nguyen\","
                   "\"T26: báo cáo tình hình miền Trung, Tây Nguyên\"\n")


def test_coverage_names_who_covers_what_and_what_nobody_covers(full_workspace: Workspace) -> None:
    result = full_workspace.run("assignments", "--coverage", "--on", "2021-09-20", "--format", "json")
    data = json.loads(result.stdout)
    assert data["uncovered"] == ["subjects:doan-vien-hoi-vien", "subjects:hoi-vien-phu-nu-nong-thon",
                                 "subjects:hoi-vien-nong-dan", "subjects:hoi-vien-cuu-chien-binh"]
    lines = {f"{line['kind']}:{line['id']}": line["members"] for line in data["lines"]}
    assert lines["tasks:III.4"] == ["bui-thuy", "cao-hong-hung"]
    assert lines["subjects:chuc-sac-ton-giao"] == ["hoang-ba-hai"]
    before = json.loads(full_workspace.run("assignments", "--coverage", "--on", "2021-09-01", "--format", "json").stdout)
    assert len(before["uncovered"]) == len(before["lines"])
    text = full_workspace.run("assignments", "--coverage", "--on", "2021-09-20")
    assert text.stdout.endswith("Chưa ai phụ trách: 4 mục.\n")


def test_update_of_a_file_in_another_encoding_is_a_message(ws: Workspace) -> None:
    assert ws.run("assign", "nguyen-van-ke", "--task", "II.2", "--from", "2021-09-13").exit_code == 0
    (ws.root / KE).write_bytes((ws.root / KE).read_bytes() + "note: Người có uy tín\n".encode("latin-1", "replace"))
    before = (ws.root / KE).read_bytes()
    result = ws.run("assign", "nguyen-van-ke", "--task", "II.2", "--from", "2021-09-13", "--area", "tay-nguyen",
                    "--update")
    assert (result.exit_code, result.stdout) == (1, "")
    # the strict reader names it before the edit reads it (yamledit's own decode guard is for a race)
    assert result.stderr == (f"{KE}:6: tệp không phải mã UTF-8 (byte 0xf3)\n"
                             "  gợi ý: lưu lại tệp với bảng mã UTF-8 (ví dụ tệp soạn bằng bảng mã Windows-1258)\n")
    assert (ws.root / KE).read_bytes() == before
