"""(b) Two dvcli processes writing in one workspace at the same instant.

Either both writes land, or one process is refused with the clear "busy" (or "already
exists") message — never a torn file, a mixed file, an uncommitted leftover or a broken index.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import dvcli_env, git, member_ids, seeded_workspace

from dvcli import yamlio

# The reliability suite is long (real processes, kills, clones): CI runs it, the README command does not.
pytestmark = pytest.mark.slow

BUSY = "lỗi: dvcli đang ghi ở một tiến trình khác"
START = "2021-12-27"  # no seed assignment starts that day
EXISTS = "lỗi: đã có phân công"  # the second writer saw the file before taking the lock
RACED = "lỗi: tệp data/assignments/"  # … "vừa được tạo bởi một lệnh khác": it saw it only under the lock


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return seeded_workspace(tmp_path / "ws")


def start(root: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "dvcli", *args], cwd=root, env=dvcli_env(**env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _out, err = process.communicate(timeout=120)
    return process.returncode, err


def assert_whole(root: Path) -> None:
    """Every data file parses, everything written is committed, no temp file is left behind."""
    for path in (root / "data").rglob("*"):
        assert not path.name.endswith(".tmp"), path
        if path.suffix == ".yaml":
            yamlio.load(path)
    assert git(root, "status", "--porcelain", "--", "data").stdout == ""
    assert git(root, "fsck", "--full", "--strict", check=False).returncode == 0
    check = subprocess.run([sys.executable, "-m", "dvcli", "check"], cwd=root, env=dvcli_env(),
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("wait", ["3", "0"])
def test_two_writers_different_files(workspace: Path, wait: str, counts: Counter[str]) -> None:
    members = member_ids()
    landed = refused = 0
    for round_number in range(4):
        first, second = members[2 * round_number], members[2 * round_number + 1]
        processes = [start(workspace, "assign", member, "--task", "II.2", "--from", START,
                           DVCLI_LOCK_WAIT=wait) for member in (first, second)]
        for member, (code, err) in zip((first, second), map(finish, processes), strict=True):
            path = workspace / "data" / "assignments" / member / f"II.2_{START}.yaml"
            if code == 0:
                landed += 1
                assert yamlio.load(path)["member"] == member
                log = git(workspace, "log", "-1", "--format=%s", "--", path.relative_to(workspace).as_posix())
                assert log.stdout.strip() == f"phân công: {member} II.2 từ {START}"
            else:
                refused += 1
                assert (code, err.splitlines()[0].split(" (")[0]) == (1, BUSY), err
                assert "; chưa ghi gì" in err
                assert not path.exists()
        counts["concurrent writes"] += 2
    assert_whole(workspace)
    if wait == "3":
        assert refused == 0  # with the default wait, the second writer queues behind the first
    assert landed + refused == 8


def test_two_writers_same_file(workspace: Path, counts: Counter[str]) -> None:
    member = member_ids()[0]
    for round_number in range(3):
        start_date = f"2021-12-{27 + round_number}"
        processes = [start(workspace, "assign", member, "--task", "II.2", "--from", start_date,
                           "--note", f"ghi chú của người {n}") for n in (1, 2)]
        results = [finish(process) for process in processes]
        assert sorted(code for code, _err in results) == [0, 1], results
        loser = next(err for code, err in results if code == 1)
        assert loser.startswith((EXISTS, BUSY)) or (loser.startswith(RACED) and "vừa được tạo bởi một lệnh khác"
                                                     in loser), loser
        path = workspace / "data" / "assignments" / member / f"II.2_{start_date}.yaml"
        note = yamlio.load(path)["note"]
        assert note in ("ghi chú của người 1", "ghi chú của người 2")  # one whole version, never a mix
        counts["concurrent writes"] += 2
    assert_whole(workspace)


def test_two_reports_at_once(workspace: Path, tmp_path: Path, counts: Counter[str]) -> None:
    """Two members' reports at once both land; two versions of one report: exactly one is kept."""
    from reliability_support import report_path, report_text

    members = member_ids()
    sources = {}
    for member in members[:3]:
        for version in (1, 2):
            source = tmp_path / f"{member}-{version}.yaml"
            source.write_text(report_text(member, note=f"Bản {version}."), encoding="utf-8")
            sources[member, version] = source
    both = [start(workspace, "report", "new", member, "--week", "2021-W40", "--from-file",
                  str(sources[member, 1])) for member in members[:2]]
    assert [finish(process)[0] for process in both] == [0, 0]
    same = [start(workspace, "report", "new", members[2], "--week", "2021-W40", "--from-file",
                  str(sources[members[2], version])) for version in (1, 2)]
    results = [finish(process) for process in same]
    assert sorted(code for code, _err in results) == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert loser.startswith((f"lỗi: đã có báo cáo {members[2]} 2021-W40", BUSY)), loser
    kept = yamlio.load(workspace / report_path(members[2]))["situation"]["overview"]
    assert kept.endswith(("Bản 1.", "Bản 2."))
    counts["concurrent writes"] += 4
    assert_whole(workspace)
