"""#12, the path guard: no field becomes a path unvalidated, no committed symlink is followed.

Each hostile input is committed into a real git workspace as a teammate's push would be, then
every command that could use it runs as its own process; the workspace is hashed before and
after: nothing changed, exit 1, a Vietnamese message with a hint, no traceback.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import dvcli, git, seeded_workspace, workspace_digest

from dvcli import paths

PLAN = "data/plan.yaml"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_workspace(tmp_path_factory.mktemp("trust-paths") / "ws")


@pytest.fixture
def ws(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(pristine, root, symlinks=True)
    return root


def commit_edit(root: Path, relative: str, old: str, new: str) -> int:
    """Replace ``old`` (once) in a file, commit it as a teammate would; return the edited line."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "hostile push")
    return text[: text.index(old)].count("\n") + 1


def assert_refused(root: Path, args: list[str], expected: str, counts: Counter[str]) -> None:
    """``dvcli args`` in ``root``: exit 1, ``expected`` on stderr, a hint, no traceback, nothing changed."""
    before = workspace_digest(root)
    outside = sorted(p.name for p in root.parent.iterdir())
    result = dvcli(root, *args)
    assert result.returncode == 1, (args, result.returncode, result.stderr)
    assert expected in result.stderr, (args, result.stderr)
    assert "gợi ý:" in result.stderr
    assert "Traceback" not in result.stderr and "lỗi không mong đợi" not in result.stderr
    assert workspace_digest(root) == before, args
    assert sorted(p.name for p in root.parent.iterdir()) == outside, args
    counts["hostile inputs tried"] += 1


# --- path-forming fields are validated codes --------------------------------------------------

CODE_HINT = ("mã này thành một phần tên thư mục: chỉ dùng chữ cái, chữ số và dấu '-' (không có '/', '.' hay "
             "khoảng trắng), ví dụ BDVTW hoặc HĐND")
EVERY_COMMAND = [["check"], ["status", "--week", "2021-W38"], ["consolidate", "--week", "2021-W38"],
                 ["consolidate", "--week", "2021-W38", "--issue", "--date", "2021-09-27"],
                 ["report", "new", "bui-thuy", "--week", "2021-W40", "--no-edit"],
                 ["assign", "bui-thuy", "--task", "III.4", "--from", "2021-10-04"]]


@pytest.mark.parametrize("value", ["BDVTW/../../../../outside", "../outside", "BDVTW/x", "..", "B DVTW", "BDVTW."])
def test_an_issuer_code_that_would_leave_the_workspace_is_refused_by_every_command(
        ws: Path, value: str, counts: Counter[str]) -> None:
    line = commit_edit(ws, PLAN, "    tong-hop-tuan:\n      type_code: BC\n      issuer_code: BDVTW\n",
                       f"    tong-hop-tuan:\n      type_code: BC\n      issuer_code: \"{value}\"\n") + 2
    expected = (f"data/plan.yaml:{line}: reporting.documents.tong-hop-tuan.issuer_code: giá trị \"{value}\" "
                f"không đúng dạng\n  gợi ý: {CODE_HINT}\n")
    for args in EVERY_COMMAND if value == "BDVTW/../../../../outside" else [["check"]]:
        assert_refused(ws, args, expected, counts)


def test_a_task_id_that_would_leave_the_workspace_is_refused(ws: Path, counts: Counter[str]) -> None:
    line = commit_edit(ws, PLAN, "      - id: III.4\n", "      - id: \"../../../outside\"\n")
    expected = (f"data/plan.yaml:{line}: sections[2].items[3].id: giá trị \"../../../outside\" không đúng dạng\n"
                "  gợi ý: số hiệu mục thành một phần tên tệp: chỉ dùng chữ cái không dấu, chữ số và dấu '.', "
                "ví dụ II.2\n")
    for args in EVERY_COMMAND:
        assert_refused(ws, args, expected, counts)


def test_a_template_name_in_the_plan_is_a_slug(ws: Path, counts: Counter[str]) -> None:
    line = commit_edit(ws, PLAN, "    tong-hop-tuan:\n      type_code: BC\n",
                       "    \"../../tong-hop-tuan\":\n      type_code: BC\n")
    expected = (f"data/plan.yaml:{line}: reporting.documents.../../tong-hop-tuan: giá trị \"../../tong-hop-tuan\" "
                "không đúng dạng\n  gợi ý: chỉ dùng chữ thường không dấu, chữ số và dấu '-', ví dụ vy-tu-lieu\n")
    assert_refused(ws, ["check"], expected, counts)


@pytest.mark.parametrize("value", ["BDVTW", "HĐND", "UBND-T78", "TTg", "[CQ]"])
def test_real_codes_and_the_init_placeholder_pass(value: str) -> None:
    from dvcli import schema
    from dvcli.model import Code

    record, errors = schema.validate(Code, value)  # type: ignore[arg-type]
    assert record == value and not errors


# --- the guard itself --------------------------------------------------------------------------


def test_the_guard_names_the_first_symlink_on_the_way(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "data" / "reports").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "data" / "reports" / "2021").symlink_to(tmp_path / "elsewhere")
    target = root / "data" / "reports" / "2021" / "W40" / "a.yaml"
    assert paths.symlink_on_the_way(root, target) == root / "data" / "reports" / "2021"
    with pytest.raises(paths.UnsafePathError) as raised:
        paths.inside(root, target)
    assert raised.value.message == (f"data/reports/2021 là liên kết tượng trưng (trỏ đến {tmp_path / 'elsewhere'}); "
                                    "dvcli không đọc hay ghi qua liên kết trong không gian làm việc")
    assert raised.value.hint == ("thay liên kết bằng thư mục hoặc tệp thật: git rm data/reports/2021 (hoặc rm "
                                 "data/reports/2021 nếu chưa commit), rồi chạy lại lệnh")
    assert paths.inside(root, Path("data/reports/2022/a.yaml")) == root / "data/reports/2022/a.yaml"
    with pytest.raises(paths.UnsafePathError):
        paths.inside(root, root / "data" / ".." / ".." / "x")
    with pytest.raises(paths.UnsafePathError):
        paths.inside(root, tmp_path / "x")


def test_windows_reserved_names() -> None:
    assert all(paths.reserved_name(name) for name in ("con", "NUL", "aux.yaml", "com1", "lpt9", "prn"))
    assert not any(paths.reserved_name(name) for name in ("console", "con-1", "nul-x", "com10", "an"))
