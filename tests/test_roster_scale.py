"""The roster's size guard fits the file kind: a 100,000-member roster loads, a hostile one is refused.

A guard against hostile input must not cap a legitimate roster (issue 18), and must say so before
it has spent the time and memory the hostile file asks for.
"""

from __future__ import annotations

import pytest

from dvcli.model import Roster
from dvcli.model.common import max_file_bytes
from foundation_support import Workspace

MEMBERS = "data/members.yaml"


def _grown_roster(workspace: Workspace, extra: int) -> None:
    text = workspace.text(MEMBERS)
    lines = [text.rstrip("\n"), ""]
    for index in range(extra):
        lines += [f"  - id: thanh-vien-{index:06d}", f"    name: Thành Viên Số {index}",
                  "    position: Chuyên viên", "    unit: vu-doan-the-nhan-dan", "    role: thanh-vien",
                  f"    phone: 09{index:08d}", ""]
    workspace.write({MEMBERS: "\n".join(lines)})
    workspace.edit("data/plan.yaml", "  size: 11", f"  size: {11 + extra}")


@pytest.mark.slow
def test_a_roster_of_100000_members_loads(workspace: Workspace) -> None:
    _grown_roster(workspace, 100_000 - 11)
    assert (workspace.root / MEMBERS).stat().st_size > 5 * 1024 * 1024  # past the old 5 MB limit
    result = workspace.run("members", "show", "thanh-vien-099988")
    assert result.exit_code == 0, result.stderr
    assert "Thành Viên Số 99988" in result.stdout
    result = workspace.run("check")
    assert result.exit_code == 0, result.stderr


def _refused(workspace: Workspace, message: str) -> None:
    before = (workspace.root / MEMBERS).stat().st_mtime_ns
    result = workspace.run("members", "list")
    assert result.exit_code == 1
    assert f"{MEMBERS}:" in result.stderr and message in result.stderr
    assert "gợi ý:" in result.stderr and "Traceback" not in result.stderr
    assert (workspace.root / MEMBERS).stat().st_mtime_ns == before


def test_a_gigabyte_roster_is_refused_before_it_is_read(workspace: Workspace) -> None:
    with (workspace.root / MEMBERS).open("r+b") as file:  # sparse: a gigabyte that takes no disk
        file.truncate(1024 ** 3)
    _refused(workspace, f"tệp quá lớn (hơn {max_file_bytes(Roster)} byte)")


def test_an_alias_bomb_in_the_roster_is_refused(workspace: Workspace) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    workspace.write({MEMBERS: "\n".join(lines) + "\n"})
    _refused(workspace, "tệp có quá nhiều nút YAML (bom alias?)")


def test_a_deeply_nested_roster_is_refused(workspace: Workspace) -> None:
    workspace.write({MEMBERS: "members: " + "[" * 10_000 + "]" * 10_000 + "\n"})
    _refused(workspace, "lồng nhau quá sâu")
