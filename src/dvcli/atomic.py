"""Atomic file writes: a reader sees the old file or the new one, never a part of either.

Every file dvcli writes goes through here: the bytes go to a temp file beside the target, are
flushed to disk, take the mode the target has (or would get), and only then take its name.
``create`` never replaces a file that is already there, even one that appeared a moment ago.

A write transaction (``services/writes.py``) watches every write made while it is open through
``watch``: it is told each path before the write, so it can refuse a path through a symlink and
keep what was there to put it back if the command fails.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_watchers: list[Callable[[Path], None]] = []


@contextmanager
def watch(before_write: Callable[[Path], None]) -> Iterator[None]:
    """Call ``before_write(path)`` before every write of this module inside the block."""
    _watchers.append(before_write)
    try:
        yield
    finally:
        _watchers.remove(before_write)


def _announce(path: Path) -> None:
    for watcher in _watchers:
        watcher(path)


def remove(path: Path) -> None:
    """Delete ``path`` as a write of this module: a transaction watching it can put the file back."""
    _announce(path)
    path.unlink()


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a part."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing it) so that readers see the old file or the new one."""
    _announce(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temp_beside(path, data) as tmp:
        tmp.replace(path)


def create(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` only if no file is there; return False if one already is.

    Linking the finished temp file into place fails when the name exists, so a concurrent
    writer can never be overwritten (``os.replace`` would silently win).
    """
    _announce(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temp_beside(path, data) as tmp:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links (some network shares): exclusive create
            try:
                handle = path.open("xb")
            except FileExistsError:
                return False
            with handle:
                handle.write(data)
    return True


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the umask (mkstemp uses 0o600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def _temp_beside(path: Path, data: bytes) -> Iterator[Path]:
    """A finished temp file holding ``data`` next to ``path``, with the mode ``path`` has or would get."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = _new_file_mode()
        tmp.chmod(mode)
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)
