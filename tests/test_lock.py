"""The workspace write lock: a busy lock gives a clear error, a stale one is cleared."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from dvcli import lock
from dvcli.errors import ConflictError
from foundation_support import Workspace


def test_busy_lock_refuses_after_waiting(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_LOCK_WAIT", "0.2")
    state = full_workspace.root / ".dvcli"
    with lock.hold(state):
        result = full_workspace.run("assign", "bui-thuy", "--task", "II.1", "--from", "2021-09-20")
    assert result.exit_code == 1
    host = socket.gethostname()
    assert result.stderr.startswith(f"lỗi: dvcli đang ghi ở một tiến trình khác (tiến trình {os.getpid()} "
                                    f"trên máy {host}, từ ")
    assert result.stderr.endswith("); chưa ghi gì\n  gợi ý: chờ lệnh kia xong rồi chạy lại; nếu chắc chắn không "
                                  f"còn lệnh dvcli nào chạy, xoá tệp {state / 'lock'}\n")
    assert not (full_workspace.root / "data/assignments/bui-thuy/II.1_2021-09-20.yaml").exists()
    assert not (state / "lock").exists()  # released when the holder finished
    assert full_workspace.run("assign", "bui-thuy", "--task", "II.1", "--from", "2021-09-20").exit_code == 0


def test_stale_lock_of_a_dead_process_is_cleared(tmp_path: pytest.TempPathFactory) -> None:
    state = tmp_path / ".dvcli"  # type: ignore[operator]
    state.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    (state / "lock").write_text(f"{dead} {socket.gethostname()} 2021-09-27T09:00:00+00:00\n", encoding="utf-8")
    with lock.hold(state, wait=0):
        assert (state / "lock").read_text(encoding="utf-8").startswith(f"{os.getpid()} ")
    assert sorted(path.name for path in state.iterdir()) == []


def test_lock_of_another_host_is_never_taken_over(tmp_path: pytest.TempPathFactory) -> None:
    state = tmp_path / ".dvcli"  # type: ignore[operator]
    state.mkdir()
    (state / "lock").write_text("1 may-khac 2021-09-27T09:00:00+00:00\n", encoding="utf-8")
    with pytest.raises(ConflictError), lock.hold(state, wait=0):
        pass
    assert (state / "lock").read_text(encoding="utf-8") == "1 may-khac 2021-09-27T09:00:00+00:00\n"
