"""The workspace write lock: one dvcli process writes (and commits) at a time.

The lock is a file, ``.dvcli/lock``, created with ``O_CREAT | O_EXCL`` (atomic on every local
file system) and holding ``pid hostname time``. A second writer polls for a few seconds, then
gives up with a clear "busy" error. A lock left by a process that died (same host, pid gone)
is stale and is cleared — by renaming it aside first, so two processes clearing at once can
never delete a lock a third one has just taken.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import ConflictError
from .i18n import _

DEFAULT_WAIT = 3.0
_POLL = 0.05


def _content() -> str:
    return f"{os.getpid()} {socket.gethostname()} {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _owner(text: str) -> tuple[int, str, str] | None:
    parts = text.split()
    if len(parts) < 2 or not parts[0].isdigit():
        return None
    return int(parts[0]), parts[1], parts[2] if len(parts) > 2 else ""


def is_stale(text: str) -> bool:
    """True when the lock's owner is a process on this host that no longer exists."""
    owner = _owner(text)
    if owner is None:
        return False  # unreadable: another process may be writing it right now
    pid, host, _since = owner
    return host == socket.gethostname() and not _alive(pid)


_UNWRITTEN_GRACE = 2.0  # seconds: a live writer writes its owner line microseconds after creating the file


def _abandoned(path: Path, text: str) -> bool:
    """True for a lock whose owner line was never written: its writer died between create and write."""
    if _owner(text) is not None:
        return False
    try:
        return time.time() - path.stat().st_mtime > _UNWRITTEN_GRACE
    except FileNotFoundError:
        return False


def _clear_stale(path: Path, seen: str) -> None:
    aside = path.with_name(f"{path.name}.stale.{os.getpid()}")
    try:
        path.rename(aside)
    except FileNotFoundError:
        return
    try:
        if aside.read_text(encoding="utf-8", errors="replace") != seen:
            # a live lock was taken between our read and our rename: give it back
            with contextlib.suppress(FileExistsError):
                os.link(aside, path)
    finally:
        aside.unlink(missing_ok=True)


def _try_create(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_content())
    except OSError:  # a full disk: no half-made lock is left for the next writer to wait on
        path.unlink(missing_ok=True)
        raise
    return True


def _wait_seconds() -> float:
    try:
        return float(os.environ.get("DVCLI_LOCK_WAIT", DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT


@contextlib.contextmanager
def hold(state_dir: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the workspace lock for the ``with`` block; raise ``ConflictError`` when busy."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / "lock"
    deadline = time.monotonic() + (_wait_seconds() if wait is None else wait)
    while not _try_create(path):
        try:
            seen = path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            continue
        if is_stale(seen) or _abandoned(path, seen):
            _clear_stale(path, seen)
            continue
        if time.monotonic() >= deadline:
            owner = _owner(seen)
            who = _("tiến trình {pid} trên máy {host}, từ {since}").format(
                pid=owner[0], host=owner[1], since=owner[2]) if owner else _("không rõ tiến trình")
            raise ConflictError(
                _("dvcli đang ghi ở một tiến trình khác ({who}); chưa ghi gì").format(who=who),
                _("chờ lệnh kia xong rồi chạy lại; nếu chắc chắn không còn lệnh dvcli nào chạy, "
                  "xoá tệp {p}").format(p=path))
        time.sleep(_POLL)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)
