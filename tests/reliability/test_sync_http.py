"""``dvcli sync`` against a real server: git's smart HTTP on 127.0.0.1, basic auth, a policy hook.

The server is ``git http-backend`` behind a small HTTP server started by the test
(``git_http.py``); the pre-receive hook is the kind a real shared repository has: only the
secretary may change the roster.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import git_http
import pytest
from reliability_support import Shared, dvcli, git, identify, record_report, report_path

PASSWORDS = {"an": "mat-khau-cua-an", "thu-ky": "mat-khau-thu-ky"}

POLICY_HOOK = """#!/bin/sh
# Only the secretary may change the roster.
zero=0000000000000000000000000000000000000000
while read old new ref; do
  [ "$REMOTE_USER" = thu-ky ] && continue
  [ "$new" = "$zero" ] && continue
  if [ "$old" = "$zero" ]; then range="$new --not --all"; else range="$old..$new"; fi
  if git log --format= --name-only $range | grep -qx data/members.yaml; then
    echo "chính sách: chỉ thư ký được sửa data/members.yaml" >&2
    exit 1
  fi
done
"""


@pytest.fixture
def server(shared: Shared) -> Iterator[git_http.GitHttp]:
    hook = shared.bare / "hooks" / "pre-receive"
    hook.write_text(POLICY_HOOK, encoding="utf-8")
    hook.chmod(0o755)
    with git_http.serve(shared.base, PASSWORDS) as running:
        yield running


def http_clone(shared: Shared, server: git_http.GitHttp, name: str, user: str = "an",
               password: str | None = None) -> Path:
    path = shared.base / name
    git(shared.base, "clone", "--quiet", server.url("shared.git", user, password), str(path))
    identify(path, name)
    return path


def head(clone: Path) -> str:
    return git(clone, "rev-parse", "HEAD").stdout.strip()


def commit_file(clone: Path, relative: str, text: str, message: str) -> str:
    path = clone / relative
    path.write_text(text, encoding="utf-8")
    git(clone, "add", relative)
    git(clone, "commit", "--quiet", "-m", message)
    return head(clone)[:10]


# --- a password in the remote URL ------------------------------------------------------------

def test_password_in_the_url_is_never_printed(shared: Shared, server: git_http.GitHttp) -> None:
    a = http_clone(shared, server, "a")
    secret = PASSWORDS["an"]
    shown = f"http://an:***@127.0.0.1:{server.port}/missing.git"
    git(a, "remote", "set-url", "origin", server.url("missing.git", "an"))
    vi = dvcli(a, "sync")
    assert (vi.returncode, vi.stdout) == (1, "")
    assert vi.stderr == (f"lỗi: không kết nối được kho chung origin ({shown}): fatal: repository "
                         f"'http://127.0.0.1:{server.port}/missing.git/' not found\n"
                         "  gợi ý: các commit của bạn vẫn an toàn trong máy; kiểm tra mạng rồi chạy lại: dvcli sync\n")
    en = dvcli(a, "--lang", "en", "sync")
    assert en.returncode == 1
    assert en.stderr.startswith(f"error: cannot connect to the shared repository origin ({shown}): ")
    # the URL itself as the remote (no remote name): redacted in the name as well
    git(a, "config", "branch.main.remote", server.url("missing.git", "an"))
    named = dvcli(a, "sync")
    assert named.returncode == 1 and secret not in named.stderr and shown in named.stderr
    for process in (vi, en, named):
        assert secret not in process.stdout + process.stderr


def test_json_and_success_messages_hide_the_password(shared: Shared, server: git_http.GitHttp) -> None:
    a = http_clone(shared, server, "a")
    assert record_report(a, "vy-tu-lieu").returncode == 0
    done = dvcli(a, "sync", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["remote"] == f"http://an:***@127.0.0.1:{server.port}/shared.git"
    assert PASSWORDS["an"] not in done.stdout + done.stderr


# --- wrong passwords and stored credentials --------------------------------------------------

def credential_home(base: Path, port: int, password: str) -> Path:
    """A HOME whose git stores the password of ``an`` with the ``store`` helper."""
    home = base / "home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text("[credential]\n\thelper = store\n", encoding="utf-8")
    (home / ".git-credentials").write_text(f"http://an:{password}@127.0.0.1%3a{port}\n", encoding="utf-8")
    return home


def test_wrong_password_in_the_url_gets_an_authentication_hint(shared: Shared, server: git_http.GitHttp) -> None:
    a = http_clone(shared, server, "a")
    home = credential_home(shared.base, server.port, PASSWORDS["an"])
    git(a, "remote", "set-url", "origin", server.url("shared.git", "an", "sai-mat-khau"))
    before = head(a)
    failed = dvcli(a, "sync", HOME=str(home))
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr == (
        f"lỗi: kho chung origin (http://an:***@127.0.0.1:{server.port}/shared.git) không chấp nhận tên đăng nhập "
        f"hoặc mật khẩu: fatal: Authentication failed for 'http://127.0.0.1:{server.port}/shared.git/'\n"
        "  gợi ý: các commit của bạn vẫn an toàn trong máy; hỏi người quản lý kho chung tên đăng nhập và mật khẩu "
        "đúng. Git đã xoá mật khẩu sai nó lưu cho địa chỉ này (nếu có) và sẽ hỏi lại ở lần chạy sau; nếu mật khẩu "
        "nằm trong địa chỉ kho, sửa bằng: git remote set-url origin ĐỊA_CHỈ_MỚI\n")
    assert "sai-mat-khau" not in failed.stderr
    assert head(a) == before
    # the member's good stored password survives a wrong one in the URL (plain git erases it)
    assert (home / ".git-credentials").read_text(encoding="utf-8") == (
        f"http://an:{PASSWORDS['an']}@127.0.0.1%3a{server.port}\n")
    # and with the URL fixed (no password in it) the stored one is used again
    git(a, "remote", "set-url", "origin", server.url("shared.git") .replace("http://", "http://an@"))
    assert dvcli(a, "sync", HOME=str(home)).returncode == 0


def test_a_right_password_in_the_url_is_not_copied_into_the_store(shared: Shared, server: git_http.GitHttp) -> None:
    a = http_clone(shared, server, "a")
    home = shared.base / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[credential]\n\thelper = store\n", encoding="utf-8")
    assert record_report(a, "vy-tu-lieu").returncode == 0
    assert dvcli(a, "sync", HOME=str(home)).returncode == 0
    assert not (home / ".git-credentials").exists()


def test_a_wrong_stored_password_is_named_and_erased_by_git(shared: Shared, server: git_http.GitHttp) -> None:
    a = http_clone(shared, server, "a")
    git(a, "remote", "set-url", "origin", server.url("shared.git").replace("http://", "http://an@"))
    home = credential_home(shared.base, server.port, "mat-khau-cu")
    failed = dvcli(a, "sync", HOME=str(home))
    assert failed.returncode == 1
    assert failed.stderr.startswith(
        f"lỗi: kho chung origin (http://an@127.0.0.1:{server.port}/shared.git) không chấp nhận tên đăng nhập")
    assert "Git đã xoá mật khẩu sai nó lưu cho địa chỉ này" in failed.stderr
    assert "mat-khau-cu" not in (home / ".git-credentials").read_text(encoding="utf-8")
    # a server that is down is not an authentication failure: a stored password is never dropped for it
    (home / ".git-credentials").write_text(f"http://an:{PASSWORDS['an']}@127.0.0.1%3a9\n", encoding="utf-8")
    git(a, "remote", "set-url", "origin", "http://an@127.0.0.1:9/shared.git")
    down = dvcli(a, "sync", HOME=str(home))
    assert down.returncode == 1 and "kiểm tra mạng" in down.stderr
    assert (home / ".git-credentials").read_text(encoding="utf-8") == f"http://an:{PASSWORDS['an']}@127.0.0.1%3a9\n"


# --- a server that never answers ------------------------------------------------------------

def test_a_server_that_never_answers_does_not_hang_sync(shared: Shared) -> None:
    a = shared.clone("a")
    with git_http.silent_server() as url:
        git(a, "remote", "set-url", "origin", url)
        try:
            stopped = dvcli(a, "sync", "--timeout", "2", timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("dvcli sync hung on a server that never answers")
    assert (stopped.returncode, stopped.stdout) == (1, "")
    assert stopped.stderr == (
        f"lỗi: kho chung origin ({url}) không trả lời sau 2 giây\n"
        "  gợi ý: các commit của bạn vẫn an toàn trong máy; kiểm tra mạng hoặc hỏi người quản lý kho chung xem "
        "máy chủ có đang chạy không, rồi chạy lại: dvcli sync (mạng chậm: dvcli sync --timeout 600)\n")


def test_the_overall_timeout_kills_a_transport_that_trickles(shared: Shared, tmp_path: Path) -> None:
    """A transport that is not HTTP (here an ssh stand-in that never ends) is killed after --timeout."""
    a = shared.clone("a")
    fake_ssh = tmp_path / "slow-ssh"
    fake_ssh.write_text("#!/bin/sh\nwhile :; do sleep 1; done\n", encoding="utf-8")
    fake_ssh.chmod(0o755)
    git(a, "remote", "set-url", "origin", "ssh://git@127.0.0.1/shared.git")
    stopped = dvcli(a, "sync", "--timeout", "2", timeout=60, GIT_SSH=str(fake_ssh))
    assert stopped.returncode == 1
    assert stopped.stderr.startswith("lỗi: kho chung origin (ssh://git@127.0.0.1/shared.git) không trả lời sau 2 giây\n")


# --- a lock file left by a killed sync ------------------------------------------------------

def test_a_stale_tracking_lock_is_named_with_how_to_remove_it(shared: Shared, server: git_http.GitHttp) -> None:
    a, b = http_clone(shared, server, "a"), http_clone(shared, server, "b")
    assert record_report(b, "vy-tu-lieu").returncode == 0
    assert dvcli(b, "sync").returncode == 0
    lock = a / ".git" / "refs" / "remotes" / "origin" / "main.lock"
    lock.write_text("", encoding="utf-8")  # what a sync killed while git moved origin/main leaves
    for _ in range(2):  # every later sync says the same, with the right hint
        failed = dvcli(a, "sync")
        assert (failed.returncode, failed.stdout) == (1, "")
        assert failed.stderr == (
            f"lỗi: kho git trong máy đang bị khoá: còn tệp {lock} (một lệnh git khác đang chạy, hoặc một lần đồng "
            "bộ trước đã bị dừng giữa chừng)\n"
            "  gợi ý: các commit của bạn vẫn an toàn trong máy; nếu không còn lệnh git hay dvcli sync nào đang chạy, "
            f"xoá tệp đó (rm {lock}) rồi chạy lại: dvcli sync\n")
    lock.unlink()
    assert dvcli(a, "sync").stdout == "Đã nhận 1 commit (1 tệp) từ origin/main.\n"


# --- a commit the server's policy refuses ---------------------------------------------------

def test_a_refused_commit_can_be_set_aside_and_later_reports_land(shared: Shared, server: git_http.GitHttp) -> None:
    a = http_clone(shared, server, "a")
    assert record_report(a, "vy-tu-lieu", "2021-W40").returncode == 0
    roster = a / "data" / "members.yaml"
    refused = commit_file(a, "data/members.yaml", roster.read_text(encoding="utf-8") + "# sửa nhầm\n",
                          "sửa danh sách")
    assert record_report(a, "vy-tu-lieu", "2021-W41").returncode == 0
    failed = dvcli(a, "sync")
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr == (
        f"lỗi: kho chung origin/main từ chối nhận commit {refused} «sửa danh sách»: [remote rejected] "
        "(pre-receive hook declined); chính sách: chỉ thư ký được sửa data/members.yaml (1 commit trước nó đã được "
        "gửi)\n"
        "  gợi ý: các commit của bạn vẫn an toàn trong máy; để gác commit này sang một bên (giữ lại ở nhánh "
        f"gac-lai/{refused}) và gửi các commit sau nó: dvcli sync --set-aside {refused}; hoặc hỏi người quản lý kho "
        "chung (quyền ghi, nhánh được bảo vệ, hook kiểm tra)\n")
    assert report_path("vy-tu-lieu", "2021-W40") in shared.files()  # the report before it was sent
    assert report_path("vy-tu-lieu", "2021-W41") not in shared.files()
    # following the hint: the refused commit is kept on its branch, the later report lands
    done = dvcli(a, "sync", "--set-aside", refused)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Đã gửi 1 commit (1 tệp) lên origin/main.\n"
    assert done.stderr == f"Đã gác commit {refused} sang nhánh gac-lai/{refused} (vẫn còn trong máy, không gửi đi).\n"
    assert report_path("vy-tu-lieu", "2021-W41") in shared.files()
    kept = git(a, "show", f"gac-lai/{refused}:data/members.yaml").stdout
    assert kept.endswith("# sửa nhầm\n")
    assert git(shared.bare, "show", "main:data/members.yaml").stdout == git(
        shared.bare, "show", "main~2:data/members.yaml").stdout
    # the next report is not blocked either
    assert record_report(a, "vy-tu-lieu", "2021-W42").returncode == 0
    assert dvcli(a, "sync").returncode == 0


def test_set_aside_refuses_what_is_not_an_unsent_commit(shared: Shared, server: git_http.GitHttp) -> None:
    a = http_clone(shared, server, "a")
    failed = dvcli(a, "sync", "--set-aside", "HEAD")
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr == ("lỗi: HEAD không phải là một commit chưa gửi của nhánh này\n"
                             "  gợi ý: xem các commit chưa gửi bằng: git log @{u}..HEAD --oneline\n")


def test_the_secretary_may_change_the_roster(shared: Shared, server: git_http.GitHttp) -> None:
    """The hook is a real policy, not a wall: the secretary's own roster change goes through."""
    s = http_clone(shared, server, "s", user="thu-ky")
    roster = s / "data" / "members.yaml"
    commit_file(s, "data/members.yaml", roster.read_text(encoding="utf-8") + "# thư ký sửa\n", "sửa danh sách")
    assert dvcli(s, "sync").stdout == "Đã gửi 1 commit (1 tệp) lên origin/main.\n"
