"""Reading and writing the workspace's records: strict parse, validation, the verified cache.

Every record is read through ``read``: the file's bytes are hashed, and a record validated
before from the same bytes comes from the cache (no YAML parsing, no pydantic); otherwise the
file is parsed strictly and validated, and problems carry file, line and field.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .. import cache as parse_cache
from .. import parallel
from ..errors import DataError, Problem, cannot_read
from ..model import Plan, Roster
from ..model.common import max_file_bytes
from ..rawio import read_bytes
from ..workspace import Workspace

T = TypeVar("T")




@dataclass
class Loaded:
    """A record read from ``path`` (or None), with the problems that stopped it."""

    path: Path
    display: str
    record: Any
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""


class Store:
    """The workspace's files, read through one verified cache per command run."""

    def __init__(self, workspace: Workspace, use_cache: bool = True) -> None:
        self.ws = workspace
        self.cache = parse_cache.ParseCache(workspace.state_dir / "cache" if use_cache else None, workspace.root)
        self._pending: tuple[Path, bytes, bytes] | None = None  # bytes read by ``known_clean``, reused by ``read``
        self._saving: Callable[[], None] | None = None  # the wait for a save ``save_early`` started

    def read(self, path: Path, kind: type[T], remember: bool = True) -> Loaded:
        """Read and validate one file as ``kind``; never raises for bad data.

        ``remember=False`` does not add a newly validated record to the cache: ``dvcli check``
        only needs its clean verdict, and pickling 500,000 records it never reads again cost more
        than a third of a cold check. Commands that use the records (consolidate) cache them.
        """
        display = self.ws.rel(path)
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] == path:
            raw, binary = pending[1], pending[2]
        else:
            try:
                raw = read_bytes(path, max_file_bytes(kind))
            except OSError as exc:
                return Loaded(path, display, None, [cannot_read(display, exc)])
            binary = hashlib.sha256(raw).digest()
        digest = binary.hex()
        cached = self.cache.get(display, kind.__name__, binary)
        if cached is not None:
            return Loaded(path, display, cached, [], digest)
        from .. import yamlio  # only here and below: a warm cache never imports yaml

        try:
            data = yamlio.loads(raw, display, max_file_bytes(kind))
        except DataError as exc:
            return Loaded(path, display, None, exc.problems, digest)
        from .. import schema  # only here: pydantic is for files the cache has not seen

        record, errors = schema.validate(kind, {} if data is None else data)
        if record is None:
            problems = [
                Problem(display, yamlio.line_of(path, list(error.loc)), error.field, error.message, error.hint)
                for error in errors
            ]
            return Loaded(path, display, None, problems, digest)
        if remember:
            self.cache.put(display, kind.__name__, binary, record)
        return Loaded(path, display, record, [], digest)

    def known_clean(self, path: Path, kind: type[Any], context: str) -> bool:
        """True when these exact bytes were read as ``kind`` and checked clean in ``context`` before.

        ``context`` names everything the file's rules depend on besides the file itself (for a
        report: the plan's and the roster's digests, see ``context``). Lets ``dvcli check`` pass a
        file it passed before without loading its record. The bytes read here are kept for a
        following ``read`` of the same path, so a miss costs no second read.
        """
        try:
            raw = read_bytes(path, max_file_bytes(kind))
        except OSError:
            return False
        binary = hashlib.sha256(raw).digest()
        self._pending = (path, raw, binary)
        return self.cache.is_clean(self.ws.rel(path), kind.__name__, binary, context)

    def mark_clean(self, loaded: Loaded, kind: type[Any], context: str) -> None:
        """Remember that ``loaded`` (read as ``kind``) had no problem in ``context``."""
        if loaded.record is not None and loaded.digest:
            self.cache.mark_clean(loaded.display, kind.__name__, bytes.fromhex(loaded.digest), context)

    def fingerprint(self, *paths: Path) -> str | None:
        """A token naming the current bytes of ``paths`` (and dvcli's version); None if one is unreadable."""
        digests = []
        for path in paths:
            try:
                digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
            except OSError:
                return None
        from .. import __version__

        return hashlib.sha256(":".join((__version__, *digests)).encode()).hexdigest()

    def fresh_cache(self) -> None:
        """Start an empty cache view (in a forked worker: never re-save the parent's shards)."""
        self.cache = parse_cache.ParseCache(self.cache.directory, self.ws.root)
        self._pending = None

    def context(self, *loaded: Loaded) -> str:
        """A token naming the exact versions of the files ``loaded`` (and of dvcli's rules)."""
        from .. import __version__

        return hashlib.sha256(":".join((__version__, *(item.digest for item in loaded))).encode()).hexdigest()

    def load(self, path: Path, kind: type[T]) -> T:
        """Read one file as ``kind`` or raise ``DataError`` with all its problems."""
        loaded = self.read(path, kind)
        if loaded.record is None:
            raise DataError(loaded.problems)
        record: T = loaded.record
        return record

    def plan(self) -> Plan:
        return self.load(self.ws.plan_file, Plan)

    def roster(self) -> Roster:
        return self.load(self.ws.members_file, Roster)

    def line(self, path: Path, loc: Iterable[str | int]) -> int | None:
        """The line of field ``loc`` in ``path`` — for cross-file problems found after loading."""
        from .. import yamlio

        return yamlio.line_of(path, list(loc))

    def close(self) -> None:
        """Persist what this run added to the cache (or wait for the save ``save_early`` started)."""
        pending, self._saving = self._saving, None
        if pending is not None:
            pending()
        self.cache.save()  # after an early save: only what was added since

    def save_early(self) -> None:
        """Persist the cache from a forked child while the caller goes on; ``close`` waits for it.

        A cold ``consolidate`` would otherwise spend its pickling time (about 0.6 s for 10,000
        reports) before computing; the child has a copy-on-write copy of the records and writes
        each shard atomically, so the files are the same either way. Where ``fork`` is missing or
        fails, ``close`` saves in this process as usual.
        """
        if not hasattr(os, "fork") or self._saving is not None:
            return
        child = parallel.start_in_child(self.cache.save)  # a failed save in the child only costs speed next time
        if child.pid is None:  # not forked: ``close`` saves here
            return
        self.cache.saved_elsewhere()  # what the child saves is not saved again here
        self._saving = child.wait
