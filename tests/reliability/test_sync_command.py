"""``dvcli sync``: every outcome and every message, against real repositories."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import Shared, git
from typer.testing import CliRunner

from dvcli import gitremote
from dvcli.cli.app import app
from dvcli.services import sync as service
from dvcli.workspace import Workspace

# The reliability suite is long (real processes, kills, clones): CI runs it, the README command does not.
pytestmark = pytest.mark.slow

runner = CliRunner()


def sync(clone: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(clone), "sync", *args])
    return result.exit_code, result.stdout, result.stderr


def commit_file(clone: Path, relative: str, text: str) -> None:
    path = clone / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    git(clone, "add", relative)
    git(clone, "commit", "--quiet", "-m", f"add {relative}")


def head(clone: Path) -> str:
    return git(clone, "rev-parse", "HEAD").stdout.strip()


def test_nothing_new(shared: Shared) -> None:
    a = shared.clone("a")
    assert sync(a) == (0, "Đã đồng bộ với origin/main: không có gì mới.\n", "")


def test_receives_and_sends_with_counts(shared: Shared) -> None:
    a, b = shared.clone("a"), shared.clone("b")
    commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    commit_file(a, "data/reports/2021/W40/a2.yaml", "a2\n")
    assert sync(a) == (0, "Đã gửi 2 commit (2 tệp) lên origin/main.\n", "")
    commit_file(b, "data/reports/2021/W40/b.yaml", "b\n")
    code, stdout, stderr = sync(b)
    assert (code, stdout, stderr) == (
        0, "Đã nhận 2 commit (2 tệp) từ origin/main.\nĐã gửi 1 commit (1 tệp) lên origin/main.\n", "")
    assert sorted(f for f in shared.files() if "/reports/2021/W40/" in f) == [
        "data/reports/2021/W40/a.yaml", "data/reports/2021/W40/a2.yaml", "data/reports/2021/W40/b.yaml"]
    # linear history: b's commit was replayed on top of a's, no merge commit
    assert git(shared.bare, "rev-list", "--merges", "--count", "main").stdout.strip() == "0"


def test_json_lists_the_files(shared: Shared) -> None:
    a = shared.clone("a")
    commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    code, stdout, _ = sync(a, "--format", "json")
    assert code == 0
    assert '"files": [\n      "data/reports/2021/W40/a.yaml"\n    ]' in stdout
    assert '"attempts": 1' in stdout


def test_not_a_repository(tmp_path: Path) -> None:
    import shutil

    from reliability_support import DATA
    shutil.copytree(DATA, tmp_path / "data")
    code, stdout, stderr = sync(tmp_path)
    assert code == 1 and stdout == ""
    assert stderr == (f"lỗi: {tmp_path} không phải là một kho git\n"
                      "  gợi ý: tạo kho bằng git init rồi git remote add origin ĐỊA_CHỈ, hoặc git clone kho chung\n")


def test_no_upstream_says_how_to_set_one(shared: Shared) -> None:
    a = shared.clone("a")
    git(a, "switch", "--quiet", "-c", "nhap")
    code, stdout, stderr = sync(a)
    assert code == 1
    assert stderr == ("lỗi: nhánh nhap chưa có nhánh theo dõi (upstream) ở kho chung\n"
                      "  gợi ý: đặt một lần bằng: git push -u origin nhap  "
                      "(hoặc git branch --set-upstream-to=origin/nhap)\n")


def test_detached_head(shared: Shared) -> None:
    a = shared.clone("a")
    git(a, "checkout", "--quiet", "--detach")
    code, _, stderr = sync(a)
    assert code == 1
    assert stderr.startswith("lỗi: kho đang ở trạng thái HEAD tách rời (detached HEAD)")
    assert "git switch main" in stderr


def test_uncommitted_changes_refused_then_autostash(shared: Shared) -> None:
    a, b = shared.clone("a"), shared.clone("b")
    commit_file(b, "data/reports/2021/W40/b.yaml", "b\n")
    assert sync(b)[0] == 0
    members = a / "data" / "members.yaml"
    edited = members.read_text(encoding="utf-8") + "# đang sửa\n"
    members.write_text(edited, encoding="utf-8")
    before = head(a)
    code, stdout, stderr = sync(a)
    assert (code, stdout) == (1, "")
    assert stderr == ("lỗi: có thay đổi chưa ghi (commit) ở 1 tệp: data/members.yaml\n"
                      "  gợi ý: ghi lại bằng git commit, hoặc chạy: dvcli sync --autostash "
                      "(tạm cất thay đổi rồi trả lại sau)\n")
    assert head(a) == before
    assert sync(a, "--autostash") == (
        0, "Đã nhận 1 commit (1 tệp) từ origin/main.\n",
        "chú ý: 1 tệp dữ liệu chưa được ghi vào git nên chưa được gửi: data/members.yaml\n"
        "  gợi ý: ghi lại bằng: git add TỆP && git commit, rồi chạy lại: dvcli sync\n")
    assert members.read_text(encoding="utf-8") == edited  # the edit is back, still uncommitted
    assert (a / "data/reports/2021/W40/b.yaml").read_text(encoding="utf-8") == "b\n"


def test_saved_but_uncommitted_data_files_are_named(shared: Shared) -> None:
    """A report saved with --no-commit (or left by a killed commit) does not block sync, and is named."""
    a = shared.clone("a")
    (a / "data" / "reports" / "2021" / "W40").mkdir(parents=True)
    (a / "data" / "reports" / "2021" / "W40" / "a.yaml").write_text("a\n", encoding="utf-8")
    (a / "ghi-chu.txt").write_text("ngoài data/\n", encoding="utf-8")
    assert sync(a) == (0, "Đã đồng bộ với origin/main: không có gì mới.\n",
                       "chú ý: 1 tệp dữ liệu chưa được ghi vào git nên chưa được gửi: data/reports/2021/W40/a.yaml\n"
                       "  gợi ý: ghi lại bằng: git add TỆP && git commit, rồi chạy lại: dvcli sync\n")


def test_conflict_stops_mid_rebase_with_instructions(shared: Shared) -> None:
    a, b = shared.clone("a"), shared.clone("b")
    commit_file(a, "data/members.yaml", "# a\n")
    assert sync(a)[0] == 0
    commit_file(b, "data/members.yaml", "# b\n")
    mine = head(b)
    code, stdout, stderr = sync(b)
    assert (code, stdout) == (1, "")
    assert stderr == (
        "lỗi: xung đột khi gộp với origin/main: data/members.yaml đã bị sửa ở cả hai nơi; "
        "kho đang dừng giữa chừng (rebase)\n"
        "  gợi ý: xem git status; sửa các tệp xung đột, git add TỆP rồi git rebase --continue và chạy lại "
        "dvcli sync; hoặc git rebase --abort để trở lại như trước khi đồng bộ\n")
    assert "rebase in progress" in git(b, "status").stdout
    # a second sync refuses to pile on
    code, _, stderr = sync(b)
    assert code == 1 and stderr.startswith("lỗi: kho đang dở một lần gộp (rebase/merge) trước đó\n")
    # the way out the message names works, and nothing was lost
    git(b, "rebase", "--abort")
    assert head(b) == mine
    # resolving and continuing works too
    assert sync(b)[0] == 1  # the same conflict again
    (b / "data/members.yaml").write_text("# a\n# b\n", encoding="utf-8")
    git(b, "add", "data/members.yaml")
    git(b, "-c", "core.editor=true", "rebase", "--continue")
    assert sync(b) == (0, "Đã gửi 1 commit (1 tệp) lên origin/main.\n", "")
    assert git(shared.bare, "show", "main:data/members.yaml").stdout == "# a\n# b\n"


def test_offline_keeps_local_commits(shared: Shared) -> None:
    a = shared.clone("a")
    commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    before = head(a)
    missing = shared.base / "gone.git"
    git(a, "remote", "set-url", "origin", str(missing))
    code, stdout, stderr = sync(a)
    assert (code, stdout) == (1, "")
    assert stderr == (f"lỗi: không kết nối được kho chung origin ({missing}): fatal: '{missing}' "
                      "does not appear to be a git repository\n"
                      "  gợi ý: các commit của bạn vẫn an toàn trong máy; kiểm tra mạng rồi chạy lại: dvcli sync\n")
    assert head(a) == before
    assert git(a, "status", "--porcelain").stdout == ""


def test_unreachable_host(shared: Shared) -> None:
    a = shared.clone("a")
    git(a, "remote", "set-url", "origin", "http://127.0.0.1:9/shared.git")
    code, _, stderr = sync(a)
    assert code == 1
    assert stderr.startswith("lỗi: không kết nối được kho chung origin (http://127.0.0.1:9/shared.git): "
                             "fatal: unable to access")


def test_push_refused_by_hook_is_not_retried(shared: Shared) -> None:
    a = shared.clone("a")
    hook = shared.bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'nhánh main được bảo vệ' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    short = head(a)[:10]
    code, _, stderr = sync(a)
    assert code == 1
    assert stderr == (f"lỗi: kho chung origin/main từ chối nhận commit {short} «add data/reports/2021/W40/a.yaml»: "
                      "[remote rejected] (pre-receive hook declined); nhánh main được bảo vệ\n"
                      "  gợi ý: các commit của bạn vẫn an toàn trong máy; để gác commit này sang một bên (giữ lại ở "
                      f"nhánh gac-lai/{short}) và gửi các commit sau nó: dvcli sync --set-aside {short}; hoặc hỏi "
                      "người quản lý kho chung (quyền ghi, nhánh được bảo vệ, hook kiểm tra)\n")


def test_raced_push_is_retried(shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another writer pushes between our fetch and our push: we fetch, rebase and push again."""
    a, b = shared.clone("a"), shared.clone("b")
    commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    commit_file(b, "data/reports/2021/W40/b.yaml", "b\n")
    real_fetch = gitremote.fetch
    calls: list[int] = []

    def racing_fetch(root: Path, remote: str, url: str, ref: str, limits: gitremote.Limits, *also: str) -> str | None:
        fetched = real_fetch(root, remote, url, ref, limits, *also)
        if not calls:
            git(b, "push", "--quiet", "origin", "main")
        calls.append(1)
        return fetched

    monkeypatch.setattr(gitremote, "fetch", racing_fetch)
    pauses: list[float] = []
    result = service.sync(Workspace(a), sleep=pauses.append)
    assert (result.attempts, result.received_commits, result.sent_commits) == (2, 1, 1)
    assert len(pauses) == 1 and 0 <= pauses[0] <= 0.05
    assert {"data/reports/2021/W40/a.yaml", "data/reports/2021/W40/b.yaml"} <= set(shared.files())


def test_gives_up_after_bounded_retries(shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    a = shared.clone("a")
    commit_file(a, "data/reports/2021/W40/a.yaml", "a\n")
    monkeypatch.setattr(gitremote, "push", lambda *args, **kwargs: False)
    pauses: list[float] = []
    with pytest.raises(service.ConflictError) as caught:
        service.sync(Workspace(a), retries=3, sleep=pauses.append)
    assert caught.value.message == ("kho chung origin/main liên tục nhận ghi từ người khác; "
                                    "đã thử gửi 4 lần không thành công")
    assert len(pauses) == 3 and all(0 <= p <= 1.0 for p in pauses)
