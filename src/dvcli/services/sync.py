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
from pathlib import Path

from .. import gitinbox, gitremote, gitrepo, lock
from ..errors import ConflictError, DvcliError
from ..i18n import _, ngettext
from ..workspace import Workspace, find
from . import sync_faults as faults

RETRIES = 2  # pushes refused by a racing writer before depositing in the inbox
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
    integrated: int = 0
    """Waiting submissions of other members this sync put on the shared branch."""
    deposited: str | None = None
    """The inbox ref the commits were left under when every push raced (they reach the branch later)."""

    def as_dict(self) -> dict[str, object]:
        return {
            "remote": self.remote,
            "upstream": self.upstream,
            "received": {"commits": self.received_commits, "files": self.received_files},
            "sent": {"commits": self.sent_commits, "files": self.sent_files},
            "attempts": self.attempts,
            "integrated": self.integrated,
            "deposited": self.deposited,
            "unsent": self.unsent,
        }


def run(data: str | None, autostash: bool = False, retries: int = RETRIES,
        timeout: float = gitremote.DEFAULT_TIMEOUT, set_aside: str | None = None) -> SyncResult:
    """``dvcli sync`` on the workspace named by ``--data``/``DVCLI_DATA`` or found above the cwd."""
    ws = find(data)
    if set_aside is not None:
        result_aside = faults.set_commit_aside(ws, set_aside)
    result = sync(ws, autostash, retries, gitremote.Limits(timeout))
    if set_aside is not None:
        result.set_aside = result_aside
    result.unsent = sorted({*gitrepo.untracked(ws.root, "data"),
                            *(path for path in gitrepo.modified_tracked(ws.root) if path.startswith("data/"))})
    return result


def sync(ws: Workspace, autostash: bool = False, retries: int = RETRIES,
         limits: gitremote.Limits | None = None, sleep: Callable[[float], None] = time.sleep) -> SyncResult:
    """Fetch, take in the inbox, rebase and push; after ``retries`` raced pushes, deposit in the inbox."""
    root = ws.root
    faults.require_repository(ws)
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
            ngettext("có thay đổi chưa ghi (commit) ở {n} tệp: {f}", "có thay đổi chưa ghi (commit) ở {n} tệp: {f}", len(dirty)).format(n=len(dirty), f=", ".join(dirty[:5])
                                                                   + (" …" if len(dirty) > 5 else "")),
            _("ghi lại bằng git commit, hoặc chạy: dvcli sync --autostash (tạm cất thay đổi rồi trả lại sau)"),
        )
    limits = limits or gitremote.Limits()
    url = gitrepo.remote_url(root, up.remote)
    result = SyncResult(remote=gitremote.redact(url), upstream=gitremote.redact(up.short), autostashed=bool(dirty))
    start = gitrepo.rev(root, "HEAD")
    take_inbox, base, refusal = True, start, ""
    for attempt in range(retries + 1):
        result.attempts = attempt + 1
        try:
            remote_head = gitremote.fetch(root, up.remote, url, up.ref, limits, gitinbox.fetch_refspec())
        except gitremote.RemoteError as exc:
            raise faults.unreachable(up, result.remote, exc) from None
        integration = gitinbox.integrate(root, remote_head, gitinbox.waiting(root) if take_inbox else {})
        base = integration.tip
        _rebase(ws, up, base, autostash)
        _received(result, root, start, base)
        own = gitrepo.count_commits(root, base, "HEAD")
        if not own and not integration.taken:
            result.deposited = None  # nothing of ours left to send: it is on the branch (perhaps taken by another sync)
            return result
        deletions = [f":{name}" for name in sorted(integration.taken)]
        try:
            pushed = gitremote.push(root, up.remote, url, [f"HEAD:{up.ref}", *deletions], limits,
                                    leases=integration.taken)
        except gitremote.Refused as exc:
            if integration.commits or integration.taken:
                # another member's waiting submission may be what the server's policy refuses from us:
                # send only our own commits, and leave the inbox to someone the policy allows
                take_inbox = False
                _rebase(ws, up, remote_head, autostash, drop_below=base)
                continue
            raise faults.refused(root, up, url, remote_head, limits, exc) from None
        except gitremote.RemoteError as exc:
            raise faults.unreachable(up, result.remote, exc) from None
        if pushed:
            if own:
                result.sent_commits = own
                result.sent_files = gitrepo.changed_files(root, base, "HEAD")
            result.integrated = len([name for name in integration.taken if name != result.deposited])
            result.deposited = None
            return result
        if result.deposited is None:
            # raced: leave the commits where no other writer can race them, then keep trying to land
            # them (and everyone else's) on the branch
            refusal = _deposit(root, up, url, limits, result, base) or refusal
        if attempt < retries:
            sleep(random.uniform(0, min(_BACKOFF_CAP, _BACKOFF * 2 ** attempt)))
    if result.deposited:
        return result
    raise ConflictError(
        ngettext("kho chung {u} liên tục nhận ghi từ người khác; đã thử gửi {n} lần không thành công", "kho chung {u} liên tục nhận ghi từ người khác; đã thử gửi {n} lần không thành công", result.attempts).format(
            u=result.upstream, n=result.attempts) + (f" ({refusal})" if refusal else ""),
        _("các commit của bạn vẫn an toàn trong máy; chạy lại: dvcli sync"),
    )


def _rebase(ws: Workspace, up: gitrepo.Upstream, onto: str | None, autostash: bool,
            drop_below: str | None = None) -> None:
    """Put the branch's own commits on ``onto`` (dropping the commits up to ``drop_below``)."""
    root = ws.root
    if onto is None or (drop_below is None and not gitrepo.count_commits(root, "HEAD", onto)):
        return  # nothing new to stand on
    try:
        with lock.hold(ws.state_dir):  # the rebase rewrites files a dvcli writer may be writing
            gitrepo.rebase(root, onto, autostash, upstream=drop_below)
    except gitrepo.RebaseStopped as stopped:
        raise faults.conflict(up, stopped.paths) from None


def _received(result: SyncResult, root: Path, start: str | None, base: str | None) -> None:
    result.received_commits, result.received_files = gitrepo.received(root, start, base)


def _deposit(root: Path, up: gitrepo.Upstream, url: str, limits: gitremote.Limits, result: SyncResult,
             upstream: str | None) -> str:
    """Push the branch to an inbox ref of its own; the server's refusal, if it refused ('' otherwise)."""
    name = f"{gitinbox.INBOX}{gitrepo.rev(root, 'HEAD')}"
    try:
        if gitremote.push(root, up.remote, url, [f"HEAD:{name}"], limits):
            result.deposited = name
            result.sent_commits = gitrepo.count_commits(root, upstream, "HEAD")
            result.sent_files = gitrepo.changed_files(root, upstream, "HEAD")
    except gitremote.Refused as exc:
        return exc.detail
    except gitremote.RemoteError as exc:
        raise faults.unreachable(up, result.remote, exc) from None
    return ""


def _add(target: list[str], paths: list[str]) -> None:
    seen = set(target)
    target.extend(path for path in paths if path not in seen)
