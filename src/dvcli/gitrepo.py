"""The only git caller: commit exactly the files a command wrote, read history, sync.

Uses the ``git`` command itself (no library): the user's own git config, hooks and
credentials apply, and what dvcli does is what the user could do by hand.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import DvcliError
from .i18n import _


def available() -> bool:
    return shutil.which("git") is not None


def run(root: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``git args`` in ``root``; raise ``DvcliError`` with git's own words on failure."""
    import os

    environment = {**os.environ, "LC_ALL": "C", **(env or {})}
    process = _run_to_end(["git", *args], root, environment)
    if check and process.returncode != 0:
        held = re.search(r"Unable to create '([^']+\.lock)': File exists", process.stderr)
        if held:  # a git process is running, or was killed mid-write
            locked = held[1]
            raise DvcliError(_("kho git đang bị khoá: còn tệp {p} (một lệnh git khác đang chạy, hoặc đã bị "
                               "dừng giữa chừng)").format(p=locked),
                             _("nếu không còn lệnh git nào đang chạy, xoá tệp {p}; "
                               "xem trạng thái bằng: git status").format(p=locked))
        if re.search(r"No space left on device|Out of diskspace|insufficient space|Disk quota exceeded", process.stderr):
            raise DvcliError(_("hết chỗ trên đĩa khi git ghi vào kho (lệnh git {a}: {e})").format(
                a=args[0], e=process.stderr.strip()),
                _("giải phóng chỗ trống trên đĩa (hoặc hạn mức của bạn), rồi chạy lại lệnh"))
        raise DvcliError(_("lệnh git {a} thất bại: {e}").format(a=args[0], e=process.stderr.strip()),
                         _("xem trạng thái kho bằng: git status"))
    return process


def _run_to_end(command: list[str], root: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``subprocess.run``, except that Ctrl-C (or SIGTERM made one) lets git end cleanly.

    ``subprocess.run`` answers an interrupt with SIGKILL, which leaves git's ``index.lock`` behind
    and every later git command failing; git removes its lock files itself on SIGTERM.
    """
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=environment) as child:
        try:
            stdout, stderr = child.communicate()
        except KeyboardInterrupt:
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            raise
    return subprocess.CompletedProcess(command, child.returncode, stdout, stderr)


def is_repository(root: Path) -> bool:
    """True inside a git work tree; raise when git refuses the repository (it would never commit there)."""
    if not available():
        return False
    process = run(root, "rev-parse", "--is-inside-work-tree", check=False)
    if process.returncode != 0 and "dubious ownership" in process.stderr:
        refuse_dubious(root)
    return process.returncode == 0 and process.stdout.strip() == "true"


def refuse_dubious(root: Path) -> None:
    """Git refuses a repository owned by another user: say so, rather than saving without committing."""
    raise DvcliError(
        _("git từ chối kho ở {r}: thư mục thuộc về một người dùng khác (git gọi là \"dubious ownership\"), nên "
          "dvcli không dùng được git ở đây; chưa ghi gì").format(r=root),
        _("nếu tin cậy thư mục này, chạy: git config --global --add safe.directory {r}; hoặc chạy lệnh bằng "
          "người dùng sở hữu thư mục; lệnh ghi có thể thêm --no-commit để chỉ lưu tệp").format(r=root))


def toplevel(root: Path) -> Path | None:
    """The work tree ``root`` belongs to (None outside git): ``root`` itself, or a folder above it."""
    if not is_repository(root):
        return None
    return Path(run(root, "rev-parse", "--show-toplevel").stdout.strip()).resolve()


def init_repository(root: Path, paths: Sequence[str], message: str) -> bool:
    """``git init`` a new workspace and commit ``paths``; False when git is unavailable.

    A workspace made inside another repository (a folder of a project, a home directory under
    git) gets a repository of its own: committing it into the enclosing one would mix the working
    group's records into someone else's history.
    """
    if not available():
        return False
    if toplevel(root) != root.resolve():
        run(root, "init", "-q")
    commit(root, paths, message)
    return True


def commit(root: Path, paths: Sequence[str], message: str) -> bool:
    """Commit exactly ``paths`` (relative to ``root``), leaving any other change alone.

    ``git commit --only`` takes the named paths from the work tree whatever else is staged, so
    a secretary's unrelated staged or unstaged edits stay exactly as they were. Returns False
    outside a repository (dvcli works without git) or when nothing changed.
    """
    if not paths or not is_repository(root):
        return False
    run(root, "add", "--", *paths)
    if not run(root, "diff", "--cached", "--quiet", "--", *paths, check=False).returncode:
        return False
    identity = _fallback_identity(root)
    run(root, *identity, "commit", "-q", "--only", "-m", message, "--", *paths)
    return True


@contextlib.contextmanager
def index_restored_on_error(root: Path) -> Iterator[None]:
    """Give git's index back exactly as it was if the block fails (``git add`` done, commit refused).

    A hard link keeps the index as it was: git never writes an index in place (it renames
    ``index.lock`` over it), so the link still holds the old one, and putting it back is a rename —
    it needs no free space, which is what a full disk has not got. A user's own staged changes
    come back with it.
    """
    index = git_dir(root) / "index"
    backup = index.with_name(f"index.dvcli-{os.getpid()}")
    kept: Path | None = backup
    try:
        os.link(index, backup)
    except FileNotFoundError:  # a repository without a first commit or add yet
        kept = None
    try:
        yield
    except BaseException:
        if kept is not None:
            kept.replace(index)
        else:
            index.unlink(missing_ok=True)
        raise
    finally:
        if kept is not None:
            kept.unlink(missing_ok=True)


def _fallback_identity(root: Path) -> list[str]:
    """A committer identity when the user has none configured, so a first commit never fails."""
    if run(root, "config", "user.email", check=False).returncode == 0:
        return []
    return ["-c", "user.name=dvcli", "-c", "user.email=dvcli@localhost"]


# --- sync ----------------------------------------------------------------------------------
#
# The local building blocks of ``dvcli sync`` (fetch and push are in ``gitremote.py``); the
# loop that retries a raced push lives in ``services/sync.py``. Git's own output is parsed only where git
# promises a stable format (``--porcelain``, ``rev-list --count``, ``diff --name-only``).


class Upstream(NamedTuple):
    """The branch a local branch tracks: ``remote`` (a name or URL) and its ``ref`` there."""

    branch: str
    remote: str
    ref: str

    @property
    def short(self) -> str:
        """``origin/main`` — how git itself names the tracking branch."""
        name = self.ref.removeprefix("refs/heads/")
        return f"{self.remote}/{name}"


def current_branch(root: Path) -> str | None:
    """The checked-out branch name, or None on a detached HEAD."""
    process = run(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    return process.stdout.strip() or None if process.returncode == 0 else None


def upstream(root: Path, branch: str) -> Upstream | None:
    """What ``branch@{upstream}`` points to (``branch.<b>.remote`` / ``.merge``), or None."""
    remote = run(root, "config", "--get", f"branch.{branch}.remote", check=False).stdout.strip()
    ref = run(root, "config", "--get", f"branch.{branch}.merge", check=False).stdout.strip()
    if not remote or not ref:
        return None
    return Upstream(branch, remote, ref)


def remote_url(root: Path, remote: str) -> str:
    process = run(root, "remote", "get-url", remote, check=False)
    return process.stdout.strip() if process.returncode == 0 else remote


def git_dir(root: Path) -> Path:
    path = Path(run(root, "rev-parse", "--git-dir").stdout.strip())
    return path if path.is_absolute() else root / path


def rebase_in_progress(root: Path) -> bool:
    folder = git_dir(root)
    return (folder / "rebase-merge").is_dir() or (folder / "rebase-apply").is_dir()


def merge_in_progress(root: Path) -> bool:
    return (git_dir(root) / "MERGE_HEAD").exists()


def modified_tracked(root: Path) -> list[str]:
    """Tracked files with uncommitted changes (staged or not); untracked files are ignored."""
    process = run(root, "status", "--porcelain=v1", "-z", "--untracked-files=no")
    entries = [entry for entry in process.stdout.split("\0") if entry]
    paths: list[str] = []
    skip = False
    for entry in entries:
        if skip:  # the original name of a rename
            skip = False
            continue
        status, path = entry[:2], entry[3:]
        paths.append(path)
        skip = "R" in status or "C" in status
    return paths


def untracked(root: Path, folder: str) -> list[str]:
    """Files under ``folder`` git does not track (and does not ignore): saved, never committed."""
    process = run(root, "ls-files", "--others", "--exclude-standard", "-z", "--", folder, check=False)
    return [path for path in process.stdout.split("\0") if path]


def conflicted(root: Path) -> list[str]:
    """Paths left unmerged by a stopped rebase or merge."""
    process = run(root, "diff", "--name-only", "--diff-filter=U", "-z", check=False)
    return [path for path in process.stdout.split("\0") if path]


def rev(root: Path, name: str) -> str | None:
    """The commit ``name`` resolves to, or None when it does not exist (e.g. an empty remote)."""
    process = run(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False)
    return process.stdout.strip() or None if process.returncode == 0 else None


def merge_base(root: Path, first: str | None, second: str | None) -> str | None:
    """The newest common ancestor of two commits, or None (no such commit, unrelated histories)."""
    if first is None or second is None:
        return None
    process = run(root, "merge-base", first, second, check=False)
    return process.stdout.strip() or None if process.returncode == 0 else None


def count_commits(root: Path, since: str | None, until: str | None) -> int:
    """Commits reachable from ``until`` but not from ``since`` (None: no such commit)."""
    if until is None:
        return 0
    spec = [until] if since is None else [f"{since}..{until}"]
    return int(run(root, "rev-list", "--count", *spec).stdout.strip() or 0)


def changed_files(root: Path, since: str | None, until: str | None) -> list[str]:
    """Files that differ between ``since`` and ``until`` (all files of ``until`` if no ``since``)."""
    if until is None or since == until:
        return []
    if since is None:
        process = run(root, "ls-tree", "-r", "-z", "--name-only", until)
    else:
        process = run(root, "diff", "--name-only", "--no-renames", "-z", since, until)
    return [path for path in process.stdout.split("\0") if path]


class RebaseStopped(Exception):
    """``git rebase`` stopped on a conflict; the repository is left mid-rebase."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


def rebase(root: Path, onto: str, autostash: bool, upstream: str | None = None) -> None:
    """Replay local commits on ``onto`` (``git pull --rebase`` without its fetch).

    With ``upstream``, only the commits ``upstream..HEAD`` are replayed (``--onto``): the ones
    below are dropped from the branch.
    """
    target = ["--onto", onto, upstream] if upstream else [onto]
    args = ["rebase", "--quiet", "--autostash" if autostash else "--no-autostash", *target]
    process = run(root, *_fallback_identity(root), *args, check=False)
    if process.returncode == 0:
        return
    if rebase_in_progress(root):
        raise RebaseStopped(conflicted(root))
    lines = (process.stderr or process.stdout).strip().splitlines() or [""]
    raise DvcliError(_("lệnh git rebase thất bại: {e}").format(e=lines[0]),
                     _("xem trạng thái kho bằng: git status"))


def outgoing(root: Path, since: str | None, until: str) -> list[tuple[str, str]]:
    """The commits ``since..until``, oldest first, as (full id, subject)."""
    spec = [until] if since is None else [f"{since}..{until}"]
    process = run(root, "log", "--reverse", "--format=%H%x00%s", *spec)
    return [(sha, subject) for sha, _, subject in (line.partition("\0") for line in process.stdout.splitlines())]


def set_aside(root: Path, commit: str, branch: str) -> None:
    """Keep ``commit`` on a new ``branch`` and drop it from the current branch (later commits stay)."""
    run(root, "branch", "--", branch, commit)
    process = run(root, *_fallback_identity(root), "rebase", "--quiet", "--onto", f"{commit}^", commit, check=False)
    if process.returncode == 0:
        return
    paths = conflicted(root)
    if rebase_in_progress(root):
        run(root, "rebase", "--abort", check=False)
    run(root, "branch", "-D", "--", branch, check=False)
    raise DvcliError(
        _("không gác được commit {c}: các commit sau nó sửa cùng tệp {f}").format(
            c=commit[:10], f=", ".join(paths) or _("(không rõ tệp)")),
        _("kho đã trở lại như trước; sắp lại các commit chưa gửi bằng: git rebase -i @{u}"))


def received(root: Path, mine: str | None, theirs: str | None) -> tuple[int, list[str]]:
    """Commits of ``theirs`` not in ``mine`` nor copies of one of its commits, and the files they touch.

    A sync that replays its own waiting commits onto the shared branch must not count them as
    received: ``--cherry-pick`` leaves out commits whose change equals one on the other side.
    """
    if theirs is None or mine == theirs:
        return 0, []
    spec = [theirs] if mine is None else ["--cherry-pick", "--left-only", f"{theirs}...{mine}"]
    process = run(root, "log", "--no-renames", "--format=%x01", "--name-only", "-z", *spec)
    commits, files = 0, []
    for token in process.stdout.split("\0"):
        token = token.lstrip("\n")
        if token == "\x01":
            commits += 1  # the marker line of each commit
        elif token and token not in files:
            files.append(token)
    return commits, files


# --- seals ---------------------------------------------------------------------------------
#
# An issued record names files by their git blob id: what git stores, not the bytes a checkout
# happened to write (``core.autocrlf``, ``eol`` attributes), so a seal holds in every clone.


def blob_id(data: bytes) -> str:
    """Git's SHA-1 blob id of ``data`` (``git hash-object`` with no filter), for a workspace outside git."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def head(root: Path) -> str | None:
    """The full id of the checked-out commit, or None in a repository with no commit yet."""
    return rev(root, "HEAD")


def _batch(root: Path, args: Sequence[str], lines: Sequence[str]) -> list[str]:
    """Run a git command that answers one stdin line per input line (``--batch-check``, ``--stdin-paths``)."""
    import os

    if not lines:
        return []
    environment = {**os.environ, "LC_ALL": "C"}
    process = subprocess.run(["git", *args], cwd=root, input="".join(f"{line}\n" for line in lines),
                             capture_output=True, text=True, env=environment, check=False)
    if process.returncode != 0:
        raise DvcliError(_("lệnh git {a} thất bại: {e}").format(a=args[0], e=process.stderr.strip()),
                         _("xem trạng thái kho bằng: git status"))
    return process.stdout.splitlines()


def blobs_at(root: Path, commit: str, paths: Sequence[str]) -> dict[str, str | None]:
    """Each path's blob id in ``commit`` (None: the path is not in that commit, or no such commit)."""
    answers = _batch(root, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], [f"{commit}:{p}" for p in paths])
    found: dict[str, str | None] = {}
    for path, answer in zip(paths, answers, strict=True):
        parts = answer.split()
        found[path] = parts[0] if len(parts) == 2 and parts[1] == "blob" else None
    return found


def hash_files(root: Path, paths: Sequence[str]) -> dict[str, str]:
    """The blob id git would store for each work-tree file, with its clean filters and line endings."""
    return dict(zip(paths, _batch(root, ["hash-object", "--stdin-paths"], paths), strict=True))


def hash_bytes(root: Path, path: str, data: bytes) -> str:
    """The blob id git would store for ``data`` written at ``path`` (its attributes apply)."""
    import os

    process = subprocess.run(["git", "hash-object", "--stdin", f"--path={path}"], cwd=root, input=data,
                             capture_output=True, env={**os.environ, "LC_ALL": "C"}, check=False)
    if process.returncode != 0:
        raise DvcliError(_("lệnh git {a} thất bại: {e}").format(a="hash-object", e=process.stderr.decode(errors="replace").strip()),
                         _("xem trạng thái kho bằng: git status"))
    return process.stdout.decode().strip()


def commit_exists(root: Path, commit: str) -> bool:
    return run(root, "cat-file", "-e", f"{commit}^{{commit}}", check=False).returncode == 0


class Change(NamedTuple):
    """One commit that changed some of the paths asked about."""

    commit: str
    date: str
    subject: str
    paths: list[str]


def changes_since(root: Path, since: str, folder: str, paths: Sequence[str]) -> list[Change]:
    """Commits after ``since`` (newest first) that changed any of ``paths`` under ``folder``."""
    wanted = set(paths)
    process = run(root, "log", "--no-renames", "--format=%x1e%h%x1f%cs%x1f%s", "--name-only", "-z",
                  f"{since}..HEAD", "--", folder, check=False)
    if process.returncode != 0:
        return []
    found: list[Change] = []
    for block in process.stdout.split("\x1e")[1:]:
        head_line, *names = (part.strip("\n") for part in block.split("\0"))
        commit, date, subject = (head_line.split("\x1f") + ["", ""])[:3]
        touched = [name for name in names if name in wanted]
        if touched:
            found.append(Change(commit, date, subject, touched))
    return found


def first_added(root: Path, folder: str) -> dict[str, str]:
    """For each path ever added under ``folder``: the commit that first added it."""
    process = run(root, "log", "--no-renames", "--diff-filter=A", "--reverse", "--format=%x1e%H", "--name-only", "-z",
                  "--", folder, check=False)
    added: dict[str, str] = {}
    if process.returncode != 0:
        return added
    for block in process.stdout.split("\x1e")[1:]:
        commit, *names = (part.strip("\n") for part in block.split("\0"))
        for name in names:
            if name:
                added.setdefault(name, commit)
    return added


def unstage(root: Path, paths: Sequence[str]) -> None:
    """Take ``paths`` out of the index again (a commit that did not happen leaves nothing staged)."""
    if paths and is_repository(root) and head(root) is not None:
        run(root, "reset", "-q", "--", *paths, check=False)
    elif paths and is_repository(root):
        run(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", *paths, check=False)
