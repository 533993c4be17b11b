"""``dvcli check``: the exact output of every check message, each from its own broken fixture."""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass, fields, is_dataclass
from typing import Annotated, Any, get_args, get_origin

import pytest

from dvcli import model, schema
from foundation_support import Workspace

M, P = "data/members.yaml", "data/plan.yaml"


@dataclass(frozen=True)
class Expected:
    """One problem line: ``file:LINE: message`` (LINE = the line holding ``needle``) and its hint."""

    file: str
    needle: str
    message: str
    hint: str
    nth: int = 1

    def render(self, ws: Workspace) -> str:
        return f"{self.file}:{ws.line(self.file, self.needle, self.nth)}: {self.message}\n  gợi ý: {self.hint}\n"


Edit = tuple[str, str, str]

CASES: dict[str, tuple[list[Edit], list[Expected]]] = {
    # --- cross-file rules of the roster (checks.check_roster) ---
    "unit-unknown": (
        [(M, "unit: vu-ton-giao", "unit: vu-x")],
        [Expected(M, "unit: vu-x", 'members[3].unit: không có đơn vị "vu-x"',
                  "dùng một id khai trong units của data/members.yaml")]),
    "unit-unknown-close": (
        [(M, "unit: vu-ton-giao", "unit: vu-ton-giao-x")],
        [Expected(M, "unit: vu-ton-giao-x", 'members[3].unit: không có đơn vị "vu-ton-giao-x"',
                  "có phải: vu-ton-giao? (các id hợp lệ khai trong units của data/members.yaml)")]),
    "member-id-duplicate": (
        [(M, "id: nguyen-van-ke", "id: nguyen-minh-duc")],
        [Expected(M, "id: nguyen-minh-duc", 'members[2].id: id thành viên "nguyen-minh-duc" bị trùng',
                  "thêm chữ số hoặc tên đệm để phân biệt, ví dụ nguyen-minh-duc-2", nth=2)]),
    "member-differs-only-by-case-and-accents": (
        [(M, "name: Hoàng Bá Hai", "name: NGUYEN minh đức")],
        [Expected(M, "name: NGUYEN minh đức",
                  'members[3].name: "NGUYEN minh đức" (hoang-ba-hai) trùng với "Nguyễn Minh Đức" (nguyen-minh-duc) '
                  "khi bỏ dấu và chữ hoa",
                  'thêm tên đệm hoặc ghi chú vào họ tên (ví dụ "NGUYEN minh đức (T78)") để phân biệt')]),
    "member-name-equals-another-id": (
        [(M, "name: Hoàng Bá Hai", "name: Vy tu lieu")],
        [Expected(M, "name: Vy tu lieu",
                  'members[3].name: "Vy tu lieu" (hoang-ba-hai) trùng với "Vy Tư Liệu" (vy-tu-lieu) khi bỏ dấu và chữ hoa',
                  'thêm tên đệm hoặc ghi chú vào họ tên (ví dụ "Vy tu lieu (T78)") để phân biệt')]),
    "two-leaders": (
        [(M, "unit: vu-dan-van-cac-co-quan-nha-nuoc\n    role: thanh-vien",
          "unit: vu-dan-van-cac-co-quan-nha-nuoc\n    role: to-truong")],
        [Expected(M, "^members:", "members: cần đúng một Tổ trưởng, có 2",
                  "đặt role: to-truong cho đúng một thành viên")]),
    "wrong-role-of-secretary": (
        [(M, "role: thu-ky", "role: thanh-vien")],
        [Expected(M, "^members:", "members: cần đúng một Thư ký, có 0",
                  "đặt role: thu-ky cho đúng một thành viên"),
         Expected(P, "secretary: tran-vuong-viet",
                  "group.secretary: tran-vuong-viet không có vai trò Thư ký trong data/members.yaml",
                  "sửa role của thành viên này thành thu-ky")]),
    "unit-id-duplicate": (
        [(M, "id: vu-nghien-cuu", "id: vu-ton-giao")],
        [Expected(M, "id: vu-ton-giao", 'units[4].id: id đơn vị "vu-ton-giao" bị trùng',
                  "mỗi đơn vị cần một id riêng", nth=2),
         Expected(M, "unit: vu-nghien-cuu", 'members[4].unit: không có đơn vị "vu-nghien-cuu"',
                  "dùng một id khai trong units của data/members.yaml"),
         Expected(P, "- vu-nghien-cuu", 'sections[2].items[0].units[4]: không có đơn vị "vu-nghien-cuu"',
                  "dùng một id khai trong units của data/members.yaml")]),
    "leave-ends-before-it-starts": (
        [(M, "end: 2021-10-03", "end: 2021-09-20")],
        [Expected(M, "end: 2021-09-20",
                  "members[2].leave[0].end: ngày kết thúc 2021-09-20 trước ngày bắt đầu 2021-09-27",
                  "sửa lại khoảng nghỉ")]),
    # --- cross-file rules of the plan (checks.check_plan) ---
    "leader-not-a-member": (
        [(P, "leader: vy-tu-lieu", "leader: vy-tu-lieuu")],
        [Expected(P, "leader: vy-tu-lieuu", 'group.leader: không có thành viên "vy-tu-lieuu"',
                  "có phải: vy-tu-lieu? (các id hợp lệ khai trong members của data/members.yaml)")]),
    "leader-with-wrong-role": (
        [(P, "leader: vy-tu-lieu", "leader: hoang-ba-hai")],
        [Expected(P, "leader: hoang-ba-hai",
                  "group.leader: hoang-ba-hai không có vai trò Tổ trưởng trong data/members.yaml",
                  "sửa role của thành viên này thành to-truong")]),
    "group-size-mismatch": (
        [(P, "size: 11", "size: 12")],
        [Expected(P, "size: 12", "group.size: Tổ có 12 thành viên theo kế hoạch nhưng danh sách có 11",
                  "sửa group.size trong data/plan.yaml thành 11; dvcli members add/remove tự sửa con số này")]),
    "standing-unit-unknown": (
        [(P, "standing_unit: vu-doan-the-nhan-dan", "standing_unit: vu-doan-the")],
        [Expected(P, "standing_unit: vu-doan-the", 'group.standing_unit: không có đơn vị "vu-doan-the"',
                  "có phải: vu-dan-toc, vu-doan-the-nhan-dan? (các id hợp lệ khai trong units của data/members.yaml)")]),
    "vocabulary-id-duplicate": (
        [(P, "id: y-te", "id: an-sinh-xa-hoi")],
        [Expected(P, "id: an-sinh-xa-hoi", 'vocabulary.fields[9].id: id "an-sinh-xa-hoi" bị trùng',
                  "mỗi mục cần một id riêng", nth=2),
         Expected(P, "fields: [thong-tin-tuyen-truyen, y-te]",
                  'sections[1].items[0].fields[1]: không có "y-te" trong vocabulary.fields',
                  "dùng một id khai trong vocabulary.fields; hoặc thêm mục mới vào vocabulary.fields")]),
    "unknown-vocabulary-term-in-an-item": (
        [(P, "fields: [thi-dua-yeu-nuoc]", "fields: [thi-dua-yeu-nuoc, thi-dua]")],
        [Expected(P, "fields: [thi-dua-yeu-nuoc, thi-dua]",
                  'sections[0].items[0].fields[1]: không có "thi-dua" trong vocabulary.fields',
                  "có phải: thi-dua-yeu-nuoc? (các id hợp lệ khai trong vocabulary.fields); "
                  "hoặc thêm mục mới vào vocabulary.fields")]),
    "unknown-unit-in-an-item": (
        [(P, "units: [van-phong-ban]", "units: [van-phong]")],
        [Expected(P, "units: [van-phong]", 'sections[2].items[2].units[0]: không có đơn vị "van-phong"',
                  "có phải: van-phong-ban? (các id hợp lệ khai trong units của data/members.yaml)")]),
    "item-id-duplicate": (
        [(P, "id: II.4", "id: II.3")],
        [Expected(P, "id: II.3", 'sections[1].items[3].id: số hiệu mục "II.3" bị trùng',
                  "mỗi mục cần một số hiệu riêng", nth=2)]),
    "item-not-in-its-section": (
        [(P, "id: I.2", "id: II.9")],
        [Expected(P, "id: II.9", 'sections[0].items[1].id: mục "II.9" không thuộc phần I',
                  "số hiệu mục bắt đầu bằng số hiệu phần, ví dụ I.1")]),
    "task-without-short-name": (
        [(P, "        short: Vận động hỗ trợ người dân bị ảnh hưởng của dịch\n", "")],
        [Expected(P, "- id: II.3", "sections[1].items[2].short: nhiệm vụ II.3 thiếu tên ngắn",
                  "thêm short: tên ngắn dùng trong báo cáo")]),
    "indicator-id-duplicate": (
        [(P, "id: van-ban-chi-dao", "id: chuyen-cong-tac")],
        [Expected(P, "id: chuyen-cong-tac", 'reporting.indicators[10].id: id chỉ tiêu "chuyen-cong-tac" bị trùng',
                  "mỗi chỉ tiêu cần một id riêng", nth=2)]),
    # --- schema messages (schema._MESSAGES and _PATTERN_HINTS) ---
    "missing": (
        [(M, "    position: Phó Vụ trưởng Vụ Tôn giáo\n", "")],
        [Expected(M, "- id: hoang-ba-hai", "members[3].position: thiếu trường bắt buộc", "thêm trường này vào tệp")]),
    "unexpected_keyword_argument": (
        [(M, "    position: Phó Vụ trưởng Vụ Tôn giáo\n", "    position: Phó Vụ trưởng Vụ Tôn giáo\n    chuc_vu: x\n")],
        [Expected(M, "chuc_vu: x", "members[3].chuc_vu: trường không được biết đến",
                  "xoá trường này hoặc sửa lỗi chính tả tên trường")]),
    "string_pattern_mismatch-slug": (
        [(M, "id: hoang-ba-hai", "id: Hoàng-Bá-Hai")],
        [Expected(M, "id: Hoàng-Bá-Hai", 'members[3].id: giá trị "Hoàng-Bá-Hai" không đúng dạng',
                  "chỉ dùng chữ thường không dấu, chữ số và dấu '-', ví dụ vy-tu-lieu")]),
    "string_pattern_mismatch-clock": (
        [(P, 'time: "10:00"', 'time: "10h"')],
        [Expected(P, 'time: "10h"', 'reporting.due.time: giá trị "10h" không đúng dạng',
                  "viết giờ dạng HH:MM, ví dụ 16:00")]),
    "string_pattern_mismatch-phone": (
        [(M, "phone: 0900000003", "phone: 09-abc")],
        [Expected(M, "phone: 09-abc", 'members[2].phone: giá trị "09-abc" không đúng dạng',
                  "viết số điện thoại bằng chữ số, ví dụ 0912345678 hoặc +84912345678")]),
    "string_pattern_mismatch-email": (
        [(M, "email: bui.thuy@example.vn", "email: bui.thuy")],
        [Expected(M, "email: bui.thuy", 'members[6].email: giá trị "bui.thuy" không đúng dạng',
                  "viết địa chỉ thư dạng ten@co-quan.vn")]),
    "string_pattern_mismatch-utc-offset": (
        [(P, 'utc_offset: "+07:00"', "utc_offset: GMT+7")],
        [Expected(P, "utc_offset: GMT+7", 'reporting.utc_offset: giá trị "GMT+7" không đúng dạng',
                  "viết múi giờ dạng +HH:MM, ví dụ +07:00")]),
    "date_from_datetime_parsing": (
        [(P, "date: 2021-09-13", "date: 2021-09-31")],
        [Expected(P, "date: 2021-09-31", 'document.date: "2021-09-31" không phải ngày hợp lệ',
                  "viết ngày dạng YYYY-MM-DD, ví dụ 2021-09-13")]),
    "date_from_datetime_inexact": (
        [(M, "start: 2021-09-27", "start: 2021-09-27 08:00")],
        [Expected(M, "start: 2021-09-27 08:00",
                  'members[2].leave[0].start: "2021-09-27 08:00" có cả giờ, trường này chỉ ghi ngày',
                  "bỏ phần giờ, viết dạng YYYY-MM-DD, ví dụ 2021-09-13")]),
    "date_type": (
        [(P, "date: 2021-09-13", "date: {ngay: 13}")],
        [Expected(P, "date: {ngay: 13}", "document.date: phải là ngày", "viết ngày dạng YYYY-MM-DD")]),
    "string_too_short": (
        [(M, "name: Hoàng Bá Hai", "name: ''")],
        [Expected(M, "name: ''", "members[3].name: không được để trống", "điền nội dung cho trường này")]),
    "too_short": (
        [(P, "  - id: I\n", "  []\nkhong_ro:\n  - id: I\n")],
        [Expected(P, "^sections:", "sections: cần ít nhất 1 mục", "thêm mục vào danh sách"),
         Expected(P, "khong_ro:", "khong_ro: trường không được biết đến", "xoá trường này hoặc sửa lỗi chính tả tên trường")]),
    "int_parsing": (
        [(P, "size: 11", "size: mười một")],
        [Expected(P, "size: mười một", 'group.size: "mười một" không phải số nguyên',
                  "viết số nguyên không có dấu chấm, phẩy, ví dụ 12")]),
    "int_type": (
        [(P, "number: 16", "number: [16]")],
        [Expected(P, "number: [16]", "document.number: phải là số nguyên", "viết số nguyên, ví dụ 12")]),
    "string_type": (
        [(M, "name: Hoàng Bá Hai", "name: [Hoàng, Bá, Hai]")],
        [Expected(M, "name: [Hoàng, Bá, Hai]", "members[3].name: phải là văn bản", "viết giá trị là một đoạn văn bản")]),
    "greater_than_equal": (
        [(P, "month_start_day: 15", "month_start_day: 0")],
        [Expected(P, "month_start_day: 0", "reporting.month_start_day: phải lớn hơn hoặc bằng 1",
                  "sửa thành một số từ 1 trở lên")]),
    "bool_parsing": (
        [(P, "task: true\n        short: Quán", "task: có\n        short: Quán")],
        [Expected(P, "task: có", 'sections[1].items[0].task: "có" không phải đúng/sai', "viết true hoặc false")]),
    "bool_type": (
        [(P, "task: true\n        short: Quán", "task: [true]\n        short: Quán")],
        [Expected(P, "task: [true]", "sections[1].items[0].task: phải là true hoặc false", "viết true hoặc false")]),
    "literal_error": (
        [(M, "role: thu-ky", "role: thư ký")],
        [Expected(M, "role: thư ký", 'members[10].role: "thư ký" không phải giá trị được phép',
                  "chọn một trong: 'to-truong', 'thanh-vien' hoặc 'thu-ky'")]),
    "list_type": (
        [(P, "recipients:\n  - Thường trực Ban Bí thư (để b/c)\n", "recipients: Thường trực Ban Bí thư (để b/c)\nkhong_ro:\n")],
        [Expected(P, "recipients: Thường trực", "recipients: phải là danh sách",
                  "viết mỗi mục trên một dòng bắt đầu bằng '- '"),
         Expected(P, "khong_ro:", "khong_ro: trường không được biết đến", "xoá trường này hoặc sửa lỗi chính tả tên trường")]),
    "dict_type": (
        [(P, "  documents:\n", "  documents: [tong-hop-tuan]\n  khong_ro:\n")],
        [Expected(P, "documents: [tong-hop-tuan]", "reporting.documents: phải là bảng các trường",
                  "viết dạng 'ten_truong: gia_tri' thụt lề dưới trường này"),
         Expected(P, "khong_ro:", "reporting.khong_ro: trường không được biết đến",
                  "xoá trường này hoặc sửa lỗi chính tả tên trường")]),
    "dataclass_type": (
        [(P, "signature:\n  authority: K/T TRƯỞNG BAN", "signature: Phạm Tất Thắng\nkhong_ro:\n  authority: K/T TRƯỞNG BAN")],
        [Expected(P, "signature: Phạm Tất Thắng", "signature: phải là bảng các trường",
                  "viết dạng 'ten_truong: gia_tri' thụt lề dưới trường này"),
         Expected(P, "khong_ro:", "khong_ro: trường không được biết đến", "xoá trường này hoặc sửa lỗi chính tả tên trường")]),
    # --- file-level problems (yamlio) through the command ---
    "duplicate-key": (
        [(M, "    unit: vu-ton-giao\n    role: thanh-vien\n", "    unit: vu-ton-giao\n    role: thanh-vien\n    role: thu-ky\n")],
        [Expected(M, "role: thu-ky", "members[3].role: trường 'role' bị lặp lại",
                  "mỗi trường chỉ được viết một lần; gộp hai giá trị hoặc xoá một dòng")]),
    "tab-indentation": (
        [(M, "    role: thu-ky\n", "\trole: thu-ky\n")],
        [Expected(M, "\trole: thu-ky", "dòng thụt lề bằng ký tự tab",
                  "YAML không cho dùng tab để thụt lề; hãy thay bằng dấu cách")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_check_message(workspace: Workspace, name: str) -> None:
    edits, expected = CASES[name]
    for file, old, new in edits:
        workspace.edit(file, old, new)
    result = workspace.run("check")
    assert result.exit_code == 1
    assert result.stderr == "".join(problem.render(workspace) for problem in expected)
    assert result.stdout == f"Có {len(expected)} lỗi.\n"
    assert not list(workspace.root.glob("data/**/.*.tmp")), "check must not write into data/"


def test_check_passes_on_the_whole_repository_data(full_workspace: Workspace) -> None:
    result = full_workspace.run("check")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Dữ liệu hợp lệ: 11 thành viên, 6 nhiệm vụ")


def test_check_passes_on_the_plan_and_roster(workspace: Workspace) -> None:
    result = workspace.run("check")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Dữ liệu hợp lệ: 11 thành viên, 6 nhiệm vụ")
    assert result.stdout.count("\n") == 1


def test_check_lists_all_problems_across_two_files(workspace: Workspace) -> None:
    workspace.edit(M, "unit: vu-ton-giao", "unit: vu-x")
    workspace.edit(P, "size: 11", "size: 12")
    workspace.edit(P, "fields: [thi-dua-yeu-nuoc]", "fields: [thi-dua]")
    result = workspace.run("check")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("  gợi ý: ")]
    assert lines == [
        f"{M}:{workspace.line(M, 'unit: vu-x')}: members[3].unit: không có đơn vị \"vu-x\"",
        f"{P}:{workspace.line(P, 'fields: [thi-dua]')}: sections[0].items[0].fields[0]: "
        "không có \"thi-dua\" trong vocabulary.fields",
        f"{P}:{workspace.line(P, 'size: 12')}: group.size: Tổ có 12 thành viên theo kế hoạch nhưng danh sách có 11",
    ]
    assert result.stdout == "Có 3 lỗi.\n"


def test_check_reports_schema_problems_of_both_files_at_once(workspace: Workspace) -> None:
    workspace.edit(M, "role: thu-ky", "role: thư ký")
    workspace.edit(P, "date: 2021-09-13", "date: 13/9/2021")
    result = workspace.run("check")
    assert result.exit_code == 1
    assert result.stdout == "Có 2 lỗi.\n"
    assert [line.split(": ")[1] for line in result.stderr.splitlines() if not line.startswith(" ")] == [
        "document.date", "members[10].role"]


def test_check_json_format(workspace: Workspace) -> None:
    workspace.edit(M, "unit: vu-ton-giao", "unit: vu-x")
    result = workspace.run("check", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["counts"]["members"] == 11
    assert report["problems"] == [{
        "file": M, "line": workspace.line(M, "unit: vu-x"), "field": "members[3].unit",
        "message": 'không có đơn vị "vu-x"', "hint": "dùng một id khai trong units của data/members.yaml"}]


def test_check_json_format_on_success(workspace: Workspace) -> None:
    result = workspace.run("check", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["ok"], report["problems"], report["counts"]["members"], report["counts"]["tasks"]) == (True, [], 11, 6)


def test_an_empty_plan_file_lists_its_missing_fields(workspace: Workspace) -> None:
    workspace.write({P: "# trống\n"})
    result = workspace.run("check")
    assert result.exit_code == 1
    fields_reported = [line.split(": ")[1] for line in result.stderr.splitlines() if not line.startswith(" ")]
    assert fields_reported == ["document", "sections", "group", "vocabulary", "recipients", "signature", "reporting"]
    assert "data/plan.yaml: document: thiếu trường bắt buộc" in result.stderr


def test_a_members_file_that_is_a_list_is_reported(workspace: Workspace) -> None:
    workspace.write({M: "- a\n- b\n"})
    result = workspace.run("check")
    assert result.exit_code == 1
    assert result.stderr == ("data/members.yaml:1: phải là bảng các trường\n"
                             "  gợi ý: viết dạng 'ten_truong: gia_tri' thụt lề dưới trường này\n")


# --- the message table itself ----------------------------------------------------------------


def _validate_one(kind: type[Any], data: Any) -> tuple[str, str, str]:
    record, errors = schema.validate(kind, data)
    assert record is None and len(errors) == 1, errors
    return errors[0].field, errors[0].message, errors[0].hint


def test_messages_of_report_fields() -> None:
    """Error types only report files produce (decimal, datetime, week period), checked on the schema."""
    base = {"member": "vy-tu-lieu", "submitted": "2021-09-27 09:30"}
    assert _validate_one(model.Report, {**base, "indicators": {"tien": "1,5"}}) == (
        "indicators.tien", '"1,5" không phải số', "viết số, dùng dấu chấm cho phần thập phân: 19300.5")
    assert _validate_one(model.Report, {**base, "indicators": {"tien": ["1"]}}) == (
        "indicators.tien", "phải là số", "viết số, ví dụ 12 hoặc 19300.5")
    assert _validate_one(model.Report, {**base, "indicators": {"tien": "-1"}}) == (
        "indicators.tien", "phải lớn hơn hoặc bằng 0", "sửa thành một số từ 0 trở lên")
    assert _validate_one(model.Report, {**base, "submitted": "hôm qua"}) == (
        "submitted", '"hôm qua" không phải thời điểm hợp lệ', "viết dạng YYYY-MM-DD HH:MM, ví dụ 2021-09-27 09:30")
    assert _validate_one(model.Report, {**base, "submitted": ["x"]}) == (
        "submitted", "phải là thời điểm", "viết dạng YYYY-MM-DD HH:MM")
    assert _validate_one(model.Report, {**base, "period": "2021-38"}) == (
        "period", 'giá trị "2021-38" không đúng dạng', "viết kỳ tuần dạng YYYY-Www, ví dụ 2021-W38")
    assert _validate_one(model.Report, {**base, "indicators": {"Tien": "1"}}) == (
        "indicators.Tien", 'giá trị "Tien" không đúng dạng',
        "chỉ dùng chữ thường không dấu, chữ số và dấu '-', ví dụ vy-tu-lieu")


def test_unknown_error_types_fall_back_to_a_vietnamese_message() -> None:
    field, message, hint = _validate_one(model.Unit, {"id": "a", "name": "A", "short": 5j})
    assert field == "short"
    assert message.startswith("giá trị không hợp lệ (") or message == "phải là văn bản"
    assert hint


def _patterns(tp: Any, seen: set[Any]) -> set[str]:
    found: set[str] = set()
    if get_origin(tp) is Annotated:
        found |= {meta.regex for meta in tp.__metadata__ if isinstance(meta, model.Pattern)}
    for arg in get_args(tp):
        found |= _patterns(arg, seen)
    if isinstance(tp, type) and is_dataclass(tp) and tp not in seen:  # a type, not metadata (Discriminator)
        seen.add(tp)
        hints = typing.get_type_hints(tp, include_extras=True)
        for item in fields(tp):
            found |= _patterns(hints[item.name], seen)
    return found


def test_every_pattern_in_the_model_has_a_vietnamese_hint() -> None:
    patterns: set[str] = set()
    for kind in (model.Plan, model.Roster, model.Assignment, model.Report, model.Issued, model.Prepared,
                 model.Revocation):
        patterns |= _patterns(kind, set())
    assert patterns, "the walk found no pattern at all"
    assert patterns <= set(schema._PATTERN_HINTS)
