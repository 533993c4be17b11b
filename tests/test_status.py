"""``dvcli status`` and ``dvcli remind`` on the example weeks: on time, late, missing, on leave."""

from __future__ import annotations

import json

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
    assert data["counts"] == {"dung-han": 8, "muon": 1, "chua-nop": 1, "vang": 1, "expected": 10}
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
    assert blocks[0].startswith("=== Nguyễn Minh Đức (nguyen-minh-duc) — danh sách chưa có điện thoại, thư điện tử\n"
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
