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
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import gitrepo, lock
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

    def as_dict(self) -> dict[str, object]:
        return {
            "remote": self.remote,
            "upstream": self.upstream,
            "received": {"commits": self.received_commits, "files": self.received_files},
            "sent": {"commits": self.sent_commits, "files": self.sent_files},
            "attempts": self.attempts,
            "unsent": self.unsent,
        }


def run(data: str | None, autostash: bool = False, retries: int = RETRIES) -> SyncResult:
    """``dvcli sync`` on the workspace named by ``--data``/``DVCLI_DATA`` or found above the cwd."""
    ws = find(data)
    result = sync(ws, autostash, retries)
    result.unsent = sorted({*gitrepo.untracked(ws.root, "data"),
                            *(path for path in gitrepo.modified_tracked(ws.root) if path.startswith("data/"))})
    return result


def sync(ws: Workspace, autostash: bool = False, retries: int = RETRIES,
         sleep: Callable[[float], None] = time.sleep) -> SyncResult:
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
    result = SyncResult(remote=gitrepo.remote_url(root, up.remote), upstream=up.short, autostashed=bool(dirty))
    for attempt in range(retries + 1):
        result.attempts = attempt + 1
        head = gitrepo.rev(root, "HEAD")
        try:
            remote_head = gitrepo.fetch(root, up)
        except gitrepo.FetchError as exc:
            raise _offline(up, result, exc) from None
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
            pushed = gitrepo.push(root, up)
        except gitrepo.FetchError as exc:
            raise _offline(up, result, exc) from None
        except gitrepo.PushRefused as exc:
            raise DvcliError(
                _("kho chung {u} từ chối nhận commit: {e}").format(u=up.short, e=exc.detail),
                _("các commit của bạn vẫn an toàn trong máy; hỏi người quản lý kho chung "
                  "(quyền ghi, nhánh được bảo vệ, hook kiểm tra) rồi chạy lại: dvcli sync"),
            ) from None
        if pushed:
            result.sent_commits = outgoing
            result.sent_files = gitrepo.changed_files(root, remote_head, outgoing_head)
            return result
        if attempt < retries:
            sleep(random.uniform(0, min(_BACKOFF_CAP, _BACKOFF * 2 ** attempt)))
    raise ConflictError(
        _("kho chung {u} liên tục nhận ghi từ người khác; đã thử gửi {n} lần không thành công").format(
            u=up.short, n=retries + 1),
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


def _offline(up: gitrepo.Upstream, result: SyncResult, exc: gitrepo.FetchError) -> DvcliError:
    return DvcliError(
        _("không kết nối được kho chung {r} ({u}): {e}").format(r=up.remote, u=result.remote, e=exc.detail),
        _("các commit của bạn vẫn an toàn trong máy; kiểm tra mạng rồi chạy lại: dvcli sync"),
    )


def _conflict(up: gitrepo.Upstream, paths: list[str]) -> ConflictError:
    files = ", ".join(paths) if paths else _("(không rõ tệp)")
    return ConflictError(
        _("xung đột khi gộp với {u}: {f} đã bị sửa ở cả hai nơi; kho đang dừng giữa chừng (rebase)").format(
            u=up.short, f=files),
        _("xem git status; sửa các tệp xung đột, git add TỆP rồi git rebase --continue và chạy lại dvcli sync; "
          "hoặc git rebase --abort để trở lại như trước khi đồng bộ"),
    )


def _add(target: list[str], paths: list[str]) -> None:
    seen = set(target)
    target.extend(path for path in paths if path not in seen)
