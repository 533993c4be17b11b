"""#12 × #13, faults of a real machine against the correction commands.

``report edit``, ``report withdraw``, ``review``, ``unassign`` and ``members add|edit|leave|remove``
each write through the one transaction (``services/writes``). Each is run against the faults
``test_faults.py`` uses — a full tmpfs freed page by page, a read-only bind mount, a folder the
member's (non-root) account may not write — and must either do all of its work and commit it, or
fail with a Vietnamese message, a hint, exit 1 and the workspace exactly as it was (hashed).
"""

from __future__ import annotations

import os
import pwd
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import dvcli, git, seeded_workspace, workspace_digest
from test_faults import UNCHANGED, as_user, assert_clean_failure, fill, member_user, mounted, status, users_workspace

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounts and a second user need root")

__all__ = ["member_user", "users_workspace"]  # fixtures shared with test_faults

NOW = {"DVCLI_NOW": "2021-09-28T10:00:00+07:00"}
EDITED = "edited.yaml"


def commands(base: Path) -> dict[str, list[str]]:
    edited = str(base / EDITED)
    return {
        "report edit": ["report", "edit", "bui-thuy", "--week", "2021-W38", "--from-file", edited],
        "report withdraw": ["report", "withdraw", "ngo-thi-thu-hoai", "--week", "2021-W38", "--reason", "Gửi nhầm"],
        "review": ["review", "cao-hong-hung", "--week", "2021-W38", "--return", "--reason", "Thiếu số liệu"],
        "unassign": ["unassign", "bui-thuy", "--task", "III.4", "--from", "2021-09-13", "--reason", "Ghi nhầm"],
        "members add": ["members", "add", "Lê Văn An", "--unit", "vu-dan-toc", "--position", "Chuyên viên"],
        "members edit": ["members", "edit", "phan-thi-hien", "--phone", "0912345678"],
        "members leave": ["members", "leave", "hoang-ba-hai", "--from", "2021-10-01", "--to", "2021-10-10",
                          "--note", "Nghỉ phép"],
        "members remove": ["members", "remove", "phan-thanh-nam", "--from", "2021-10-01"],
    }


NAMES = sorted(commands(Path()))


def edited_report(root: Path, base: Path) -> None:
    """The file ``report edit --from-file`` reads: bui-thuy's report of 2021-W38 with one more sentence."""
    text = (root / "data/reports/2021/W38/bui-thuy.yaml").read_text(encoding="utf-8")
    (base / EDITED).write_text(text.replace("  overview: ", "  overview: Bổ sung sau khi nộp. ", 1), encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_a_full_disk_at_every_step_of_a_correction(tmp_path: Path, counts: Counter[str], name: str) -> None:
    with mounted(tmp_path / "disk", "-t", "tmpfs", "-o", "size=4m,nr_inodes=4000", "tmpfs") as disk:
        root = seeded_workspace(disk / "ws")
        edited_report(root, tmp_path)
        args = commands(tmp_path)[name]
        head = git(root, "rev-parse", "HEAD").stdout
        filler = fill(disk)
        size = filler.stat().st_size
        failed = 0
        for pages in (0, 1, 2, 3, 4, 6, 8, 12, 16, 32, 64, 256):
            os.truncate(filler, max(0, size - pages * 4096))
            before = workspace_digest(root)
            result = dvcli(root, *args, **NOW)
            if result.returncode == 0:
                assert status(root) == ""
                assert git(root, "rev-parse", "HEAD~1").stdout == head  # one commit: all of the correction
                break
            assert_clean_failure(root, before, result, counts)
            # the full-disk message, or git's own words when git's ref update is what found no room
            assert any(words in result.stderr for words in ("hết chỗ trên đĩa", "No space left",
                                                            "git không ghi được commit")), result.stderr
            assert UNCHANGED in result.stderr, result.stderr
            failed += 1
        else:
            pytest.fail(f"{name} never succeeded: {result.stderr}")
    assert failed >= 1


@pytest.mark.parametrize("name", NAMES)
def test_a_correction_on_a_read_only_mount(tmp_path: Path, counts: Counter[str], name: str) -> None:
    root = seeded_workspace(tmp_path / "ws")
    edited_report(root, tmp_path)
    with mounted(tmp_path / "ro", "--bind", str(root)) as view:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        before = workspace_digest(view)
        result = dvcli(view, *commands(tmp_path)[name], **NOW)
        assert_clean_failure(view, before, result, counts)
        assert "ổ đĩa chỉ cho đọc (Read-only file system)" in result.stderr and UNCHANGED in result.stderr
        assert "  gợi ý: chạy lệnh trong một bản sao trên ổ ghi được, hoặc gắn lại ổ ở chế độ đọc-ghi" in result.stderr


@pytest.mark.parametrize("name", NAMES)
def test_a_correction_where_the_member_may_not_write(member_user: pwd.struct_passwd,
                                                     users_workspace: tuple[Path, Path], counts: Counter[str],
                                                     name: str) -> None:
    root, home = users_workspace
    edited_report(root, home)
    (home / EDITED).chmod(0o644)
    data = root / "data"
    subprocess.run(["chown", "-R", "0:0", str(data)], check=True)  # data/ belongs to root, readable by all
    subprocess.run(["chmod", "-R", "a+rX,go-w", str(data)], check=True)
    before = workspace_digest(root)
    result = as_user(member_user, root, home, *commands(home)[name])
    assert_clean_failure(root, before, result, counts)
    assert result.stderr.startswith("lỗi: không có quyền truy cập "), result.stderr
    assert UNCHANGED in result.stderr
    assert "  gợi ý: kiểm tra quyền bằng: ls -ld " in result.stderr
