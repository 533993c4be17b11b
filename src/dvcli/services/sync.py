"""``dvcli sync``: receive the shared repository's commits, replay local ones on top, send them.

Like ``git pull --rebase && git push``, with two additions for many writers at once:
a push refused because another writer got there first is retried (fetch, rebase, push again)
a bounded number of times after a short random pause; and every failure leaves the local
commits exactly where they were, with a message saying what to do next.

Reports never conflict by design (one file per member per period), so the rebase is
normally trivial; when it is not, the repository is left mid-rebase — the state any git user
knows — and the message names the files and the commands that continue or abort.
"""

from __future__ import annotations

import random
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import gitremote, gitrepo, lock
from ..errors import ConflictError, DvcliError
from ..i18n import _
from ..workspace import Workspace, find

RETRIES = 10  # pushes refused by a racing writer before giving up
_BACKOFF = 0.05  # seconds; the pause before retry n is random in [0, _BACKOFF * 2**n], capped
_BACKOFF_CAP = 1.0


@dataclass
class SyncResult:
    """What one ``dvcli sync`` did: commits and files received and sent, and how many pushes."""

    remote: str
    upstream: str
    received_commits: int = 0
    received_files: list[str] = field(default_factory=list)
    sent_commits: int = 0
    sent_files: list[str] = field(default_factory=list)
    attempts: int = 0
    autostashed: bool = False
    unsent: list[str] = field(default_factory=list)
    """Data files saved in the workspace but not committed: sync cannot send them."""
    set_aside: str | None = None
    """The branch ``--set-aside`` moved a refused commit to."""

    def as_dict(self) -> dict[str, object]:
        return {
            "remote": self.remote,
            "upstream": self.upstream,
            "received": {"commits": self.received_commits, "files": self.received_files},
            "sent": {"commits": self.sent_commits, "files": self.sent_files},
            "attempts": self.attempts,
            "unsent": self.unsent,
        }


def run(data: str | None, autostash: bool = False, retries: int = RETRIES,
        timeout: float = gitremote.DEFAULT_TIMEOUT, set_aside: str | None = None) -> SyncResult:
    """``dvcli sync`` on the workspace named by ``--data``/``DVCLI_DATA`` or found above the cwd."""
    ws = find(data)
    if set_aside is not None:
        result_aside = set_commit_aside(ws, set_aside)
    result = sync(ws, autostash, retries, gitremote.Limits(timeout))
    if set_aside is not None:
        result.set_aside = result_aside
    result.unsent = sorted({*gitrepo.untracked(ws.root, "data"),
                            *(path for path in gitrepo.modified_tracked(ws.root) if path.startswith("data/"))})
    return result


def sync(ws: Workspace, autostash: bool = False, retries: int = RETRIES,
         limits: gitremote.Limits | None = None, sleep: Callable[[float], None] = time.sleep) -> SyncResult:
    """Fetch, rebase and push the workspace's branch; retry a raced push up to ``retries`` times."""
    root = ws.root
    _require_repository(ws)
    branch = gitrepo.current_branch(root)
    if branch is None:
        raise DvcliError(_("kho đang ở trạng thái HEAD tách rời (detached HEAD), không thuộc nhánh nào"),
                         _("chuyển về nhánh làm việc, ví dụ: git switch main"))
    up = gitrepo.upstream(root, branch)
    if up is None:
        raise DvcliError(
            _("nhánh {b} chưa có nhánh theo dõi (upstream) ở kho chung").format(b=branch),
            _("đặt một lần bằng: git push -u origin {b}  (hoặc git branch --set-upstream-to=origin/{b})").format(
                b=branch),
        )
    dirty = gitrepo.modified_tracked(root)
    if dirty and not autostash:
        raise DvcliError(
            _("có thay đổi chưa ghi (commit) ở {n} tệp: {f}").format(n=len(dirty), f=", ".join(dirty[:5])
                                                                   + (" …" if len(dirty) > 5 else "")),
            _("ghi lại bằng git commit, hoặc chạy: dvcli sync --autostash (tạm cất thay đổi rồi trả lại sau)"),
        )
    limits = limits or gitremote.Limits()
    url = gitrepo.remote_url(root, up.remote)
    result = SyncResult(remote=gitremote.redact(url), upstream=gitremote.redact(up.short), autostashed=bool(dirty))
    for attempt in range(retries + 1):
        result.attempts = attempt + 1
        head = gitrepo.rev(root, "HEAD")
        try:
            remote_head = gitrepo.rev(root, "FETCH_HEAD") if gitremote.fetch(root, up.remote, url, up.ref, limits) else None
        except gitremote.RemoteError as exc:
            raise _unreachable(up, result, exc) from None
        incoming = gitrepo.count_commits(root, head, remote_head)
        if incoming:
            base = gitrepo.merge_base(root, head, remote_head)
            result.received_commits += incoming
            _add(result.received_files, gitrepo.changed_files(root, base or None, remote_head))
            try:
                with lock.hold(ws.state_dir):  # the rebase rewrites files a dvcli writer may be writing
                    gitrepo.rebase(root, remote_head or "", autostash)
            except gitrepo.RebaseStopped as stopped:
                raise _conflict(up, stopped.paths) from None
        outgoing_head = gitrepo.rev(root, "HEAD")
        outgoing = gitrepo.count_commits(root, remote_head, outgoing_head)
        if not outgoing:
            return result
        try:
            pushed = gitremote.push(root, up.remote, url, f"HEAD:{up.ref}", limits)
        except gitremote.Refused as exc:
            raise _refused(root, up, url, remote_head, limits, result, exc) from None
        except gitremote.RemoteError as exc:
            raise _unreachable(up, result, exc) from None
        if pushed:
            result.sent_commits = outgoing
            result.sent_files = gitrepo.changed_files(root, remote_head, outgoing_head)
            return result
        if attempt < retries:
            sleep(random.uniform(0, min(_BACKOFF_CAP, _BACKOFF * 2 ** attempt)))
    raise ConflictError(
        _("kho chung {u} liên tục nhận ghi từ người khác; đã thử gửi {n} lần không thành công").format(
            u=result.upstream, n=retries + 1),
        _("các commit của bạn vẫn an toàn trong máy; chạy lại: dvcli sync"),
    )


def _require_repository(ws: Workspace) -> None:
    if not gitrepo.available():
        raise DvcliError(_("không tìm thấy chương trình git"),
                         _("cài git (https://git-scm.com) rồi chạy lại: dvcli sync"))
    if not gitrepo.is_repository(ws.root):
        raise DvcliError(_("{p} không phải là một kho git").format(p=ws.root),
                         _("tạo kho bằng git init rồi git remote add origin ĐỊA_CHỈ, hoặc git clone kho chung"))
    if gitrepo.rebase_in_progress(ws.root) or gitrepo.merge_in_progress(ws.root):
        raise ConflictError(
            _("kho đang dở một lần gộp (rebase/merge) trước đó"),
            _("xem git status; sửa các tệp xung đột, git add TỆP rồi git rebase --continue "
              "(hoặc git rebase --abort để trở lại như trước khi đồng bộ)"),
        )


def _unreachable(up: gitrepo.Upstream, result: SyncResult, exc: gitremote.RemoteError) -> DvcliError:
    """The message for a fetch or push that did not get through, by what stopped it."""
    name = gitremote.redact(up.remote)
    safe = _("các commit của bạn vẫn an toàn trong máy")
    if isinstance(exc, gitremote.LocalLock):
        return DvcliError(
            _("kho git trong máy đang bị khoá: còn tệp {p} (một lệnh git khác đang chạy, hoặc một lần đồng bộ "
              "trước đã bị dừng giữa chừng)").format(p=exc.path),
            _("{s}; nếu không còn lệnh git hay dvcli sync nào đang chạy, xoá tệp đó (rm {p}) rồi chạy lại: "
              "dvcli sync").format(s=safe, p=shlex.quote(exc.path)))
    if isinstance(exc, gitremote.AuthFailed):
        return DvcliError(
            _("kho chung {r} ({u}) không chấp nhận tên đăng nhập hoặc mật khẩu: {e}").format(
                r=name, u=result.remote, e=exc.detail),
            _("{s}; hỏi người quản lý kho chung tên đăng nhập và mật khẩu đúng. Git đã xoá mật khẩu sai nó lưu "
              "cho địa chỉ này (nếu có) và sẽ hỏi lại ở lần chạy sau; nếu mật khẩu nằm trong địa chỉ kho, sửa "
              "bằng: git remote set-url {r} ĐỊA_CHỈ_MỚI").format(s=safe, r=name))
    if isinstance(exc, gitremote.TimedOut):
        return DvcliError(
            _("kho chung {r} ({u}) không trả lời sau {n} giây").format(
                r=name, u=result.remote, n=f"{exc.seconds:g}"),
            _("{s}; kiểm tra mạng hoặc hỏi người quản lý kho chung xem máy chủ có đang chạy không, rồi chạy lại: "
              "dvcli sync (mạng chậm: dvcli sync --timeout 600)").format(s=safe))
    return DvcliError(
        _("không kết nối được kho chung {r} ({u}): {e}").format(r=name, u=result.remote, e=exc.detail),
        _("các commit của bạn vẫn an toàn trong máy; kiểm tra mạng rồi chạy lại: dvcli sync"),
    )


def _refused(root: Path, up: gitrepo.Upstream, url: str, remote_head: str | None, limits: gitremote.Limits,
             result: SyncResult, exc: gitremote.Refused) -> DvcliError:
    """A policy refusal: find the first commit the server refuses, send the ones before it, say how to set it aside.

    A refused commit would otherwise block every later report of the member: each sync pushes
    the whole chain again. Pushing the chain one commit at a time finds the refused one.
    """
    commits = gitrepo.outgoing(root, remote_head, "HEAD")
    culprit, detail = commits[0], exc.detail
    for index, commit in enumerate(commits[:-1] if len(commits) > 1 else []):
        try:
            if not gitremote.push(root, up.remote, url, f"{commit[0]}:{up.ref}", limits):
                break  # another writer raced us: the next sync finds the culprit
        except gitremote.Refused as again:
            culprit, detail = commit, again.detail
            break
        except gitremote.RemoteError:
            break
        result.sent_commits += 1
        culprit = commits[index + 1]
    sha, subject = culprit
    sent = _(" ({n} commit trước nó đã được gửi)").format(n=result.sent_commits) if result.sent_commits else ""
    return DvcliError(
        _("kho chung {u} từ chối nhận commit {c} «{t}»: {e}{s}").format(
            u=gitremote.redact(up.short), c=sha[:10], t=subject, e=detail, s=sent),
        _("các commit của bạn vẫn an toàn trong máy; để gác commit này sang một bên (giữ lại ở nhánh "
          "{b}) và gửi các commit sau nó: dvcli sync --set-aside {c}; hoặc hỏi người quản lý kho chung "
          "(quyền ghi, nhánh được bảo vệ, hook kiểm tra)").format(b=_aside_branch(sha), c=sha[:10]),
    )


def _aside_branch(sha: str) -> str:
    return f"gac-lai/{sha[:10]}"


def set_commit_aside(ws: Workspace, name: str) -> str:
    """``dvcli sync --set-aside COMMIT``: move a commit the server refused onto a branch of its own."""
    root = ws.root
    _require_repository(ws)
    branch = gitrepo.current_branch(root)
    up = gitrepo.upstream(root, branch) if branch else None
    sha = gitrepo.rev(root, name)
    mine = {commit for commit, _subject in gitrepo.outgoing(root, gitrepo.rev(root, "@{upstream}"), "HEAD")} \
        if up else set()
    if sha is None or sha not in mine:
        raise DvcliError(_("{c} không phải là một commit chưa gửi của nhánh này").format(c=name),
                         _("xem các commit chưa gửi bằng: git log @{u}..HEAD --oneline"))
    if gitrepo.modified_tracked(root):
        raise DvcliError(_("có thay đổi chưa ghi (commit); không gác commit được lúc này"),
                         _("ghi lại bằng git commit, hoặc cất đi bằng git stash, rồi chạy lại"))
    with lock.hold(ws.state_dir):
        gitrepo.set_aside(root, sha, _aside_branch(sha))
    return _aside_branch(sha)


def _conflict(up: gitrepo.Upstream, paths: list[str]) -> ConflictError:
    files = ", ".join(paths) if paths else _("(không rõ tệp)")
    return ConflictError(
        _("xung đột khi gộp với {u}: {f} đã bị sửa ở cả hai nơi; kho đang dừng giữa chừng (rebase)").format(
            u=gitremote.redact(up.short), f=files),
        _("xem git status; sửa các tệp xung đột, git add TỆP rồi git rebase --continue và chạy lại dvcli sync; "
          "hoặc git rebase --abort để trở lại như trước khi đồng bộ"),
    )


def _add(target: list[str], paths: list[str]) -> None:
    seen = set(target)
    target.extend(path for path in paths if path not in seen)
