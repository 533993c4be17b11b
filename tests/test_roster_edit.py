"""``dvcli members add|edit|leave|remove``: comments in members.yaml kept, group.size follows, check passes."""

from __future__ import annotations

import json

import pytest

from foundation_support import Workspace
from records_support import git, git_init, last_commit_files, last_message

NOW = "2021-09-28T10:00:00+07:00"
MEMBERS, PLAN = "data/members.yaml", "data/plan.yaml"


@pytest.fixture
def ws(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    git_init(full_workspace.root)
    return full_workspace


def _comments(text: str) -> list[str]:
    return [line for line in text.split("\n") if "#" in line]


def _changed_lines(ws: Workspace, path: str) -> list[str]:
    diff = git(ws.root, "diff", "HEAD~1", "--unified=0", "--", path)
    return [line for line in diff.split("\n") if line[:1] in ("+", "-") and not line.startswith(("+++", "---"))]


def test_add_appends_the_member_and_group_size_follows(ws: Workspace) -> None:
    comments = _comments(ws.text(MEMBERS))
    result = ws.run("members", "add", "Lê Văn An", "--unit", "Vụ Dân tộc", "--position", "Chuyên viên Vụ Dân tộc",
                    "--phone", "0912345678")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "đã thêm thành viên le-van-an: data/members.yaml, data/plan.yaml\n"
    assert result.stderr == "đã ghi vào git: thêm thành viên: le-van-an\n"
    assert sorted(last_commit_files(ws.root)) == [MEMBERS, PLAN]
    assert _changed_lines(ws, MEMBERS) == [
        "+", "+  - id: le-van-an", "+    name: Lê Văn An", "+    position: Chuyên viên Vụ Dân tộc",
        "+    unit: vu-dan-toc", "+    role: thanh-vien", "+    phone: '0912345678'"]
    assert _changed_lines(ws, PLAN) == ["-  size: 11", "+  size: 12"]
    assert _comments(ws.text(MEMBERS)) == comments
    shown = json.loads(ws.run("members", "show", "le van an", "--format", "json").stdout)
    assert (shown["phone"], shown["unit"]) == ("0912345678", "Vụ Dân tộc")
    assert ws.run("check").exit_code == 0


def test_edit_keeps_comments_and_blank_lines(ws: Workspace) -> None:
    comments = _comments(ws.text(MEMBERS))
    result = ws.run("members", "edit", "bui-thuy", "--phone", "0911111111", "--email", "")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "đã ghi vào git: sửa thành viên: bui-thuy (phone, email)\n"
    assert last_commit_files(ws.root) == [MEMBERS]
    assert _changed_lines(ws, MEMBERS) == ["-    email: bui.thuy@example.vn", "+    phone: '0911111111'"]
    assert _comments(ws.text(MEMBERS)) == comments
    assert "    phone: '0911111111'\n\n  - id: cao-hong-hung\n" in ws.text(MEMBERS)
    assert ws.run("check").exit_code == 0


def test_leave_then_status_excludes_the_member(ws: Workspace) -> None:
    result = ws.run("members", "leave", "bui thuy", "--from", "2021-10-04", "--to", "10/10/2021", "--note", "Đi công tác")
    assert result.exit_code == 0, result.stderr
    assert last_message(ws.root) == "vắng: bui-thuy 2021-10-04 – 2021-10-10"
    assert _changed_lines(ws, MEMBERS) == ["+    leave:", "+      - start: 2021-10-04", "+        end: 2021-10-10",
                                           "+        reason: Đi công tác"]
    assert "        reason: Đi công tác\n\n  - id: cao-hong-hung\n" in ws.text(MEMBERS)
    rows = {row["member"]: row for row in json.loads(ws.run("status", "--week", "2021-W40", "--format",
                                                              "json").stdout)["rows"]}
    assert (rows["bui-thuy"]["state"], rows["bui-thuy"]["note"]) == ("vang", "Đi công tác 04/10 – 10/10/2021")
    # a second leave goes after the first one
    assert ws.run("members", "leave", "nguyen-van-ke", "--from", "2021-10-04", "--to", "2021-10-10").exit_code == 0
    assert _changed_lines(ws, MEMBERS) == ["+      - start: 2021-10-04", "+        end: 2021-10-10"]
    assert ws.run("check").exit_code == 0
    overlap = ws.run("members", "leave", "nguyen-van-ke", "--from", "2021-10-08", "--to", "2021-10-12")
    assert (overlap.exit_code, overlap.stderr) == (1, (
        "lỗi: nguyen-van-ke đã có thời gian vắng 2021-10-04 – 2021-10-10 trùng với khoảng này\n"
        "  gợi ý: chọn khoảng khác, hoặc sửa thời gian vắng đã có trong data/members.yaml\n"))
    backwards = ws.run("members", "leave", "bui-thuy", "--from", "2021-11-08", "--to", "2021-11-01")
    assert (backwards.exit_code, backwards.stderr) == (1, (
        "lỗi: ngày kết thúc 2021-11-01 trước ngày bắt đầu 2021-11-08\n  gợi ý: sửa --to cho sau --from\n"))


def test_remove_keeps_the_name_for_history_and_stops_expecting_reports(ws: Workspace,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    result = ws.run("members", "remove", "phan-thi-hien", "--from", "2021-10-01")
    assert result.exit_code == 0, result.stderr
    assignment = "data/assignments/phan-thi-hien/III.3_2021-09-13.yaml"
    assert result.stdout == f"phan-thi-hien rời Tổ từ 01/10/2021: data/members.yaml, data/plan.yaml, {assignment}\n"
    assert last_message(ws.root) == "rời Tổ: phan-thi-hien từ 2021-10-01; kết thúc 1 phân công"
    assert sorted(last_commit_files(ws.root)) == sorted([MEMBERS, PLAN, assignment])
    # her running assignment ends the day before she leaves, in the same commit, its comments kept
    assert _changed_lines(ws, assignment) == ["+end: 2021-09-30"]
    assert ws.text(assignment).startswith("# Phân công của Tổ trưởng")
    coverage = ws.run("assignments", "--member", "phan-thi-hien", "--format", "json")
    assert json.loads(coverage.stdout)[0]["end"] == "2021-09-30"
    assert _changed_lines(ws, MEMBERS) == ["+    left: 2021-10-01"]
    assert _changed_lines(ws, PLAN) == ["-  size: 11", "+  size: 10"]
    rows = {row["member"] for row in json.loads(ws.run("status", "--week", "2021-W40", "--format", "json").stdout)["rows"]}
    assert "phan-thi-hien" not in rows
    w38 = {row["member"]: row["state"] for row in json.loads(ws.run("status", "--week", "2021-W38", "--format",
                                                                     "json").stdout)["rows"]}
    assert w38["phan-thi-hien"] == "dung-han"  # her past report still counts, under her name
    assert ws.run("check").exit_code == 0
    shown = ws.run("plan", "show").stdout  # the annex lists her apart once she has left (DVCLI_NOW decides)
    assert "Đồng chí Phan Thị Hiên" in shown
    monkeypatch.setenv("DVCLI_NOW", "2021-10-05T09:00:00+07:00")
    shown = ws.run("plan", "show").stdout
    assert "10. Đồng chí Trần Vương Việt" in shown and "11. Đồng chí" not in shown
    assert shown.rstrip("\n").endswith("Đã rời Tổ công tác:\n- Đồng chí Phan Thị Hiên, Trưởng Phòng Hành chính-Tổng "
                                        "hợp, Văn phòng Ban (từ ngày 01 tháng 10 năm 2021).")
    again = ws.run("members", "remove", "phan-thi-hien", "--from", "2021-10-02")
    assert (again.exit_code, again.stderr) == (1, (
        "lỗi: phan-thi-hien đã rời Tổ từ ngày 2021-10-01\n  gợi ý: xem: dvcli members show phan-thi-hien\n"))


def test_roster_errors(ws: Workspace) -> None:
    def fails(*args: str) -> str:
        result = ws.run("members", *args)
        assert result.exit_code == 1, result.stdout
        return result.stderr

    assert fails("add", "Bùi Thủy", "--unit", "t26", "--position", "x") == (
        "lỗi: đã có thành viên id \"bui-thuy\" (Bùi Thủy)\n  gợi ý: đặt id khác bằng --id, ví dụ --id bui-thuy-2\n")
    assert fails("add", "Lê Văn An") == (
        "lỗi: thành viên mới cần --unit và --position\n"
        "  gợi ý: ví dụ: dvcli members add \"Lê Văn An\" --unit vu-dan-toc --position \"Chuyên viên\"\n")
    assert fails("add", " ", "--unit", "t26", "--position", "x") == (
        "lỗi: cần họ tên thành viên\n  gợi ý: ví dụ: dvcli members add \"Lê Văn An\" --unit vu-dan-toc --position "
        "\"Chuyên viên Vụ Dân tộc\"\n")
    assert fails("add", "Lê Văn An", "--unit", "t26", "--position", "x", "--role", "truong") == (
        "lỗi: không có vai trò \"truong\"\n  gợi ý: chọn một trong: to-truong, thanh-vien, thu-ky\n")
    assert fails("edit", "bui-thuy") == (
        "lỗi: không có gì để sửa\n"
        "  gợi ý: thêm ít nhất một trong: --name, --unit, --position, --role, --phone, --email\n")
    assert fails("edit", "bui-thuy", "--phone", "12") == (
        "data/members.yaml: members[6].phone: giá trị \"12\" không đúng dạng\n"
        "  gợi ý: viết số điện thoại bằng chữ số, ví dụ 0912345678 hoặc +84912345678\n")
    assert fails("remove", "vy-tu-lieu", "--from", "2021-10-01") == (
        "lỗi: vy-tu-lieu đang là Tổ trưởng hoặc Thư ký (group trong data/plan.yaml)\n"
        "  gợi ý: giao vai trò cho người khác trước (dvcli members edit NGƯỜI-KHÁC --role …, rồi sửa "
        "group.leader/secretary trong data/plan.yaml)\n")
    assert git(ws.root, "status", "--porcelain") == ""


def test_a_hand_edit_of_the_roster_gets_the_exact_group_size_from_check(ws: Workspace) -> None:
    ws.edit(MEMBERS, "    role: thu-ky\n", "    role: thu-ky\n    left: 2021-10-01\n")
    result = ws.run("check")
    assert result.exit_code == 1
    assert (f"{PLAN}:{ws.line(PLAN, 'size: 11')}: group.size: Tổ có 11 thành viên theo kế hoạch nhưng danh sách có 10\n"
            "  gợi ý: sửa group.size trong data/plan.yaml thành 10; dvcli members add/remove tự sửa con số này\n") in (
        result.stdout + result.stderr)
