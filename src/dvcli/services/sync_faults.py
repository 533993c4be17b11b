"""What ``dvcli sync`` says when it cannot finish, and the way out it offers for a refused commit."""

from __future__ import annotations

import shlex
from pathlib import Path

from .. import gitremote, gitrepo, lock
from ..errors import ConflictError, DvcliError
from ..i18n import _
from ..workspace import Workspace


def require_repository(ws: Workspace) -> None:
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


def unreachable(up: gitrepo.Upstream, shown_url: str, exc: gitremote.RemoteError) -> DvcliError:
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
                r=name, u=shown_url, e=exc.detail),
            _("{s}; hỏi người quản lý kho chung tên đăng nhập và mật khẩu đúng. Git đã xoá mật khẩu sai nó lưu "
              "cho địa chỉ này (nếu có) và sẽ hỏi lại ở lần chạy sau; nếu mật khẩu nằm trong địa chỉ kho, sửa "
              "bằng: git remote set-url {r} ĐỊA_CHỈ_MỚI").format(s=safe, r=name))
    if isinstance(exc, gitremote.TimedOut):
        return DvcliError(
            _("kho chung {r} ({u}) không trả lời sau {n} giây").format(
                r=name, u=shown_url, n=f"{exc.seconds:g}"),
            _("{s}; kiểm tra mạng hoặc hỏi người quản lý kho chung xem máy chủ có đang chạy không, rồi chạy lại: "
              "dvcli sync (mạng chậm: dvcli sync --timeout 600)").format(s=safe))
    return DvcliError(
        _("không kết nối được kho chung {r} ({u}): {e}").format(r=name, u=shown_url, e=exc.detail),
        _("các commit của bạn vẫn an toàn trong máy; kiểm tra mạng rồi chạy lại: dvcli sync"),
    )


def refused(root: Path, up: gitrepo.Upstream, url: str, remote_head: str | None, limits: gitremote.Limits,
            exc: gitremote.Refused) -> DvcliError:
    """A policy refusal: find the first commit the server refuses, send the ones before it, say how to set it aside.

    A refused commit would otherwise block every later report of the member: each sync pushes
    the whole chain again. Pushing the chain one commit at a time finds the refused one.
    """
    commits = gitrepo.outgoing(root, remote_head, "HEAD")
    culprit, detail, sent_commits = commits[0], exc.detail, 0
    for index, commit in enumerate(commits[:-1] if len(commits) > 1 else []):
        try:
            if not gitremote.push(root, up.remote, url, [f"{commit[0]}:{up.ref}"], limits):
                break  # another writer raced us: the next sync finds the culprit
        except gitremote.Refused as again:
            culprit, detail = commit, again.detail
            break
        except gitremote.RemoteError:
            break
        sent_commits += 1
        culprit = commits[index + 1]
    sha, subject = culprit
    sent = _(" ({n} commit trước nó đã được gửi)").format(n=sent_commits) if sent_commits else ""
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
    require_repository(ws)
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


def conflict(up: gitrepo.Upstream, paths: list[str]) -> ConflictError:
    files = ", ".join(paths) if paths else _("(không rõ tệp)")
    return ConflictError(
        _("xung đột khi gộp với {u}: {f} đã bị sửa ở cả hai nơi; kho đang dừng giữa chừng (rebase)").format(
            u=gitremote.redact(up.short), f=files),
        _("xem git status; sửa các tệp xung đột, git add TỆP rồi git rebase --continue và chạy lại dvcli sync; "
          "hoặc git rebase --abort để trở lại như trước khi đồng bộ"),
    )
