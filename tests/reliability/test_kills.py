"""(c) dvcli killed with SIGKILL at many points while writing and committing a report.

Afterwards: only whole files exist (every YAML parses), ``dvcli check`` passes or names the
leftover precisely, ``git fsck`` is clean, the next command works (a stale dvcli lock is
cleared; git's own index.lock is named with what to do), and the report is not lost.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import dvcli, dvcli_env, git, member_ids, report_path, report_text, seeded_workspace

from dvcli import yamlio
from seeding import SEED

# The reliability suite is long (real processes, kills, clones): CI runs it, the README command does not.
pytestmark = pytest.mark.slow

DRIVER = Path(__file__).with_name("kill_driver.py")
# Precise kill points (kill_driver.py): each a moment of the write path.
STEPS = [("lock-empty", None), ("locked", None), ("temp-written", None), ("linked", None),
         ("before-commit", None), ("committed", None)]
STEPS += [(step, delay) for step in ("during-add", "during-commit") for delay in ("0.001", "0.004", "0.015", "0.04")]
RANDOM_KILLS = 16


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_workspace(tmp_path_factory.mktemp("kills") / "ws")


def targets() -> list[tuple[str, str]]:
    members = member_ids()
    return [(members[i % len(members)], f"2021-W{40 + i // len(members):02d}") for i in range(60)]


def source_for(root: Path, member: str, week: str) -> Path:
    source = root.parent / f"{member}-{week}.yaml"
    source.write_text(report_text(member, week, note=f"Báo cáo {member} {week}."), encoding="utf-8")
    return source


def report_args(member: str, week: str, source: Path) -> list[str]:
    return ["report", "new", member, "--week", week, "--from-file", str(source)]


def git_locks(root: Path) -> list[Path]:
    """Lock files git refuses to work past (its per-process next-index-PID.lock leftovers are inert)."""
    return sorted(path for path in (root / ".git").rglob("*.lock") if not path.name.startswith("next-index-"))


def recover(root: Path, member: str, week: str, source: Path, counts: Counter[str]) -> None:
    """What a user does after the crash, asserting each step's promise."""
    for path in (root / "data").rglob("*.yaml"):
        yamlio.load(path)  # only whole files: every YAML parses
    assert git(root, "fsck", "--full", "--strict", check=False).returncode == 0
    check = dvcli(root, "check")
    if check.returncode != 0:
        problems = [line for line in check.stderr.splitlines() if not line.startswith("  ")]
        assert problems and all(line.endswith(": tệp tạm còn sót lại do một lệnh dvcli bị dừng giữa chừng")
                                for line in problems), check.stderr
        for leftover in re.findall(r"rm '([^']+)'", check.stderr):
            (root / leftover).unlink()
            counts["leftovers named"] += 1
        assert dvcli(root, "check").returncode == 0
    locks = git_locks(root)
    while locks:  # git itself was killed mid-write: the next write names its lock, one at a time
        day = dt.date(2021, 12, 1) + dt.timedelta(days=counts["git locks named"])  # no seed assignment then
        blocked = dvcli(root, "assign", member, "--task", "II.2", "--from", day.isoformat())
        assert blocked.returncode == 1
        named = re.search(r"kho git đang bị khoá: còn tệp (\S+) ", blocked.stderr)
        assert named and Path(named[1]) in locks, blocked.stderr
        Path(named[1]).unlink()  # as the hint says: no git process is running
        counts["git locks named"] += 1
        locks = git_locks(root)
    if git(root, "status", "--porcelain", "--", "data/assignments").stdout:
        git(root, "add", "data/assignments")
        git(root, "commit", "--quiet", "-m", "phân công", "--", "data/assignments")
    again = dvcli(root, *report_args(member, week, source))
    if again.returncode != 0:
        assert again.stderr.startswith(f"lỗi: đã có báo cáo {member} {week}"), again.stderr
    relative = report_path(member, week)
    if git(root, "status", "--porcelain", "--", relative).stdout:  # saved, not committed: finish by hand
        git(root, "add", relative)
        git(root, "commit", "--quiet", "-m", f"báo cáo: {member} {week}", "--", relative)
        counts["commits finished by hand"] += 1
    saved = yamlio.load(root / relative)
    assert saved["situation"]["overview"].endswith(f"Báo cáo {member} {week}.")
    assert git(root, "ls-files", "--error-unmatch", relative, check=False).returncode == 0
    assert git(root, "status", "--porcelain", "--", "data").stdout == ""


def test_kill_points(workspace: Path, counts: Counter[str]) -> None:
    todo = targets()
    for (step, delay), (member, week) in zip(STEPS, todo, strict=False):
        source = source_for(workspace, member, week)
        env = dvcli_env(**({"KILL_DELAY": delay} if delay else {}))
        process = subprocess.run([sys.executable, str(DRIVER), step, "--", *report_args(member, week, source)],
                                 cwd=workspace, env=env, capture_output=True, text=True, timeout=120,
                                 start_new_session=True, check=False)
        assert process.returncode == -signal.SIGKILL, (step, process.stderr)
        recover(workspace, member, week, source, counts)
        counts["kills survived"] += 1


def test_random_kills(workspace: Path, counts: Counter[str]) -> None:
    todo = targets()[len(STEPS):]
    seed = int(os.environ.get("DVCLI_KILL_SEED") or SEED)  # the session seed unless this test's own is given
    chance = random.Random(seed)
    sys.stdout.write(f"\nrandom kills: seed {seed} (DVCLI_TEST_SEED={seed} repeats this run)\n")
    # how long one write takes here: kills are spread over that span
    member, week = todo.pop()
    began = time.monotonic()
    assert dvcli(workspace, *report_args(member, week, source_for(workspace, member, week))).returncode == 0
    span = time.monotonic() - began
    killed = 0
    for member, week in todo[:RANDOM_KILLS]:
        source = source_for(workspace, member, week)
        process = subprocess.Popen([sys.executable, "-m", "dvcli", *report_args(member, week, source)],
                                   cwd=workspace, env=dvcli_env(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(chance.uniform(0.3 * span, 1.1 * span))  # start-up writes nothing
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # dvcli and any git child: a power cut
            killed += 1
        process.wait(timeout=60)
        recover(workspace, member, week, source, counts)
    counts["kills survived"] += killed
    sys.stdout.write(f"random kills: {killed} of {RANDOM_KILLS} runs killed mid-way\n")
