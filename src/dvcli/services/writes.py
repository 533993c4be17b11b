"""How every writing command writes: one transaction — all of it, or nothing.

``transaction`` takes the workspace lock, runs the command's write, and commits exactly the
files written with the record's message (unless ``--no-commit`` or the workspace is not a git
repository). While it runs, every write of ``atomic`` is watched: each path must stay inside the
workspace without passing a symlink (``paths.inside``), and what was there before is kept. If
anything fails — a write (full disk, read-only folder), the commit (a refusing hook), Ctrl-C or
SIGTERM — every file is put back as it was, the lock is released, and the error says so; when
even putting back fails, it names the files left changed. A signal that arrives while git
commits is held until the commit has ended, so the message always tells what really happened;
once the write has happened, a signal is only noted until the command ends (``interrupts.hold``).

A command that writes a whole folder at once (issuing a document, preparing one for signature)
writes it into a hidden staging folder (``Transaction.staging``) and renames it into place in one
step (``place``): even a process killed with SIGKILL then leaves only that hidden folder, which
``check`` names, never a half-written numbered one. Its commit message may depend on what was
written (the number taken under the lock): ``message`` can be a function, called after ``write``.

``locked_write`` is the same for a write function that takes no argument. The clock lives here
too, so tests and documentation can pin "now" with ``DVCLI_NOW``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic, gitrepo, interrupts, lock, oserrors, paths
from ..errors import ConflictError, DvcliError, Interrupted
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
        self._folders: list[Path] = []  # staging folders and the folders they became, removed whole on undo
        # A second name (hard link) for each file's old content: an atomic write replaces the file by
        # a new one, so the old inode stays whole under this name and undo is one rename — which needs
        # no free space, so a write stopped by a full disk is always put back.
        self._kept: dict[Path, Path] = {}
        self._undo_dir: Path | None = None

    def prepare_undo(self) -> None:
        """Make the folder for the old contents' second names (machine state; once, under the lock)."""
        folder = self.ws.state_dir / "undo"
        folder.mkdir(parents=True, exist_ok=True)
        for left in folder.iterdir():  # a writer killed outright left them; under the lock none is in use
            with contextlib.suppress(OSError):
                left.unlink()
        self._undo_dir = folder

    def _keep(self, target: Path) -> None:
        if self._undo_dir is None:
            return
        backup = self._undo_dir / f"{os.getpid()}-{len(self._kept)}"
        try:
            backup.unlink(missing_ok=True)
            os.link(target, backup, follow_symlinks=False)
        except OSError:  # another file system, or links refused: the content read into memory is used
            return
        self._kept[target] = backup

    def discard_kept(self) -> None:
        """Forget the old contents' second names (after a commit, or after undo)."""
        for backup in self._kept.values():
            with contextlib.suppress(OSError):
                backup.unlink()
        self._kept.clear()

    @property
    def written(self) -> list[Path]:
        return list(self._before)

    @property
    def touched(self) -> bool:
        """Whether anything was written or created (files, folders): whether there is anything to undo."""
        return bool(self._before or self._folders or self._made)

    def before_write(self, path: Path) -> None:
        target = Path(path).absolute()
        paths.inside(self.ws.root, target)
        if target in self._before:
            return
        try:
            self._before[target] = target.read_bytes()
        except FileNotFoundError:
            self._before[target] = None
        else:
            self._keep(target)
        folder = target.parent
        while folder != self.ws.root and not folder.exists():
            self._made.append(folder)
            folder = folder.parent

    def staging(self, final: Path) -> Path:
        """A new hidden folder beside ``final`` to write a whole folder into; ``place`` renames it to ``final``."""
        target = Path(final).absolute()
        paths.inside(self.ws.root, target)
        folder = target.parent
        while folder != self.ws.root and not folder.exists():
            self._made.append(folder)
            folder = folder.parent
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f".{target.name}.{os.getpid()}.tmp"
        if staging.exists():  # a leftover of this very process id: never anyone's record
            shutil.rmtree(staging)
        staging.mkdir()
        self._folders.append(staging)
        return staging

    def place(self, staging: Path, final: Path) -> None:
        """Rename the staging folder to ``final`` in one step (``final`` must not exist)."""
        target = Path(final).absolute()
        if target.exists():
            raise ConflictError(_("thư mục {p} đã có").format(p=self.ws.rel(target)),
                                _("số này đã được dùng; bỏ --number để lấy số tiếp theo"))
        staging.rename(target)
        self._folders.append(target)

    def add_file(self, path: Path, data: bytes) -> None:
        """Create ``path``, which must not exist yet (undone with the rest)."""
        if not atomic.create(path, data):
            raise ConflictError(_("tệp {p} đã có").format(p=self.ws.rel(Path(path).absolute())), _("chạy lại lệnh"))

    def undo(self) -> list[str]:
        """Put every file back as it was; return the ones that could not be (empty: all were)."""
        failed: list[str] = []
        for folder in reversed(self._folders):  # a placed folder first: its files were written in staging
            try:
                if folder.is_dir() and not folder.is_symlink():
                    shutil.rmtree(folder)
            except OSError:
                failed.append(self.ws.rel(folder))
        for path, before in reversed(list(self._before.items())):
            try:
                if before is None:
                    path.unlink(missing_ok=True)
                elif path in self._kept:  # one rename: no free space needed
                    self._kept.pop(path).replace(path)
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


def transaction(ws: Workspace, message: str | Callable[[], str], commit: bool,
                write: Callable[[Transaction], Iterable[Path] | None]) -> Written:
    """Run ``write`` as one all-or-nothing change of the workspace, then commit what it wrote.

    ``write`` writes through ``atomic`` (every such write is guarded and can be undone) and
    returns the files to commit, or None for every file it wrote. ``message`` is the commit's
    message, or a function that gives it once ``write`` has run.
    """
    interrupts.settle()  # a hold left by an earlier command in this process (tests run many) ends here
    git = commit and gitrepo.is_repository(ws.root)  # raises, before anything is written, when git refuses the repository
    tx = Transaction(ws)
    try:
        with lock.hold(ws.state_dir):
            tx.prepare_undo()
            try:
                try:
                    with atomic.watch(tx.before_write):
                        returned = write(tx)
                    text = message() if callable(message) else message
                except BaseException as exc:
                    error = _undone(tx, exc)
                    if error is exc:
                        raise
                    raise error from exc
                shown = [ws.rel(path) for path in (tx.written if returned is None else returned)]
                committed = git and bool(shown) and _commit(tx, shown, text)
                if not committed:
                    interrupts.hold()  # saved without a commit: the write has happened all the same
            finally:
                tx.discard_kept()
    except OSError as exc:  # taking or releasing the lock: nothing of the command was written
        error = oserrors.translate(exc)
        error.message = f"{error.message}; {tx.state([])}" if not tx.written else error.message
        raise error from exc
    return Written(shown, committed, text)


def locked_write(ws: Workspace, message: str, commit: bool, write: Callable[[], list[Path]]) -> Written:
    """``transaction`` for a write function that takes no argument and returns the files it wrote."""
    return transaction(ws, message, commit, lambda _tx: write())


def _undone(tx: Transaction, exc: BaseException) -> BaseException:
    """Undo ``tx`` after ``exc`` and return the error to raise, saying what state things are in."""
    if not tx.touched:  # nothing was written: the error is the whole story (a system error says so)
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
                interrupts.hold(interrupts.pending())
                return True
            state = tx.state(tx.undo())
            signum = interrupts.pending()
            if signum is not None:
                raise Interrupted(signum, state) from None
            raise DvcliError(_("git không ghi được commit: {e}; {s}").format(e=exc.message, s=state),
                             (f"{exc.hint}; " if exc.hint else "") + _("sửa lỗi rồi chạy lại lệnh, hoặc thêm "
                                                                       "--no-commit để chỉ lưu tệp")) from None
        interrupts.hold(interrupts.pending())  # a signal while the commit succeeded: the work is done, say so
    return done


def now(regime: Reporting) -> dt.datetime:
    """The current time in the plan's zone, to the second (``DVCLI_NOW`` overrides it: ``periods.now``)."""
    return periods_now(zone(regime))


def today(regime: Reporting) -> dt.date:
    return now(regime).date()
