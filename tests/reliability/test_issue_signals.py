"""#12, issuing under real signals: Ctrl-C and SIGTERM at real points of ``consolidate --issue``.

The point is announced by the workspace's own pre-commit hook (a file it touches), so the signal
arrives while git commits the numbered folder — the moment that decides whether the document
was issued. Ctrl-C (to the whole foreground group, git and the hook included) stops the commit:
nothing numbered is left, the message says so, and the next run takes the same number. SIGTERM
(to dvcli alone, as ``kill PID``) lets the commit finish: the document is issued, and the message
says it was, never that it stopped. A third run is stopped while waiting for the lock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import dvcli, git, seeded_workspace, workspace_digest
from test_faults import hooked_workspace, start_dvcli, wait_for

ISSUE = ["consolidate", "--week", "2021-W38", "--issue", "--format", "md"]
NOW = {"DVCLI_NOW": "2021-09-28T09:00:00+07:00"}
FOLDER = "data/issued/2021/01-BC-TCT"
UNCHANGED = "chưa ghi gì, không gian làm việc vẫn như trước khi chạy lệnh"


def start(root: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return start_dvcli(root, *args, **NOW, **env)


def nothing_issued(root: Path) -> None:
    issued = root / "data" / "issued"
    assert not issued.exists() or not any(issued.rglob("*")), sorted(issued.rglob("*"))
    assert git(root, "status", "--porcelain").stdout == ""


def test_ctrl_c_while_the_issue_commits_leaves_nothing_numbered(tmp_path: Path, counts: Counter[str]) -> None:
    root, started = hooked_workspace(tmp_path, "sleep 20")
    before = workspace_digest(root)
    head = git(root, "rev-parse", "HEAD").stdout
    process = start(root, *ISSUE)
    wait_for(started, process)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group, git and its hook too
    stdout, stderr = process.communicate(timeout=120)
    assert (process.returncode, stdout, stderr) == (130, "", f"đã dừng theo yêu cầu (Ctrl-C); {UNCHANGED}\n")
    assert git(root, "rev-parse", "HEAD").stdout == head
    assert workspace_digest(root) == before
    nothing_issued(root)
    (root / ".git" / "hooks" / "pre-commit").unlink()
    again = dvcli(root, *ISSUE, **NOW)
    assert again.returncode == 0, again.stderr
    assert "Số 01-BC/TCT" in again.stderr  # the number was not burnt
    counts["faults injected"] += 1


def test_sigterm_while_the_issue_commits_lets_it_finish_and_says_it_was_issued(tmp_path: Path,
                                                                                counts: Counter[str]) -> None:
    root, started = hooked_workspace(tmp_path, "sleep 1")
    process = start(root, *ISSUE)
    wait_for(started, process)
    process.send_signal(signal.SIGTERM)  # dvcli alone: git goes on and commits
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "dừng theo yêu cầu" not in stderr
    assert "Đã ban hành" in stderr and FOLDER in stderr
    assert stderr.endswith("(đã nhận SIGTERM khi việc ghi đã xong: văn bản đã được ban hành và commit như trên)\n")
    assert f"{FOLDER}/issued.yaml" in stdout.splitlines()
    assert git(root, "log", "-1", "--format=%s").stdout.startswith("ban hành: ")
    assert git(root, "status", "--porcelain").stdout == ""
    assert dvcli(root, "check", **NOW).returncode == 0
    counts["faults injected"] += 1


def test_sigterm_while_the_issue_waits_for_the_lock(tmp_path: Path, counts: Counter[str]) -> None:
    root, started = hooked_workspace(tmp_path, "sleep 60")
    source = tmp_path / "bui-thuy.yaml"
    source.write_text("member: bui-thuy\nperiod: 2021-W40\nsubmitted: 2021-10-04 09:30\nsituation:\n"
                      "  overview: Tình hình ổn định.\n", encoding="utf-8")
    first = start(root, "report", "new", "bui-thuy", "--week", "2021-W40", "--from-file", str(source))
    wait_for(started, first)  # the first writer holds the workspace lock while its hook sleeps
    second = start(root, *ISSUE, DVCLI_LOCK_WAIT="120")
    time.sleep(8)  # well past start-up and rendering: the issue is polling for the lock
    assert second.poll() is None, second.communicate()
    second.send_signal(signal.SIGTERM)
    stdout, stderr = second.communicate(timeout=120)
    assert (second.returncode, stdout) == (143, "")
    assert stderr.startswith("đã dừng theo yêu cầu (tín hiệu SIGTERM)")
    os.killpg(first.pid, signal.SIGINT)
    first.communicate(timeout=120)
    nothing_issued(root)
    counts["faults injected"] += 1


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_while_registering_a_signed_document(tmp_path: Path, counts: Counter[str], signum: int) -> None:
    """``issue register`` of a paper-signed scan: stopped in its commit (Ctrl-C) or not (SIGTERM)."""
    root = seeded_workspace(tmp_path / "ws")
    prepared = dvcli(root, "issue", "prepare", "--week", "2021-W38", **NOW)
    if prepared.returncode != 0:
        pytest.skip(f"issue prepare needs LibreOffice: {prepared.stderr}")
    pdf = next(line for line in prepared.stdout.splitlines() if line.endswith(".pdf"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes((root / pdf).read_bytes())
    started = tmp_path / "hook-started"
    script = root / ".git" / "hooks" / "pre-commit"
    script.write_text(f"#!/bin/sh\ntouch '{started}'\nsleep {20 if signum == signal.SIGINT else 1}\n",
                      encoding="utf-8")
    script.chmod(0o755)
    before = workspace_digest(root)
    process = start(root, "issue", "register", str(scan), "--paper")
    wait_for(started, process)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=120)
    if signum == signal.SIGINT:
        assert (process.returncode, stdout, stderr) == (130, "", f"đã dừng theo yêu cầu (Ctrl-C); {UNCHANGED}\n")
        assert workspace_digest(root) == before
        nothing_issued(root)
    else:
        assert process.returncode == 0, stderr
        assert "dừng theo yêu cầu" not in stderr and "Đã ban hành" in stderr
        assert git(root, "status", "--porcelain").stdout == ""
    counts["faults injected"] += 1
