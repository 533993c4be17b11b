"""Strict YAML loading and safe YAML text: one test per hazard a hand-edited file can hold."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvcli import yamlio
from dvcli.errors import DataError, Problem
from dvcli.model import Roster
from dvcli.schema import validate


def problem(raw: bytes) -> Problem:
    """The single problem ``loads`` reports for ``raw``."""
    with pytest.raises(DataError) as caught:
        yamlio.loads(raw, "data/x.yaml")
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


ROSTER = """\
units:
  - id: vu-a
    name: Vụ A
members:
  - id: nguyen-van-a
    name: Nguyễn Văn A
    position: Chuyên viên
    unit: vu-a
    role: thu-ky
    phone: {phone}
"""


# --- reading --------------------------------------------------------------------------------


def test_duplicate_key_is_an_error_with_its_line() -> None:
    found = problem(b"a: 1\nb:\n  c: 2\n  c: 3\n")
    assert (found.file, found.line, found.field) == ("data/x.yaml", 4, "b.c")
    assert found.message == "trường 'c' bị lặp lại"
    assert found.hint == "mỗi trường chỉ được viết một lần; gộp hai giá trị hoặc xoá một dòng"


def test_phone_with_leading_zero_stays_a_string_of_digits() -> None:
    data = yamlio.loads(ROSTER.format(phone="0345671234").encode(), "m.yaml")
    roster, errors = validate(Roster, data)
    assert errors == []
    assert roster is not None
    assert roster.members[0].phone == "0345671234"


@pytest.mark.parametrize("text", ["no", "on", "off", "yes", "9:30", "1e3", "0o17", "0x1F", "2021-09-13", ".inf", "1_000"])
def test_yaml_1_1_lookalikes_stay_strings(text: str) -> None:
    assert yamlio.loads(f"v: {text}\nw: [{text}]\n".encode(), "x.yaml") == {"v": text, "w": [text]}


def test_lookalikes_stay_strings_where_the_schema_says_string() -> None:
    # the position and the unit name are strings in the schema: "no" and "9:30" must survive as written
    data = yamlio.loads(ROSTER.replace("Chuyên viên", "no").replace("Vụ A", "9:30")
                        .format(phone="0900000001").encode(), "m.yaml")
    roster, errors = validate(Roster, data)
    assert errors == [] and roster is not None
    assert (roster.members[0].position, roster.units[0].name) == ("no", "9:30")


def test_null_forms_are_null() -> None:
    assert yamlio.loads(b"a:\nb: ~\nc: null\nd: ''\n", "x.yaml") == {"a": None, "b": None, "c": None, "d": ""}


def test_utf8_bom_is_accepted() -> None:
    assert yamlio.loads("\ufefften: Việt\n".encode(), "x.yaml") == {"ten": "Việt"}


def test_crlf_line_ends_are_accepted() -> None:
    raw = b"a: x\r\nb: |-\r\n  hai\r\n  dong\r\n"
    assert yamlio.loads(raw, "x.yaml") == {"a": "x", "b": "hai\ndong"}


def test_nfd_text_is_normalised_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Trần Vương Việt")
    assert nfd != "Trần Vương Việt"
    loaded = yamlio.loads(f"{unicodedata.normalize('NFD', 'tên')}: {nfd}\n".encode(), "x.yaml")
    assert loaded == {"tên": "Trần Vương Việt"}


def test_alias_bomb_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    found = problem("\n".join(lines).encode())
    assert found.message == "tệp có quá nhiều nút YAML (bom alias?)"
    assert found.hint == "bỏ các alias (*tên) lồng nhau; viết dữ liệu trực tiếp"
    assert found.line is not None


def test_self_referencing_alias_is_an_error_not_a_crash() -> None:
    found = problem(b"a: &x\n  - *x\n")
    # the alias is the anchored node itself, so the line is the anchor's
    assert (found.line, found.message) == (1, "alias (*tên) tự tham chiếu đến chính nó")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    found = problem(b"a: " + b"[" * 150 + b"]" * 150 + b"\n")
    assert found.message == "dữ liệu lồng nhau quá sâu"


def test_plain_aliases_within_budget_are_expanded() -> None:
    assert yamlio.loads(b"a: &x [1, 2]\nb: *x\n", "x.yaml") == {"a": ["1", "2"], "b": ["1", "2"]}


def test_merge_key_is_refused_with_a_message() -> None:
    found = problem(b"base: &b {x: 1}\nitem:\n  <<: *b\n")
    assert (found.line, found.field, found.message) == (3, "item", "không hỗ trợ khoá gộp '<<'")


def test_windows_1258_bytes_give_a_clear_error_with_the_line() -> None:
    raw = "a: ok\nten: Trà Vinh, Đà\n".encode("cp1258")
    found = problem(raw)
    assert found.line == 2
    assert found.message.startswith("tệp không phải mã UTF-8 (byte 0x")
    assert found.hint == "lưu lại tệp với bảng mã UTF-8 (ví dụ tệp soạn bằng bảng mã Windows-1258)"


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/object/apply:os.system", "!!python/name:os.system"])
def test_python_tags_are_refused(tag: str) -> None:
    found = problem(f"a: b\nx: {tag} ['echo hi']\n".encode())
    assert (found.line, found.field) == (2, "x")
    assert found.message.startswith("thẻ YAML không được phép: tag:yaml.org,2002:python/")
    assert found.hint == "xoá thẻ bắt đầu bằng '!' — dữ liệu chỉ gồm văn bản, danh sách và bảng"


def test_unknown_local_tag_is_refused() -> None:
    assert problem(b"x: !secret abc\n").message == "thẻ YAML không được phép: !secret"


def test_tab_indentation_gets_a_clear_message() -> None:
    found = problem(b"a:\n\tb: 1\n")
    assert (found.line, found.message) == (2, "dòng thụt lề bằng ký tự tab")
    assert found.hint == "YAML không cho dùng tab để thụt lề; hãy thay bằng dấu cách"


def test_binary_garbage_is_refused() -> None:
    found = problem(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert found.message == "tệp chứa dữ liệu nhị phân, không phải văn bản YAML"
    assert found.hint == "hãy khôi phục tệp từ git (git checkout -- TỆP) hoặc viết lại"


def test_control_character_is_an_error_with_its_line() -> None:
    found = problem(b"a: ok\nb: x\x07y\n")
    assert (found.line, found.message) == (2, "tệp chứa ký tự điều khiển không được phép (mã 0x0007)")


def test_too_large_file_is_refused() -> None:
    found = problem(b"a: " + b"x" * yamlio.MAX_BYTES + b"\n")
    assert found.message == f"tệp quá lớn (hơn {yamlio.MAX_BYTES} byte)"
    assert found.hint == "tệp dữ liệu loại này không lớn đến vậy; hãy kiểm tra tệp có bị ghi nhầm nội dung"


def test_the_size_limit_is_the_callers() -> None:
    raw = b"a: " + b"x" * 100 + b"\n"
    assert yamlio.loads(raw, "x.yaml", max_bytes=len(raw)) == {"a": "x" * 100}
    with pytest.raises(DataError) as caught:
        yamlio.loads(raw, "x.yaml", max_bytes=len(raw) - 1)
    assert caught.value.problems[0].message == f"tệp quá lớn (hơn {len(raw) - 1} byte)"


def test_a_large_file_may_build_a_node_a_byte() -> None:
    # more nodes than MAX_NODES, none of them an alias: a long genuine file, not a bomb
    items = yamlio.MAX_NODES + 1000
    loaded = yamlio.loads(b"a:\n" + b"- x\n" * items, "x.yaml", max_bytes=64 * 1024 * 1024)
    assert len(loaded["a"]) == items


def test_an_alias_bomb_inside_a_large_file_is_still_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    padding = "\n".join(f"p{i}: x" for i in range(100_000))  # 1 MB: a budget of about a million nodes
    with pytest.raises(DataError) as caught:
        yamlio.loads((padding + "\n" + "\n".join(lines)).encode(), "x.yaml")
    assert caught.value.problems[0].message == "tệp có quá nhiều nút YAML (bom alias?)"


def test_syntax_error_names_the_line_in_vietnamese() -> None:
    found = problem(b"a: 1\nb: [1, 2\n")
    assert found.message == "lỗi cú pháp YAML: thiếu dấu ',' hoặc ']'"
    assert found.line == 3


def test_a_second_document_is_refused() -> None:
    found = problem(b"a: 1\n---\nb: 2\n")
    assert (found.line, found.message) == (2, "lỗi cú pháp YAML: tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)")


def test_non_string_key_is_refused() -> None:
    assert problem(b"? [a, b]\n: 1\n").message == "tên trường phải là văn bản"


def test_load_of_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        yamlio.load(tmp_path / "none.yaml", "data/none.yaml")
    assert caught.value.problems[0].message == "không đọc được tệp: tệp không còn ở đó"
    assert caught.value.problems[0].hint == "kiểm tra đường dẫn; tệp đã bị xoá hoặc đổi tên?"


def test_line_of_finds_nested_fields(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  b:\n    - x\n    - y\n  c:\n", encoding="utf-8")
    assert yamlio.line_of(path, ["a", "b", 1]) == 4
    assert yamlio.line_of(path, ["a", "c"]) == 5
    assert yamlio.line_of(path, ["a", "missing"]) == 1  # the nearest existing field: a


# --- writing --------------------------------------------------------------------------------


def test_dumps_keeps_vietnamese_readable_and_key_order() -> None:
    text = yamlio.dumps({"tên": "Trần Vương Việt", "b": "2", "a": "1"})
    assert text == "tên: Trần Vương Việt\nb: '2'\na: '1'\n" or text == 'tên: Trần Vương Việt\nb: "2"\na: "1"\n'
    assert "\\u" not in text


@pytest.mark.parametrize("value", ["0912345678", "no", "NO", "on", "y", "9:30", "1e3", "0o17", "0x1F",
                                   "2021-09-13", "2021-09-27 09:30", "null", "~", "true", ".5", "+12", ".inf"])
def test_dumps_quotes_strings_a_yaml_reader_could_mistake(value: str) -> None:
    text = yamlio.dumps({"v": value})
    assert text in (f'v: "{value}"\n', f"v: '{value}'\n")
    assert yamlio.loads(text.encode(), "x.yaml") == {"v": value}


def test_dumps_writes_prose_as_a_literal_block() -> None:
    text = yamlio.dumps({"text": "Đoạn một.\n\nĐoạn hai."})
    assert text == "text: |-\n  Đoạn một.\n\n  Đoạn hai.\n"


# Control characters other than tab and line ends are refused on reading, so the text is free of them.
_TEXT = st.characters(blacklist_categories=("Cs", "Cc"))
_scalars = st.one_of(
    st.none(),
    st.text(_TEXT, max_size=20).map(lambda s: unicodedata.normalize("NFC", s)),
    st.sampled_from(["0912345678", "no", "9:30", "1e3", "0o17", "2021-09-13", "Trần Vương Việt", "- a", "a: b",
                     "#x", "'", '"', " lead", "trail ", "", "\n", "a\r\nb", "\t", "\ufeff"]),
)
_keys = st.text(_TEXT, min_size=1, max_size=8).map(
    lambda s: unicodedata.normalize("NFC", s))
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)),
    max_leaves=12,
)


@pytest.mark.slow  # a property test: 300 examples
@settings(max_examples=300, deadline=None)
@given(_documents)
def test_load_of_dumps_round_trips(document: Any) -> None:
    data = {"root": document}
    text = yamlio.dumps(data)
    assert yamlio.loads(text.encode("utf-8"), "x.yaml") == data
