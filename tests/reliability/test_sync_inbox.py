"""The shared repository's inbox: a sync that keeps losing the race deposits, the next sync puts it on main."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import git_http
import pytest
from reliability_support import Shared, dvcli, dvcli_env, git

from dvcli import gitremote
from dvcli.services import sync as service
from dvcli.workspace import Workspace


def commit_file(clone: Path, relative: str, text: str) -> str:
    path = clone / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    git(clone, "add", relative)
    git(clone, "commit", "--quiet", "-m", f"add {relative}")
    return git(clone, "rev-parse", "HEAD").stdout.strip()


def inbox(shared: Shared) -> list[str]:
    return git(shared.bare, "for-each-ref", "--format=%(refname)", "refs/dvcli/inbox/").stdout.split()


def lose_every_race(monkeypatch: pytest.MonkeyPatch, rival: Path, counter: list[int]) -> None:
    """Each fetch of ours is followed by a push of ``rival``'s next commit: our push always races."""
    real_fetch = gitremote.fetch

    def racing_fetch(root: Path, remote: str, url: str, ref: str, limits: gitremote.Limits, *also: str) -> str | None:
        fetched = real_fetch(root, remote, url, ref, limits, *also)
        counter.append(1)
        commit_file(rival, f"data/reports/2021/W40/rival-{len(counter)}.yaml", f"{len(counter)}\n")
        git(rival, "push", "--quiet", "origin", "main")
        return fetched

    monkeypatch.setattr(gitremote, "fetch", racing_fetch)


def test_a_sync_that_keeps_losing_deposits_and_the_next_sync_lands_it(
        shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    a, rival, secretary = shared.clone("a"), shared.clone("rival"), shared.clone("thu-ky")
    mine = commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    counter: list[int] = []
    with monkeypatch.context() as patched:
        lose_every_race(patched, rival, counter)
        result = service.sync(Workspace(a), retries=1, sleep=lambda _s: None)
    assert len(counter) == 2  # two pushes raced, then the deposit
    assert result.deposited is not None and result.deposited.startswith("refs/dvcli/inbox/")
    assert (result.sent_commits, result.sent_files) == (1, ["data/reports/2021/W40/a.yaml"])
    assert inbox(shared) == [result.deposited]
    assert "data/reports/2021/W40/a.yaml" not in shared.files()
    # anyone's next sync — here the secretary's, who has nothing of their own — puts it on main
    done = dvcli(secretary, "sync")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("Đã nhận 3 commit (3 tệp) từ origin/main.\n"
                           "Đã đưa 1 bài nộp đang chờ trong hộp chờ lên origin/main.\n")
    assert "data/reports/2021/W40/a.yaml" in shared.files()
    assert inbox(shared) == []
    assert git(shared.bare, "rev-list", "--merges", "--count", "main").stdout.strip() == "0"
    landed = git(shared.bare, "log", "-1", "--format=%an %ae|%cn|%s", "main", "--",
                 "data/reports/2021/W40/a.yaml").stdout.strip()
    assert landed == "a a@example.org|a|add data/reports/2021/W40/a.yaml"  # author, committer, message kept
    shared.fsck()
    # the member's own next sync sees its report on main and has nothing left to send
    again = dvcli(a, "sync", "--format", "json")
    assert again.returncode == 0
    assert '"sent": {\n    "commits": 0' in again.stdout
    assert git(a, "rev-parse", "HEAD").stdout.strip() == git(shared.bare, "rev-parse", "main").stdout.strip()
    assert mine not in git(shared.bare, "rev-list", "main").stdout  # replayed, as a rebase would


def test_the_deposit_message(shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from dvcli.cli.app import app

    a, rival = shared.clone("a"), shared.clone("rival")
    commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    lose_every_race(monkeypatch, rival, [])
    monkeypatch.setattr("time.sleep", lambda _s: None)
    result = CliRunner().invoke(app, ["--data", str(a), "sync", "--retries", "0"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Kho chung đang bận (nhiều người gửi cùng lúc): đã để 1 commit (1 tệp) trong hộp chờ của kho chung; chúng "
        "sẽ vào origin/main ở lần đồng bộ tiếp theo của bất kỳ ai (thư ký chạy dvcli sync là đủ).\n")


def test_a_submission_that_conflicts_stays_for_its_member(shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    a, rival, secretary = shared.clone("a"), shared.clone("rival"), shared.clone("thu-ky")
    commit_file(a, "data/members.yaml", "# a\n")
    with monkeypatch.context() as patched:
        lose_every_race(patched, rival, [])
        deposited = service.sync(Workspace(a), retries=0, sleep=lambda _s: None).deposited
    git(secretary, "pull", "--quiet", "--rebase")
    commit_file(secretary, "data/members.yaml", "# thư ký\n")
    git(secretary, "push", "--quiet")  # the roster moves on on main (plain git, not through the inbox)
    other = shared.clone("b")
    done = dvcli(other, "sync")
    assert (done.returncode, done.stdout) == (0, "Đã đồng bộ với origin/main: không có gì mới.\n")
    # a's commit no longer applies: the inbox keeps it, main keeps the secretary's roster
    assert inbox(shared) == [deposited]
    assert git(shared.bare, "show", "main:data/members.yaml").stdout == "# thư ký\n"
    # a's own sync meets the conflict in a's work tree, with the usual way out
    code = dvcli(a, "sync")
    assert code.returncode == 1
    assert "xung đột khi gộp với origin/main: data/members.yaml đã bị sửa ở cả hai nơi" in code.stderr


def test_odd_file_names_survive_the_replay(shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    a, rival, secretary = shared.clone("a"), shared.clone("rival"), shared.clone("thu-ky")
    odd = 'data/ghi chú "mới"\\tab.txt'
    commit_file(a, odd, "nội dung\n")
    git(a, "rm", "--quiet", "data/README.md")
    git(a, "commit", "--quiet", "-m", "bỏ README")
    with monkeypatch.context() as patched:
        lose_every_race(patched, rival, [])
        service.sync(Workspace(a), retries=0, sleep=lambda _s: None)
    assert dvcli(secretary, "sync").returncode == 0
    files = shared.files()
    assert odd in git(shared.bare, "ls-tree", "-r", "-z", "--name-only", "main").stdout.split("\0")
    assert "data/README.md" not in files
    assert git(shared.bare, "show", f"main:{odd}").stdout == "nội dung\n"
    assert git(shared.bare, "log", "--format=%s", "-2", "main").stdout.split("\n")[:2] == [
        "bỏ README", f"add {odd}"]


@pytest.mark.slow
def test_twenty_clones_over_http_all_land(shared: Shared, counts: Counter[str]) -> None:
    """20 clones syncing at the same instant over smart HTTP: every sync succeeds, every report lands."""
    names = [f"w{index:02d}" for index in range(20)]
    with git_http.serve(shared.base, {name: "mk" for name in [*names, "thu-ky"]}) as server:
        clones = {}
        for name in names:
            clone = shared.clone(name)
            git(clone, "remote", "set-url", "origin", server.url("shared.git", name))
            commit_file(clone, f"data/reports/2021/W40/{name}.yaml", f"{name}\n")
            clones[name] = clone
        processes = {name: subprocess.Popen([sys.executable, "-m", "dvcli", "sync"], cwd=clone, env=dvcli_env(),
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for name, clone in clones.items()}
        outcomes = {name: (process.wait(timeout=600), *process.communicate()) for name, process in processes.items()}
        assert {name: outcome for name, outcome in outcomes.items() if outcome[0] != 0} == {}
        secretary = shared.clone("thu-ky")
        git(secretary, "remote", "set-url", "origin", server.url("shared.git", "thu-ky"))
        assert dvcli(secretary, "sync").returncode == 0
    expected = {f"data/reports/2021/W40/{name}.yaml" for name in names}
    lost = expected - set(shared.files())
    counts["lost"] += len(lost)
    counts["clones synced"] += len(names)
    assert not lost
    assert inbox(shared) == []
    assert git(shared.bare, "rev-list", "--count", "main").stdout.strip() == "21"
    assert git(shared.bare, "rev-list", "--merges", "--count", "main").stdout.strip() == "0"
    for name in names:  # each report still says who wrote it
        author = git(shared.bare, "log", "-1", "--format=%an", "main", "--",
                     f"data/reports/2021/W40/{name}.yaml").stdout.strip()
        assert author == name
    shared.fsck()
