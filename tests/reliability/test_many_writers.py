"""(a) Eleven members, eleven clones, one shared repository, everyone syncing at the same instant."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest
from reliability_support import Shared, dvcli_env, git, member_ids, record_report, report_path

# The reliability suite is long (real processes, kills, clones): CI runs it, the README command does not.
pytestmark = pytest.mark.slow


def test_eleven_clones_sync_at_once(shared: Shared, counts: Counter[str]) -> None:
    members = member_ids()
    assert len(members) == 11
    clones = {member: shared.clone(member) for member in members}
    for member, clone in clones.items():
        recorded = record_report(clone, member)
        assert recorded.returncode == 0, recorded.stderr
    # start every sync together: all processes are spawned before any is waited for
    processes = {
        member: subprocess.Popen([sys.executable, "-m", "dvcli", "sync"], cwd=clone, env=dvcli_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for member, clone in clones.items()
    }
    outcomes = {member: (process.wait(timeout=180), *process.communicate()) for member, process in processes.items()}
    failed = {member: outcome for member, outcome in outcomes.items() if outcome[0] != 0}
    assert not failed, failed
    # whoever lost every race left their report in the inbox; the secretary's sync puts it on main
    secretary = shared.clone("thu-ky-tong-hop")
    assert subprocess.run([sys.executable, "-m", "dvcli", "sync"], cwd=secretary, env=dvcli_env(),
                          capture_output=True, check=False).returncode == 0
    assert git(shared.bare, "for-each-ref", "refs/dvcli/inbox/").stdout == ""
    on_shared = set(shared.files())
    expected = {report_path(member) for member in members}
    lost = expected - on_shared
    counts["lost"] += len(lost)
    assert not lost
    shared.fsck()
    # one commit per report on top of the seed, no merges: history stays a readable line
    assert git(shared.bare, "rev-list", "--count", "main").stdout.strip() == "12"
    assert git(shared.bare, "rev-list", "--merges", "--count", "main").stdout.strip() == "0"
    # each report was written by its own member (the audit trail survived the rebases)
    for member in members:
        author = git(shared.bare, "log", "-1", "--format=%an", "main", "--", report_path(member)).stdout.strip()
        assert author == member
    # a last sync brings every clone up to date with everyone's report
    for clone in clones.values():
        assert subprocess.run([sys.executable, "-m", "dvcli", "sync"], cwd=clone, env=dvcli_env(),
                              capture_output=True, check=False).returncode == 0
        assert {report_path(member) for member in members} <= set(
            git(clone, "ls-files").stdout.split())
    counts["clones synced"] += len(members)
    attempts = [int(m.group(1)) if (m := re.search(r"đã thử (\d+) lần", stdout)) else 1
                for _code, stdout, _err in outcomes.values()]
    deposited = sum("hộp chờ của kho chung" in stdout for _code, stdout, _err in outcomes.values())
    sys.stdout.write(f"\n11 clones synced at once; pushes per clone: {sorted(attempts)}; {deposited} deposited\n")
