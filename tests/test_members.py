"""``dvcli members``: the roster in annex order, and naming a member the way a person types it."""

from __future__ import annotations

import json
import unicodedata

import pytest

from foundation_support import Workspace

SHOW_VIET = """\
TT: 11
Id: tran-vuong-viet
Họ và tên: Trần Vương Việt
Chức vụ: Chuyên viên Vụ Đoàn thể nhân dân
Đơn vị: Vụ Đoàn thể nhân dân
Vai trò: Thư ký
Điện thoại: 0900000011
Thư điện tử: tran.vuong.viet@example.vn
"""


@pytest.mark.parametrize("query", [
    "tran-vuong-viet",
    "Trần Vương Việt",
    unicodedata.normalize("NFD", "Trần Vương Việt"),
    "tran vuong viet",
    "TRAN VUONG VIET",
    "Tran Vuong Viet",
    "TRẦN VƯƠNG VIỆT",
    "  trần   vương việt ",
])
def test_member_is_found_by_id_name_nfc_nfd_unaccented_and_any_case(workspace: Workspace, query: str) -> None:
    result = workspace.run("members", "show", query)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == SHOW_VIET


def test_nfd_query_is_really_decomposed() -> None:
    assert unicodedata.normalize("NFD", "Trần Vương Việt") != "Trần Vương Việt"


def test_d_with_stroke_folds_to_d(workspace: Workspace) -> None:
    assert workspace.run("members", "show", "nguyen minh duc").stdout.startswith("TT: 2\nId: nguyen-minh-duc\n")


def test_unknown_member_names_the_closest_matches(workspace: Workspace) -> None:
    result = workspace.run("members", "show", "tran vuong")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ('lỗi: không có thành viên "tran vuong"\n'
                             "  gợi ý: có phải: tran-vuong-viet (Trần Vương Việt); tran-viet-hung (Trần Việt Hưng)?\n")


def test_unknown_member_with_nothing_close(workspace: Workspace) -> None:
    result = workspace.run("members", "show", "xyz")
    assert result.exit_code == 1
    assert result.stderr == 'lỗi: không có thành viên "xyz"\n  gợi ý: xem danh sách bằng: dvcli members list\n'


def test_ambiguous_member_is_an_error(workspace: Workspace) -> None:
    workspace.edit("data/members.yaml", "name: Hoàng Bá Hai", "name: Nguyễn Minh Đức")
    result = workspace.run("members", "show", "nguyen minh duc")
    assert result.exit_code == 1
    assert result.stderr == ('lỗi: "nguyen minh duc" trùng với nhiều thành viên: nguyen-minh-duc, hoang-ba-hai\n'
                             "  gợi ý: dùng id để chỉ rõ, ví dụ nguyen-minh-duc\n")
    # the id still names exactly one of them
    assert workspace.run("members", "show", "hoang-ba-hai").stdout.startswith("TT: 4\nId: hoang-ba-hai\n")


def test_members_list_table_in_annex_order(workspace: Workspace) -> None:
    result = workspace.run("members", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "Tổ công tác (11 thành viên)" in lines[0]
    assert [cell.strip() for cell in lines[2].strip("┃").split("┃")] == ["TT", "Id", "Họ và tên", "Chức vụ", "Đơn vị",
                                                                         "Vai trò"]
    rows = [line for line in lines if line.startswith("│")]
    assert [row.split("│")[2].strip() for row in rows] == [
        "vy-tu-lieu", "nguyen-minh-duc", "nguyen-van-ke", "hoang-ba-hai", "tran-viet-hung", "phan-thanh-nam",
        "bui-thuy", "cao-hong-hung", "ngo-thi-thu-hoai", "phan-thi-hien", "tran-vuong-viet"]
    assert rows[0].split("│")[6].strip() == "Tổ trưởng"


def test_members_list_csv(workspace: Workspace) -> None:
    lines = workspace.run("members", "list", "--format", "csv").stdout.splitlines()
    assert lines[0] == "TT,Id,Họ và tên,Chức vụ,Đơn vị,Vai trò,Điện thoại,Thư điện tử"
    assert lines[1] == ("1,vy-tu-lieu,Vy Tư Liệu,Vụ trưởng Vụ Đoàn thể nhân dân,Vụ Đoàn thể nhân dân,Tổ trưởng,"
                        "0900000001,vy.tu.lieu@example.vn")
    assert lines[10] == ('10,phan-thi-hien,Phan Thị Hiên,"Trưởng Phòng Hành chính-Tổng hợp, Văn phòng Ban",'
                         "Văn phòng Ban,Thành viên,,")
    assert len(lines) == 12


def test_members_list_json(workspace: Workspace) -> None:
    data = json.loads(workspace.run("members", "list", "--format", "json").stdout)
    assert len(data) == 11
    assert data[10] == {"number": 11, "id": "tran-vuong-viet", "name": "Trần Vương Việt",
                        "position": "Chuyên viên Vụ Đoàn thể nhân dân", "unit": "Vụ Đoàn thể nhân dân",
                        "role": "Thư ký", "phone": "0900000011", "email": "tran.vuong.viet@example.vn"}


def test_members_show_json(workspace: Workspace) -> None:
    data = json.loads(workspace.run("members", "show", "vy tu lieu", "--format", "json").stdout)
    assert (data["id"], data["role"], data["phone"]) == ("vy-tu-lieu", "Tổ trưởng", "0900000001")


def test_phone_with_leading_zero_is_shown_as_written(workspace: Workspace) -> None:
    workspace.edit("data/members.yaml", "phone: 0900000003  # số minh họa", "phone: 0345671234")
    assert "Điện thoại: 0345671234\n" in workspace.run("members", "show", "nguyen-van-ke").stdout
