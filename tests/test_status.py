"""``dvcli status`` and ``dvcli remind`` on the example weeks: on time, late, missing, on leave."""

from __future__ import annotations

import json

import pytest

from foundation_support import Workspace


def test_status_week_38_table(full_workspace: Workspace) -> None:
    result = full_workspace.run("status", "--week", "2021-W38")
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[0] == "Kỳ 2021-W38 (tuần từ ngày 20/9 đến ngày 26/9/2021) — hạn 10:00 ngày 27/09/2021"
    assert "│ 2  │ nguyen-minh-duc  │ Nguyễn Minh Đức  │ chưa nộp   │" in result.stdout
    assert "│ 7  │ bui-thuy         │ Bùi Thủy         │ muộn       │ 27/09/2021 11:40 │ sau hạn 1 giờ 40 phút │" \
        in result.stdout
    assert lines[-2] == "Phải nộp: 11 — đúng hạn: 8, muộn: 1, chưa nộp: 2; vắng: 0."


def test_status_leave_is_not_expected(full_workspace: Workspace) -> None:
    data = json.loads(full_workspace.run("status", "--week", "2021-W39", "--format", "json").stdout)
    states = {row["member"]: row["state"] for row in data["rows"]}
    assert states["nguyen-van-ke"] == "vang"
    assert states["hoang-ba-hai"] == "chua-nop"
    assert states["phan-thanh-nam"] == "muon"
    assert data["counts"] == {"dung-han": 8, "muon": 1, "chua-nop": 1, "vang": 1, "da-rut": 0, "tra-lai": 0,
                              "expected": 10}
    assert data["due"] == "2021-10-04T10:00:00+07:00"
    ke = next(row for row in data["rows"] if row["member"] == "nguyen-van-ke")
    assert (ke["expected"], ke["note"]) == (False, "Nghỉ phép 27/09 – 03/10/2021")


def test_status_counts_only_assigned_members(full_workspace: Workspace) -> None:
    # before any assignment starts, nobody is expected to report
    data = json.loads(full_workspace.run("status", "--week", "2021-W36", "--format", "json").stdout)
    assert data["rows"] == [] and data["counts"]["expected"] == 0


def test_status_strict(full_workspace: Workspace) -> None:
    assert full_workspace.run("status", "--week", "2021-W38", "--strict").exit_code == 1
    full_workspace.write({f"data/reports/2021/W38/{member}.yaml":
                     f"member: {member}\nperiod: 2021-W38\nsubmitted: 2021-09-27 08:00\n"
                     for member in ("nguyen-minh-duc", "tran-viet-hung")})
    strict = full_workspace.run("status", "--week", "2021-W38", "--strict")
    assert strict.exit_code == 0
    assert strict.stdout.endswith("Phải nộp: 11 — đúng hạn: 10, muộn: 1, chưa nộp: 0; vắng: 0.\n")


def test_status_reads_only_the_first_lines(full_workspace: Workspace) -> None:
    # a body that is not valid YAML does not matter to status (check reports it)
    path = "data/reports/2021/W38/vy-tu-lieu.yaml"
    full_workspace.write({path: full_workspace.text(path) + "khong: [hop le\n"})
    data = json.loads(full_workspace.run("status", "--week", "2021-W38", "--format", "json").stdout)
    assert next(row for row in data["rows"] if row["member"] == "vy-tu-lieu")["state"] == "dung-han"


def test_remind_drafts_one_message_per_missing_member(full_workspace: Workspace) -> None:
    result = full_workspace.run("remind", "--week", "2021-W38")
    assert result.exit_code == 0
    blocks = result.stdout.split("\n\n=== ")
    assert len(blocks) == 2
    assert blocks[0].startswith("=== Nguyễn Minh Đức (nguyen-minh-duc) — đồng chí này chưa có điện thoại, "
                                "thư điện tử trong danh sách (thêm bằng: dvcli members edit nguyen-minh-duc --phone SỐ --email THƯ)\n"
                                "Kính gửi: Đồng chí Nguyễn Minh Đức, Phó Vụ trưởng Vụ Dân vận các cơ quan nhà nước.\n")
    assert ("chưa nhận được báo cáo tuần từ ngày 20/9 đến ngày 26/9/2021 (kỳ 2021-W38) của đồng chí; "
            "hạn gửi là 10:00 ngày 27/09/2021.") in blocks[0]
    assert blocks[0].endswith("Trần Vương Việt, Thư ký Tổ công tác — điện thoại 0900000011 — "
                              "tran.vuong.viet@example.vn")
    assert blocks[1].startswith("Trần Việt Hưng (tran-viet-hung)")
    data = json.loads(full_workspace.run("remind", "--week", "2021-W39", "--format", "json").stdout)
    assert [item["member"] for item in data["reminders"]] == ["hoang-ba-hai"]


def test_remind_when_everyone_reported(full_workspace: Workspace) -> None:
    result = full_workspace.run("remind", "--week", "2021-W36")
    assert result.stdout == "Kỳ 2021-W36: mọi thành viên phải nộp đã nộp báo cáo — không cần nhắc.\n"


# --- assignments from paths and ``end:`` lines (issue 6) ------------------------------------

BUI_THUY = "data/assignments/bui-thuy/III.4_2021-09-13.yaml"


def _bui_thuy_w38(workspace: Workspace) -> dict[str, object]:
    result = workspace.run("status", "--week", "2021-W38", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)["rows"]
    return next(row for row in rows if row["member"] == "bui-thuy")


@pytest.mark.parametrize(("end", "expected"), [
    ("2021-09-19", False),  # ended the day before the week: not expected, yet the report is shown
    ("'2021-09-20'  # ngày đầu tuần", True),
    ('"2021-09-26"', True),
    ("~", True),
    ("", True),
])
def test_status_reads_only_the_end_line_of_an_assignment(full_workspace: Workspace, end: str, expected: bool) -> None:
    full_workspace.edit(BUI_THUY, "start: 2021-09-13\n", f"start: 2021-09-13\nend: {end}\n")
    row = _bui_thuy_w38(full_workspace)
    assert (row["state"], row["expected"]) == ("muon", expected)
    assert row["note"] == ("sau hạn 1 giờ 40 phút" if expected else "sau hạn 1 giờ 40 phút; không được phân công trong kỳ")


def test_status_does_not_validate_the_rest_of_an_assignment(full_workspace: Workspace) -> None:
    # a broken body (not start/end) does not stop status — dvcli check is where it is reported
    full_workspace.edit(BUI_THUY, "note: 'T26", "note: [T26")
    assert _bui_thuy_w38(full_workspace)["expected"] is True
    check = full_workspace.run("check")
    assert check.exit_code == 1
    assert check.stderr.startswith(f"{BUI_THUY}:14: lỗi cú pháp YAML: thiếu dấu ',' hoặc ']'\n")


def test_status_reads_an_unusual_assignment_through_the_store(full_workspace: Workspace) -> None:
    # flow style and a name without the start date: member, start and end come from the content
    (full_workspace.root / BUI_THUY).unlink()
    full_workspace.write({"data/assignments/bui-thuy/ghi-chu.yaml":
                          "{member: bui-thuy, task: III.4, start: 2021-09-13, end: 2021-09-19}\n"})
    (full_workspace.root / "data/assignments/bui-thuy/thu-muc.yaml").mkdir()  # a folder: no assignment
    assert _bui_thuy_w38(full_workspace)["expected"] is False
    full_workspace.write({"data/assignments/bui-thuy/ghi-chu.yaml":
                          "{member: bui-thuy, task: III.4, start: 2021-09-13}\n"})
    assert _bui_thuy_w38(full_workspace)["expected"] is True


def test_status_stops_on_an_assignment_whose_dates_are_broken(full_workspace: Workspace) -> None:
    full_workspace.edit(BUI_THUY, "start: 2021-09-13\n", "start: 2021-09-13\nend: 2021-02-30\n")
    result = full_workspace.run("status", "--week", "2021-W38")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{BUI_THUY}:6: end: ")
