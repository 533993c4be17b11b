"""What ``status`` read of each file last time, kept with the file's stat data: a warm ``status``
opens no report and no assignment that has not changed.

``status`` over 10,000 members reads one ``submitted:`` line per report and one ``end:`` line
per assignment (``headers``, ``assignments``): 20,000 opens and reads, and 10,000 folder listings.
A ``Seen`` remembers, per folder, what was read of each file together with the file's stat
data, and gives it back while the stat data is the same; a member's folder listing is kept with
the folder's own stat data. Stored in the sealed parse cache (``ParseCache.seen``: this machine
wrote it; plain tuples only).

Why stat data is safe here (it is not for records: ``cache.py``). The key of a file is its
``(mtime_ns, ctime_ns, size, inode, device, mode)``. Every change of a file's bytes sets its
ctime to the kernel's clock, and no tool can set a ctime back: ``git checkout``/``pull``/``rebase``
write files (ctime now, and a new inode), ``cp -a``, ``rsync -t``, ``tar`` or ``touch -d`` may set
the mtime to anything but not the ctime; a folder's ctime and mtime change whenever an entry is
added, removed or renamed. What stat data cannot show is a change within the same timestamp tick
as the read (a coarse clock: a few milliseconds; FAT: 2 s). So a stat is trusted only when the
file's mtime and ctime are both older than ``RACY_NS`` (3 s) before this run began, as git does
for its index: a file written since is read again every time until it is older. Every stat is
taken before the file is read, so what was read is never older than the key kept with it.
Where ctime is not the change time (Windows: it is the creation time) nothing is kept.
The fingerprint of the modules that read these lines is part of every entry, so a change in
how lines are read never meets facts read the old way.
"""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path
from typing import Any

from ..cache import ParseCache, source_fingerprint

RACY_NS = 3_000_000_000  # more than the coarsest timestamp tick (FAT's 2 s)
_TRUSTED = os.name == "posix"  # ctime is the inode's change time
_READERS = source_fingerprint(Path(__file__).parent, ("seen.py", "headers.py", "assignments.py"))

_PACK = struct.Struct("<qqqQQQ").pack  # 48 bytes a file: a third of the memory of a tuple of ints


def clock_ns() -> int:
    """Now, as this run's start (a function: tests move it forward)."""
    return time.time_ns()


class Seen:
    """What was read of the files of one folder (``data/reports/2021/W38``, ``data/assignments``)."""

    def __init__(self, cache: ParseCache | None, folder: str) -> None:
        self.cache, self.folder = (cache if _TRUSTED else None), folder
        stored = None if self.cache is None else self.cache.seen(folder)
        valid = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _READERS and isinstance(stored[1], dict)
        self.old: dict[str, Any] = stored[1] if valid else {}  # type: ignore[index]
        self.new: dict[str, Any] = {}
        self.since = clock_ns() - RACY_NS

    def key(self, stat: os.stat_result) -> bytes | None:
        """The stat data to keep for a file or folder, or None when it may still change unseen."""
        if self.cache is None or stat.st_mtime_ns >= self.since or stat.st_ctime_ns >= self.since:
            return None
        try:
            return _PACK(stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, stat.st_dev, stat.st_mode)
        except struct.error:  # a value out of range (never seen): keep nothing for this file
            return None

    def get(self, name: str, key: bytes | None) -> Any:
        """What was read of ``name`` when its stat data was ``key`` (kept for the next run), or None."""
        if key is None:
            return None
        entry = self.old.get(name)
        if entry is None or entry[0] != key:
            return None
        self.new[name] = entry
        return entry[1]

    def put(self, name: str, key: bytes | None, value: Any) -> None:
        """Keep ``value`` (plain data) read from ``name`` after its stat data was ``key``."""
        if key is not None:
            self.new[name] = (key, value)

    def save(self) -> None:
        """Store what this run kept, when it differs from what was stored (entries of files gone drop out)."""
        if self.cache is not None and self.new != self.old:
            self.cache.put_seen(self.folder, (_READERS, self.new))
