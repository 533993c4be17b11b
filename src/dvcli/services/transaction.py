"""A writing command as a transaction: all of it, or nothing (issuing, registering, revoking).

``transaction(ws)`` holds the workspace lock, turns SIGTERM into the same ``KeyboardInterrupt``
as Ctrl-C, and undoes everything on any failure before the commit — a failing commit hook, a
signal, a full disk: the files it created are removed and nothing stays staged, so no number is
burnt and a re-run starts from the same state. Files are written into a hidden staging folder
beside the target and renamed into place in one step, so even a process killed with SIGKILL
leaves only that folder (``check`` names it), never a half-written numbered one.

Once the commit has landed the command *has happened*: from then on Ctrl-C and SIGTERM are only
noted (``settle()`` tells the CLI), so the command never says it stopped when it did not.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from .. import gitrepo, lock
from ..errors import ConflictError, DvcliError
from ..i18n import _
from ..workspace import Workspace

_late_signal: list[int] = []
_saved_handlers: dict[int, Any] = {}


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _note(signum: int, frame: FrameType | None) -> None:
    _late_signal.append(signum)


def _install(handler: Any) -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            previous = signal.signal(signum, handler)
        except ValueError:  # not the main thread: signals stay as they are
            return
        _saved_handlers.setdefault(signum, previous)


def settle() -> bool:
    """Restore the signal handlers; True when Ctrl-C or SIGTERM came after the commit had landed."""
    for signum, handler in list(_saved_handlers.items()):
        with contextlib.suppress(ValueError):
            signal.signal(signum, handler)
    _saved_handlers.clear()
    late = bool(_late_signal)
    _late_signal.clear()
    return late


class Transaction:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.created: list[Path] = []
        self.staged: list[str] = []
        self.parents: list[Path] = []
        self.done = False

    def staging(self, final: Path) -> Path:
        """A new hidden folder beside ``final`` to write into; ``place`` renames it to ``final``."""
        missing = [parent for parent in (final.parent, *final.parent.parents) if not parent.exists()]
        final.parent.mkdir(parents=True, exist_ok=True)
        self.parents += missing  # removed again, if empty, when the transaction fails
        folder = final.parent / f".{final.name}.{os.getpid()}.tmp"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        self.created.append(folder)
        return folder

    def place(self, staging: Path, final: Path) -> None:
        if final.exists():
            raise ConflictError(_("thư mục {p} đã có").format(p=self.ws.rel(final)),
                                _("số này đã được dùng; bỏ --number để lấy số tiếp theo"))
        staging.rename(final)
        self.created.append(final)

    def add_file(self, path: Path, data: bytes) -> None:
        """Create ``path`` (it must not exist), to be removed again if the transaction fails."""
        from .. import atomic

        if not atomic.create(path, data):
            raise ConflictError(_("tệp {p} đã có").format(p=self.ws.rel(path)), _("chạy lại lệnh"))
        self.created.append(path)

    def commit(self, paths: list[str], message: str) -> bool:
        """Commit exactly ``paths``; after it landed, signals are only noted. False: not committed (no git)."""
        root = self.ws.root
        before = gitrepo.head(root) if gitrepo.is_repository(root) else None
        self.staged = list(paths)
        try:
            committed = gitrepo.commit(root, paths, message)
        except (DvcliError, KeyboardInterrupt) as exc:
            if self._landed(before, paths):  # the signal came after git had written the commit
                self.finish()
                return True
            if isinstance(exc, DvcliError):
                self.rollback()
                raise DvcliError(_("đã huỷ, không để lại tệp nào: git không commit được ({e})").format(e=exc.message),
                                 _("xem lỗi của git (ví dụ một hook pre-commit) ở trên, sửa rồi chạy lại lệnh")) from None
            raise
        self.finish()
        return committed

    def _landed(self, before: str | None, paths: list[str]) -> bool:
        root = self.ws.root
        after = gitrepo.head(root)
        if after is None or after == before:
            return False
        return all(blob is not None for blob in gitrepo.blobs_at(root, after, paths[-1:]).values())

    def finish(self) -> None:
        """The write has happened: from here a signal is noted, never raised."""
        self.done = True
        _install(_note)

    def rollback(self) -> None:
        with contextlib.suppress(DvcliError, OSError):
            gitrepo.unstage(self.ws.root, self.staged)
        for path in reversed(self.created):
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink(missing_ok=True)
        self.created.clear()
        for folder in self.parents:  # innermost first
            with contextlib.suppress(OSError):
                folder.rmdir()
        self.parents.clear()


@contextlib.contextmanager
def transaction(ws: Workspace) -> Iterator[Transaction]:
    """Lock, then all-or-nothing; SIGTERM is Ctrl-C. The caller ends with ``finish`` or ``commit``."""
    with lock.hold(ws.state_dir):
        _install(_interrupt)
        tx = Transaction(ws)
        try:
            yield tx
            if not tx.done:
                tx.finish()
        except KeyboardInterrupt:
            if tx.done:
                raise
            tx.rollback()
            settle()
            raise KeyboardInterrupt(_("đã dừng theo yêu cầu (Ctrl-C); chưa ghi gì, không để lại tệp nào")) from None
        except OSError as exc:
            tx.rollback()
            settle()
            raise _os_error(ws, exc) from exc
        except BaseException:
            if not tx.done:
                tx.rollback()
                settle()
            raise


def _os_error(ws: Workspace, exc: OSError) -> DvcliError:
    where = ws.rel(Path(exc.filename)) if exc.filename else ws.rel(ws.data)
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        hint = _("giải phóng chỗ trống trên đĩa rồi chạy lại lệnh")
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        hint = _("kiểm tra quyền ghi vào thư mục của không gian làm việc rồi chạy lại lệnh")
    else:
        hint = _("sửa lỗi của hệ điều hành rồi chạy lại lệnh")
    return DvcliError(_("không ghi được {p}: {e}; đã huỷ, không để lại tệp nào").format(p=where, e=reason), hint)
