"""#12, faults of a real machine: each is a clear Vietnamese message, exit 1, and nothing half-done.

The faults are real, not mocked: a small tmpfs filled to the last page for a full disk, a
read-only bind mount, a non-root user (made with ``useradd``, run through ``setpriv``) for
permissions, signals sent at a moment a git hook announces, a pipe closed before dvcli writes.
Every run is checked the same way: the workspace hashed before and after, ``git status`` clean,
no lock left, a ``gợi ý:`` hint and no traceback. Needs root (CI runs as root).
"""

from __future__ import annotations

import contextlib
import errno
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import dvcli, dvcli_env, git, seeded_workspace, workspace_digest

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounts and a second user need root")

REPORT = """member: bui-thuy
period: 2021-W40
submitted: 2021-10-04 09:30
situation:
  overview: Tình hình ổn định.
"""
NOW = {"DVCLI_NOW": "2021-10-05T09:00:00+07:00"}
NEW_REPORT = ["report", "new", "bui-thuy", "--week", "2021-W40", "--from-file"]
UNCHANGED = "chưa ghi gì, không gian làm việc vẫn như trước khi chạy lệnh"


def source(base: Path) -> Path:
    path = base / "bao-cao.yaml"
    path.write_text(REPORT, encoding="utf-8")
    return path


def lock_of(root: Path) -> Path:
    from dvcli.workspace import Workspace

    return Workspace(root).state_dir / "lock"


def status(root: Path) -> str:
    """``git status --porcelain`` that writes nothing (a full disk) and reads another user's repository."""
    process = subprocess.run(["git", "-c", "safe.directory=*", "status", "--porcelain"], cwd=root, capture_output=True,
                             text=True, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}, check=True)
    return process.stdout


def assert_clean_failure(root: Path, before: dict[str, str], result: subprocess.CompletedProcess[str],
                         counts: Counter[str], code: int = 1) -> None:
    """The promise after any fault: exit ``code``, a message with a hint, nothing changed, no lock."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "lỗi không mong đợi" not in result.stderr, result.stderr
    if code == 1:
        assert result.stderr.startswith("lỗi: ") and "\n  gợi ý: " in result.stderr, result.stderr
    assert workspace_digest(root) == before
    assert status(root) == ""
    assert not lock_of(root).exists()
    counts["faults injected"] += 1


@contextlib.contextmanager
def mounted(point: Path, *options: str) -> Iterator[Path]:
    point.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", *options, str(point)], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


# --- a full disk --------------------------------------------------------------------------------


def fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte; return the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (1 << 20, 1 << 16, 1 << 12, 1 << 9, 1):
            block = b"\0" * size
            while True:
                try:
                    os.write(fd, block)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_at_every_step_of_a_write_leaves_nothing_half_done(tmp_path: Path, counts: Counter[str]) -> None:
    """Free 0, 1, 2 … pages of a full tmpfs: every run either stores and commits the report, or fails
    cleanly (lock, temp file, git add or commit) with the full-disk message — never half of it."""
    report = source(tmp_path)
    outcomes: Counter[str] = Counter()
    with mounted(tmp_path / "disk", "-t", "tmpfs", "-o", "size=4m,nr_inodes=4000", "tmpfs") as disk:
        root = seeded_workspace(disk / "ws")
        filler = fill(disk)
        size = filler.stat().st_size
        for pages in [*range(12), 16, 24, 32, 48, 64, 128, 256]:
            os.truncate(filler, max(0, size - pages * 4096))
            before = workspace_digest(root)
            result = dvcli(root, *NEW_REPORT, str(report), **NOW)
            if result.returncode == 0:
                outcomes["saved"] += 1
                assert status(root) == ""
                assert "bui-thuy.yaml" in git(root, "show", "--name-only", "--format=").stdout
                break
            assert_clean_failure(root, before, result, counts)
            assert "hết chỗ trên đĩa" in result.stderr or "No space left" in result.stderr, result.stderr
            assert UNCHANGED in result.stderr, result.stderr
            outcomes["git" if "git không ghi được commit" in result.stderr else "write"] += 1
    assert outcomes["write"] >= 1 and outcomes["saved"] == 1, outcomes


# --- a read-only mount ---------------------------------------------------------------------------


def test_a_read_only_mount_refuses_writes_clearly_and_still_reads(tmp_path: Path, counts: Counter[str]) -> None:
    root = seeded_workspace(tmp_path / "ws")
    report = source(tmp_path)
    with mounted(tmp_path / "ro", "--bind", str(root)) as view:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        before = workspace_digest(view)
        lock = lock_of(view)
        refused = lock if lock.parent.exists() else lock.parent  # the first thing a writer creates
        result = dvcli(view, *NEW_REPORT, str(report), **NOW)
        assert_clean_failure(view, before, result, counts)
        assert result.stderr == (
            f"lỗi: không ghi được {refused}: ổ đĩa chỉ cho đọc "
            f"(Read-only file system); {UNCHANGED}\n"
            "  gợi ý: chạy lệnh trong một bản sao trên ổ ghi được, hoặc gắn lại ổ ở chế độ đọc-ghi\n")
        for args in (["check"], ["status", "--week", "2021-W38"], ["consolidate", "--week", "2021-W38"]):
            reading = dvcli(view, *args)
            assert reading.returncode == 0, (args, reading.stderr)
            assert workspace_digest(view) == before
            counts["faults injected"] += 1


# --- permissions: a member's user account, not root ------------------------------------------------

USER = "dvcli-test"


@pytest.fixture(scope="module")
def member_user() -> pwd.struct_passwd:
    """A non-root account for the permission tests (created once per machine)."""
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
        return pwd.getpwnam(USER)


def as_user(user: pwd.struct_passwd, cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dvcli_env(HOME=str(home), **NOW)
    command = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
               sys.executable, "-m", "dvcli", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def users_workspace(member_user: pwd.struct_passwd) -> Iterator[tuple[Path, Path]]:
    """A workspace owned by the member's account, in a folder every account may enter."""
    base = Path(tempfile.mkdtemp(prefix="dvcli-perm-"))
    base.chmod(0o755)
    try:
        root = seeded_workspace(base / "ws")
        home = base / "home"
        home.mkdir()
        for path in (root, home):
            subprocess.run(["chown", "-R", f"{member_user.pw_uid}:{member_user.pw_gid}", str(path)], check=True)
        yield root, home
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_folder_the_member_may_not_write_is_named_with_a_hint(
        member_user: pwd.struct_passwd, users_workspace: tuple[Path, Path], counts: Counter[str]) -> None:
    root, home = users_workspace
    report = home / "bao-cao.yaml"
    report.write_text(REPORT, encoding="utf-8")
    report.chmod(0o644)
    week = root / "data" / "reports" / "2021"
    os.chown(week, 0, 0)  # the reports folder of 2021 belongs to root now
    week.chmod(0o755)
    before = workspace_digest(root)
    result = as_user(member_user, root, home, *NEW_REPORT, str(report))
    assert_clean_failure(root, before, result, counts)
    target = week / "W40"
    assert result.stderr == (
        f"lỗi: không có quyền truy cập {target} (Permission denied); {UNCHANGED}\n"
        f"  gợi ý: kiểm tra quyền bằng: ls -ld {target}; chạy lệnh bằng người dùng sở hữu không gian làm việc, "
        "hoặc nhờ người đó cấp quyền\n")


def test_a_read_only_report_folder_for_the_member(member_user: pwd.struct_passwd,
                                                  users_workspace: tuple[Path, Path], counts: Counter[str]) -> None:
    root, home = users_workspace
    report = home / "bao-cao.yaml"
    report.write_text(REPORT, encoding="utf-8")
    folder = root / "data" / "reports" / "2021" / "W40"
    folder.mkdir()
    os.chown(folder, member_user.pw_uid, member_user.pw_gid)
    folder.chmod(0o555)
    before = workspace_digest(root)
    result = as_user(member_user, root, home, *NEW_REPORT, str(report))
    assert_clean_failure(root, before, result, counts)
    assert "lỗi: không có quyền truy cập" in result.stderr and str(folder) in result.stderr


# --- git refuses the repository ----------------------------------------------------------------------


def test_a_repository_git_calls_dubious_is_refused_before_anything_is_saved(tmp_path: Path,
                                                                             counts: Counter[str]) -> None:
    root = seeded_workspace(tmp_path / "ws")
    subprocess.run(["chown", "-R", "65534:65534", str(root)], check=True)  # another user's folder
    report = source(tmp_path)
    before = workspace_digest(root)
    result = dvcli(root, *NEW_REPORT, str(report), **NOW)
    assert result.returncode == 1
    assert result.stderr == (
        f"lỗi: git từ chối kho ở {root}: thư mục thuộc về một người dùng khác (git gọi là \"dubious ownership\"), "
        "nên dvcli không dùng được git ở đây; chưa ghi gì\n"
        f"  gợi ý: nếu tin cậy thư mục này, chạy: git config --global --add safe.directory {root}; hoặc chạy lệnh "
        "bằng người dùng sở hữu thư mục; lệnh ghi có thể thêm --no-commit để chỉ lưu tệp\n")
    assert workspace_digest(root) == before
    counts["faults injected"] += 1
    saved = dvcli(root, *NEW_REPORT, str(report), "--no-commit", **NOW)
    assert saved.returncode == 0, saved.stderr
    assert (root / "data/reports/2021/W40/bui-thuy.yaml").is_file()


# --- names and places the system refuses -------------------------------------------------------------


def test_a_lock_path_that_is_a_folder(tmp_path: Path, counts: Counter[str]) -> None:
    root = seeded_workspace(tmp_path / "ws")
    lock_of(root).mkdir(parents=True)
    report = source(tmp_path)
    before = workspace_digest(root)
    result = dvcli(root, *NEW_REPORT, str(report), **NOW)
    assert result.returncode == 1
    assert result.stderr == (f"lỗi: {lock_of(root)} là một thư mục, dvcli cần một tệp ở đó; {UNCHANGED}\n"
                             f"  gợi ý: đổi tên hoặc xoá thư mục {lock_of(root)}, hoặc chọn tên tệp khác\n")
    assert workspace_digest(root) == before
    counts["faults injected"] += 1


def test_a_name_too_long_for_the_file_system(tmp_path: Path, counts: Counter[str]) -> None:
    root = seeded_workspace(tmp_path / "ws")
    long_id = "bui-" + "thuy" * 70
    roster = root / "data" / "members.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("id: bui-thuy\n", f"id: {long_id}\n"),
                      encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "long id")
    before = workspace_digest(root)
    result = dvcli(root, "report", "new", long_id, "--week", "2021-W40", "--no-edit", **NOW)
    assert_clean_failure(root, before, result, counts)
    assert result.stderr.startswith("lỗi: tên tệp hoặc đường dẫn quá dài cho hệ thống tệp: ")
    assert "  gợi ý: rút ngắn tiêu đề hoặc tên thư mục" in result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["consolidate", "--week", "2021-W38", "--out", "{file}"],
     "lỗi: --out {file} là một tệp, không phải thư mục\n  gợi ý: chỉ đến một thư mục (có sẵn hoặc chưa có) để "
     "dvcli ghi các tệp vào đó, ví dụ --out out/\n"),
    (["consolidate", "--week", "2021-W38", "--format", "md", "--out", "/dev/null"],
     "lỗi: --out /dev/null là một thiết bị, không phải thư mục\n  gợi ý: chỉ đến một thư mục (có sẵn hoặc chưa có) "
     "để dvcli ghi các tệp vào đó, ví dụ --out out/\n"),
    (["export", "indicators", "--out", "/dev/full", "--force"],
     "lỗi: --out /dev/full là một thiết bị, không phải tệp thường\n  gợi ý: ghi tên một tệp thường, ví dụ --out "
     "so-lieu.xlsx\n"),
    (["export", "indicators", "--out", "{folder}", "--force"],
     "lỗi: --out {folder} là một thư mục, không phải tệp thường\n  gợi ý: ghi tên một tệp thường, ví dụ --out "
     "so-lieu.xlsx\n"),
])
def test_out_naming_a_file_a_folder_or_a_device(tmp_path: Path, args: list[str], expected: str,
                                                counts: Counter[str]) -> None:
    root = seeded_workspace(tmp_path / "ws")
    existing, folder = tmp_path / "co-san.txt", tmp_path / "thu-muc"
    existing.write_text("giữ nguyên\n", encoding="utf-8")
    folder.mkdir()
    names = {"file": str(existing), "folder": str(folder)}
    before = workspace_digest(root)
    result = dvcli(root, *(arg.format(**names) for arg in args))
    assert (result.returncode, result.stderr) == (1, expected.format(**names))
    assert existing.read_text(encoding="utf-8") == "giữ nguyên\n" and list(folder.iterdir()) == []
    assert Path("/dev/full").is_char_device() and Path("/dev/null").is_char_device()
    assert workspace_digest(root) == before
    counts["faults injected"] += 1


DATE_HINT = "  gợi ý: dùng một ngày trong các năm 1900–9998; kiểm tra lại số năm đã gõ\n"


@pytest.mark.parametrize(("args", "env", "expected"), [
    (["status", "--week", "9999-W52"], {}, "lỗi: 9999-W52: năm 9999 nằm ngoài khoảng dvcli tính kỳ báo cáo (1900–9998)\n"),
    (["consolidate", "--week", "9999-W52"], {}, "lỗi: 9999-W52: năm 9999 nằm ngoài khoảng dvcli tính kỳ báo cáo (1900–9998)\n"),
    (["consolidate", "--month", "0001-01"], {}, "lỗi: 0001-01: năm 1 nằm ngoài khoảng dvcli tính kỳ báo cáo (1900–9998)\n"),
    (["report", "new", "bui-thuy", "--ad-hoc", "--title", "x", "--date", "9999-12-31", "--no-edit"], {},
     "lỗi: 9999-12-31: năm 9999 nằm ngoài khoảng dvcli tính kỳ báo cáo (1900–9998)\n"),
    (["status"], {"DVCLI_NOW": "9999-12-31T23:59:59+07:00"},
     "lỗi: DVCLI_NOW: năm 9999 nằm ngoài khoảng dvcli tính kỳ báo cáo (1900–9998)\n"),
    (["report", "new", "bui-thuy", "--no-edit"], {"DVCLI_NOW": "9999-12-31T23:59:59+07:00"},
     "lỗi: DVCLI_NOW: năm 9999 nằm ngoài khoảng dvcli tính kỳ báo cáo (1900–9998)\n"),
])
def test_dates_out_of_range_are_named(tmp_path: Path, args: list[str], env: dict[str, str], expected: str,
                                      counts: Counter[str]) -> None:
    root = seeded_workspace(tmp_path / "ws")
    before = workspace_digest(root)
    result = dvcli(root, *args, **env)
    assert (result.returncode, result.stderr) == (1, expected + DATE_HINT)
    assert workspace_digest(root) == before
    counts["faults injected"] += 1


# --- a closed pipe --------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["search", "ton"], ["history"], ["consolidate", "--week", "2021-W38"],
                                  ["status", "--week", "2021-W38", "--format", "json"]])
def test_a_closed_stdout_ends_quietly_like_git_log_piped_to_head(tmp_path: Path, args: list[str],
                                                                 counts: Counter[str]) -> None:
    root = seeded_workspace(tmp_path / "ws")
    reader, writer = os.pipe()
    os.close(reader)  # the reader has gone before dvcli writes its first line: every write is EPIPE
    try:
        process = subprocess.run([sys.executable, "-m", "dvcli", *args], cwd=root, stdout=writer,
                                 stderr=subprocess.PIPE, env=dvcli_env(), timeout=120, check=False)
    finally:
        os.close(writer)
    assert (process.returncode, process.stderr.decode()) == (141, "")
    counts["faults injected"] += 1


# --- signals at real points -------------------------------------------------------------------------------


def hooked_workspace(base: Path, hook: str) -> tuple[Path, Path]:
    """A workspace whose pre-commit hook announces it has started (a file), then ``hook``."""
    root = seeded_workspace(base / "ws")
    started = base / "hook-started"
    script = root / ".git" / "hooks" / "pre-commit"
    script.write_text(f"#!/bin/sh\ntouch '{started}'\n{hook}\n", encoding="utf-8")
    script.chmod(0o755)
    return root, started


def start_dvcli(root: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "dvcli", *args], cwd=root, env=dvcli_env(**env), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_sigterm_while_git_commits_lets_the_commit_finish_and_says_so(tmp_path: Path, counts: Counter[str]) -> None:
    root, started = hooked_workspace(tmp_path, "sleep 1")
    process = start_dvcli(root, *NEW_REPORT, str(source(tmp_path)), **NOW)
    wait_for(started, process)
    process.send_signal(signal.SIGTERM)  # to dvcli alone, as `kill PID` does: git goes on
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert stdout == "đã lưu báo cáo bui-thuy 2021-W40: data/reports/2021/W40/bui-thuy.yaml\n"
    assert stderr == ("đã ghi vào git: báo cáo: bui-thuy 2021-W40\n"
                      "(đã nhận tín hiệu dừng khi việc ghi đã xong: mọi thay đổi đã được lưu như trên)\n")
    assert "đã dừng theo yêu cầu" not in stdout + stderr  # never "stopped": the report was saved and committed
    assert git(root, "log", "-1", "--format=%s").stdout == "báo cáo: bui-thuy 2021-W40\n"
    assert git(root, "status", "--porcelain").stdout == ""
    counts["faults injected"] += 1


def test_ctrl_c_while_git_commits_undoes_the_write(tmp_path: Path, counts: Counter[str]) -> None:
    root, started = hooked_workspace(tmp_path, "sleep 5")
    before = workspace_digest(root)
    head = git(root, "rev-parse", "HEAD").stdout
    process = start_dvcli(root, *NEW_REPORT, str(source(tmp_path)), **NOW)
    wait_for(started, process)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group: dvcli, git, the hook
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr) == (130, "", f"đã dừng theo yêu cầu (Ctrl-C); {UNCHANGED}\n")
    assert git(root, "rev-parse", "HEAD").stdout == head
    assert workspace_digest(root) == before and git(root, "status", "--porcelain").stdout == ""
    assert not lock_of(root).exists()
    counts["faults injected"] += 1


def test_a_refusing_commit_hook_undoes_the_write(tmp_path: Path, counts: Counter[str]) -> None:
    root, _started = hooked_workspace(tmp_path, "echo 'chính sách: không nhận' >&2; exit 1")
    before = workspace_digest(root)
    result = dvcli(root, *NEW_REPORT, str(source(tmp_path)), **NOW)
    assert_clean_failure(root, before, result, counts)
    assert result.stderr == (f"lỗi: git không ghi được commit: lệnh git commit thất bại: chính sách: không nhận; "
                             f"{UNCHANGED}\n  gợi ý: xem trạng thái kho bằng: git status; sửa lỗi rồi chạy lại lệnh, "
                             "hoặc thêm --no-commit để chỉ lưu tệp\n")


def test_sigterm_while_waiting_for_the_lock(tmp_path: Path, counts: Counter[str]) -> None:
    root, started = hooked_workspace(tmp_path, "sleep 30")
    first = start_dvcli(root, *NEW_REPORT, str(source(tmp_path)), **NOW)
    wait_for(started, first)  # the first writer holds the lock while its hook sleeps
    other = tmp_path / "cao-hong-hung.yaml"
    other.write_text(REPORT.replace("bui-thuy", "cao-hong-hung"), encoding="utf-8")
    second = start_dvcli(root, "report", "new", "cao-hong-hung", "--week", "2021-W40", "--from-file", str(other),
                         DVCLI_LOCK_WAIT="60", **NOW)
    time.sleep(4)  # well past start-up: the second writer is polling for the lock
    assert second.poll() is None
    second.send_signal(signal.SIGTERM)
    stdout, stderr = second.communicate(timeout=60)
    assert (second.returncode, stdout, stderr) == (143, "", "đã dừng theo yêu cầu (tín hiệu SIGTERM)\n")
    assert lock_of(root).exists()  # the first writer's lock is not the second's to remove
    os.killpg(first.pid, signal.SIGINT)
    first.communicate(timeout=60)
    assert not lock_of(root).exists()
    assert git(root, "status", "--porcelain").stdout == ""
    counts["faults injected"] += 1
