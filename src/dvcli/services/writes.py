"""How every writing command writes: one transaction — all of it, or nothing.

``transaction`` takes the workspace lock, runs the command's write, and commits exactly the
files written with the record's message (unless ``--no-commit`` or the workspace is not a git
repository). While it runs, every write of ``atomic`` is watched: each path must stay inside the
workspace without passing a symlink (``paths.inside``), and what was there before is kept. If
anything fails — a write (full disk, read-only folder), the commit (a refusing hook), Ctrl-C or
SIGTERM — every file is put back as it was, the lock is released, and the error says so; when
even putting back fails, it names the files left changed. A signal that arrives while git
commits is held until the commit has ended, so the message always tells what really happened.

``locked_write`` is the same for a write function that takes no argument. The clock lives here
too, so tests and documentation can pin "now" with ``DVCLI_NOW``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic, gitrepo, interrupts, lock, oserrors, paths
from ..errors import DvcliError, Interrupted
from ..i18n import _
from ..model import Reporting
from ..periods import now as periods_now
from ..periods import zone
from ..workspace import Workspace


@dataclass
class Written:
    """What a writing command did: files (relative to the root) and whether git recorded them."""

    paths: list[str] = field(default_factory=list)
    committed: bool = False
    message: str = ""


class Transaction:
    """The files one command changes: guarded before each write, put back if the command fails."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._before: dict[Path, bytes | None] = {}  # None: the file did not exist
        self._made: list[Path] = []  # folders the writes created, deepest first

    @property
    def written(self) -> list[Path]:
        return list(self._before)

    def before_write(self, path: Path) -> None:
        target = Path(path).absolute()
        paths.inside(self.ws.root, target)
        if target in self._before:
            return
        try:
            self._before[target] = target.read_bytes()
        except FileNotFoundError:
            self._before[target] = None
        folder = target.parent
        while folder != self.ws.root and not folder.exists():
            self._made.append(folder)
            folder = folder.parent

    def undo(self) -> list[str]:
        """Put every file back as it was; return the ones that could not be (empty: all were)."""
        failed: list[str] = []
        for path, before in reversed(list(self._before.items())):
            try:
                if before is None:
                    path.unlink(missing_ok=True)
                elif _content(path) != before:
                    atomic.write_bytes(path, before)
            except OSError:
                failed.append(self.ws.rel(path))
        for folder in self._made:
            with contextlib.suppress(OSError):  # not empty (another writer's file) or already gone: leave it
                folder.rmdir()
        return failed

    def state(self, failed: list[str]) -> str:
        """What the workspace holds now, for the message."""
        if failed:
            return _("các tệp sau còn dở, chưa hoàn lại được: {f} — xem bằng: git status").format(f=", ".join(failed))
        return _("chưa ghi gì, không gian làm việc vẫn như trước khi chạy lệnh")


def _content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def transaction(ws: Workspace, message: str, commit: bool,
                write: Callable[[Transaction], Iterable[Path] | None]) -> Written:
    """Run ``write`` as one all-or-nothing change of the workspace, then commit what it wrote.

    ``write`` writes through ``atomic`` (every such write is guarded and can be undone) and
    returns the files to commit, or None for every file it wrote.
    """
    git = commit and gitrepo.is_repository(ws.root)  # raises, before anything is written, when git refuses the repository
    tx = Transaction(ws)
    try:
        with lock.hold(ws.state_dir):
            try:
                with atomic.watch(tx.before_write):
                    returned = write(tx)
            except BaseException as exc:
                error = _undone(tx, exc)
                if error is exc:
                    raise
                raise error from exc
            shown = [ws.rel(path) for path in (tx.written if returned is None else returned)]
            committed = git and bool(shown) and _commit(tx, shown, message)
    except OSError as exc:  # taking or releasing the lock: nothing of the command was written
        error = oserrors.translate(exc)
        error.message = f"{error.message}; {tx.state([])}" if not tx.written else error.message
        raise error from exc
    return Written(shown, committed, message)


def locked_write(ws: Workspace, message: str, commit: bool, write: Callable[[], list[Path]]) -> Written:
    """``transaction`` for a write function that takes no argument and returns the files it wrote."""
    return transaction(ws, message, commit, lambda _tx: write())


def _undone(tx: Transaction, exc: BaseException) -> BaseException:
    """Undo ``tx`` after ``exc`` and return the error to raise, saying what state things are in."""
    if not tx.written:  # nothing was written: the error is the whole story (a system error says so)
        if isinstance(exc, OSError):
            error = oserrors.translate(exc)
            error.message = f"{error.message}; {tx.state([])}"
            return error
        return exc
    with interrupts.deferred():
        state = tx.state(tx.undo())
    if isinstance(exc, KeyboardInterrupt):
        return Interrupted(exc.signum if isinstance(exc, Interrupted) else 2, state)
    if isinstance(exc, OSError):
        exc = oserrors.translate(exc)
    if isinstance(exc, DvcliError):
        exc.message = f"{exc.message}; {state}"
    return exc


def _commit(tx: Transaction, shown: list[str], message: str) -> bool:
    """Commit ``shown``; on any failure unstage them, undo every write, and raise saying so."""
    root = tx.ws.root
    with interrupts.deferred():
        head = gitrepo.rev(root, "HEAD")
        try:
            try:
                with gitrepo.index_restored_on_error(root):
                    done = gitrepo.commit(root, shown, message)
            except OSError as exc:  # the index could not be put back
                raise DvcliError(oserrors.translate(exc).message + "; " + _("chỉ mục git (git index) đã đổi"),
                                 _("xem bằng: git status")) from exc
        except DvcliError as exc:
            if gitrepo.rev(root, "HEAD") != head:  # the commit was made (a hook after it failed): it stands
                interrupts.pending()
                return True
            state = tx.state(tx.undo())
            signum = interrupts.pending()
            if signum is not None:
                raise Interrupted(signum, state) from None
            raise DvcliError(_("git không ghi được commit: {e}; {s}").format(e=exc.message, s=state),
                             (f"{exc.hint}; " if exc.hint else "") + _("sửa lỗi rồi chạy lại lệnh, hoặc thêm "
                                                                       "--no-commit để chỉ lưu tệp")) from None
        interrupts.pending()  # a signal while the commit succeeded: the work is done, say so
    return done


def now(regime: Reporting) -> dt.datetime:
    """The current time in the plan's zone, to the second (``DVCLI_NOW`` overrides it: ``periods.now``)."""
    return periods_now(zone(regime))


def today(regime: Reporting) -> dt.date:
    return now(regime).date()
