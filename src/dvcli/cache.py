"""The verified parse cache: validated records, each stored with the SHA-256 of its file's bytes.

An entry is found by the file's path and served only when the bytes read now hash to the digest
stored with it, so an edited file is never served stale — whatever its size, its modification
time or the file system's timestamp granularity (stat data is never trusted for a record). Hashing a 2 KB file
costs about a microsecond; parsing it with libyaml costs about two hundred.

Layout (``.dvcli/cache/``), sharded so that a command loads only what it reads:
- one shard per report week (``data/reports/2021/W38``, its ``dot-xuat/`` included), one for
  ``data/assignments``, one for ``data/issued``, one for the other files of ``data/``;
- per shard, ``<shard>.rec`` maps path → (kind, digest, record) and ``<shard>.ok`` maps path →
  (kind, digest, context): "this exact file checked clean against this plan and roster", which
  lets ``dvcli check`` skip even unpickling the records of files it already passed;
- per report week, ``<week>.fig``: the figures of its weekly reports (``snapshot/figures.py``),
  keyed by every one of their digests, which the cumulative totals of later weeks read instead
  of the week's records;
- per report week and for ``data/assignments``, ``<folder>.seen``: the few top-level lines
  ``status`` reads of each file, no record (``snapshot/seen.py``), each kept with the file's
  stat data — trusted there only as that module explains.

Every file ends with this machine's keyed tag (``machine.py``), checked before anything is
unpickled: a shard this machine did not write — copied in, forced into git, edited — is ignored and
rebuilt. The state folder itself is inside ``.git/`` when there is one (``Workspace.state_dir``).
Every file is a pickle headed by the format, dvcli's version and a fingerprint of the sources
that shape records and verdicts (``_SOURCES``), read by an unpickler restricted
to dvcli's record types: a corrupt, foreign, truncated or tampered file is ignored and rebuilt,
never executed. Entries for files that no longer exist are dropped whenever a shard is written,
so the cache holds at most one entry per existing file. Writes are atomic (temp file + rename)
but not fsync'ed: a cache lost in a crash is rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__, machine
from .rawio import paused_gc

# What a cached record or verdict was made by: record types (the model package), validation
# (schema.py) and the rules behind a clean verdict (the checks package). Their source bytes
# are hashed at import (~0.1 ms), so any edit during development — a field added to a record type, a
# rule changed — makes every shard foreign, hence rebuilt, without anyone bumping a number or the
# version. A folder stands for every ``.py`` file in it, so a new record module is counted too.
_SOURCES = ("model", "schema.py", "checks")


def source_fingerprint(folder: Path, names: tuple[str, ...] = _SOURCES) -> str:
    """SHA-256 over the bytes of the named source files (or folders' ``.py`` files) in ``folder``."""
    digest = hashlib.sha256()
    for name in names:
        path = folder / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            try:
                digest.update(file.read_bytes())
            except OSError:  # not a plain file (a zip import): the version alone must do
                digest.update(b"?")
            digest.update(b"\0")
    return digest.hexdigest()


_FORMAT = ("dvcli-cache", 4, __version__, source_fingerprint(Path(__file__).parent))
# Exactly the globals a pickled record needs; everything else (os.system, dotted paths such as
# ``collections._sys.exit``, private names) makes the whole shard unreadable, hence rebuilt.
_ALLOWED_GLOBALS = {
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "decimal": {"Decimal"},
    "builtins": {"dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool"},
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class _RecordUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if "." in name or name.startswith("_"):
            raise pickle.UnpicklingError(f"{module}.{name} is not a dvcli record type")
        if module.startswith("dvcli.model."):  # a record type, looked up only among those dvcli.model exports
            from . import model

            found = getattr(model, name, None) if name in model.__all__ else None
            if isinstance(found, type) and found.__module__ == module:
                return found
        elif name in _ALLOWED_GLOBALS.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a dvcli record type")


class _PlainUnpickler(pickle.Unpickler):
    """Verdict files hold only strings, bytes and tuples: no global at all may be loaded."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a verdict file")


def shard_of(rel: str) -> str:
    """The shard a workspace-relative path belongs to (see module docstring)."""
    parts = rel.split("/")
    if len(parts) >= 5 and parts[0] == "data" and parts[1] == "reports":
        return "/".join(parts[:4])
    return "/".join(parts[: min(2, len(parts) - 1)]) or "."


class _Table:
    """One shard file: a dict loaded on first use and written back only if changed."""

    def __init__(self, file: Path | None, unpickler: Callable[[io.BytesIO], pickle.Unpickler]) -> None:
        self.file, self.unpickler = file, unpickler
        self.entries: dict[str, tuple[Any, ...]] | None = None
        self.dirty = False

    def load(self) -> dict[str, tuple[Any, ...]]:
        if self.entries is None:
            self.entries = {}
            secret = machine.key()
            if self.file is not None and secret is not None:
                try:
                    data = self.file.read_bytes()
                except OSError:
                    return self.entries
                body = memoryview(data)[:-machine.TAG_BYTES]
                if len(data) <= machine.TAG_BYTES or not machine.verified(secret, body, data[-machine.TAG_BYTES:]):
                    self.dirty = True  # not written here (or damaged): never unpickled, replaced
                    return self.entries
                try:
                    with paused_gc():
                        header, entries = self.unpickler(io.BytesIO(body)).load()
                        if header == _FORMAT and isinstance(entries, dict):
                            self.entries = entries
                            # Loaded records live until the command ends: move them out of the GC's
                            # reach so later collections do not walk 10,000 reports again and again —
                            # before the GC is back on, or the first allocation after it walks them once.
                            gc.freeze()
                except Exception:  # noqa: BLE001 - any unreadable shard is simply rebuilt
                    self.entries = {}
                    self.dirty = True  # replace the bad file even if nothing new is added
        return self.entries

    def save(self, root: Path) -> None:
        secret = machine.key()
        if not self.dirty or self.file is None or self.entries is None or secret is None:
            return
        entries = {rel: entry for rel, entry in self.entries.items() if (root / rel).exists()}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.file.name}.", suffix=".tmp", dir=self.file.parent)
            tmp = Path(name)
            try:
                # Pickled straight into the file, frame by frame: never a second copy of a week's
                # records in memory (25 MB for 10,000 reports, on top of the records themselves).
                with os.fdopen(fd, "wb") as handle, paused_gc():
                    sealed = _Sealed(handle, machine.tagger(secret))
                    pickle.dump((_FORMAT, entries), sealed, protocol=pickle.HIGHEST_PROTOCOL)
                    handle.write(sealed.tag.digest())  # this machine's tag, checked before any unpickling
                tmp.replace(self.file)
            finally:
                tmp.unlink(missing_ok=True)
        except OSError:
            return  # a read-only workspace still works, just without the cache
        self.dirty = False


class _Sealed:
    """A file object for ``pickle.dump`` that feeds every byte written to this machine's keyed hash."""

    def __init__(self, handle: Any, tag: Any) -> None:
        self.handle, self.tag = handle, tag

    def write(self, data: bytes) -> int:
        self.tag.update(data)
        written: int = self.handle.write(data)
        return written


class ParseCache:
    """Records and clean verdicts of one workspace, sharded by folder (see module docstring)."""

    def __init__(self, directory: Path | None, root: Path) -> None:
        self.directory, self.root = directory, root
        self.records: dict[str, _Table] = {}
        self.verdicts: dict[str, _Table] = {}
        self.summaries: dict[str, _Table] = {}
        self.lines: dict[str, _Table] = {}

    def _table(self, tables: dict[str, _Table], rel: str, suffix: str,
               unpickler: Callable[[io.BytesIO], pickle.Unpickler], shard: str | None = None) -> _Table:
        shard = shard_of(rel) if shard is None else shard
        table = tables.get(shard)
        if table is None:
            file = None if self.directory is None else self.directory / (_UNSAFE.sub("_", shard.replace("/", "~")) + suffix)
            table = tables[shard] = _Table(file, unpickler)
        return table

    def _record_table(self, rel: str) -> _Table:
        return self._table(self.records, rel, ".rec", _RecordUnpickler)

    def _verdict_table(self, rel: str) -> _Table:
        return self._table(self.verdicts, rel, ".ok", _PlainUnpickler)

    def get(self, rel: str, kind: str, digest: bytes) -> Any:
        """The record validated from exactly these bytes, or None."""
        entry = self._record_table(rel).load().get(rel)
        if entry is not None and entry[0] == kind and entry[1] == digest:
            return entry[2]
        return None

    def put(self, rel: str, kind: str, digest: bytes, record: Any) -> None:
        table = self._record_table(rel)
        table.load()[rel] = (kind, digest, record)
        table.dirty = True

    def is_clean(self, rel: str, kind: str, digest: bytes, context: str) -> bool:
        """True when exactly these bytes were checked clean in ``context`` before."""
        return self._verdict_table(rel).load().get(rel) == (kind, digest, context)

    def mark_clean(self, rel: str, kind: str, digest: bytes, context: str) -> None:
        table = self._verdict_table(rel)
        entries = table.load()
        if entries.get(rel) != (kind, digest, context):
            entries[rel] = (kind, digest, context)
            table.dirty = True

    def figures(self, week: str, key: bytes) -> Any:
        """The figures stored for week folder ``week`` (``data/reports/2021/W38``) from exactly the
        files ``key`` names (``snapshot.figures.week_key``), or None."""
        entry = self._table(self.summaries, week, ".fig", _RecordUnpickler, week).load().get(week)
        if entry is not None and entry[0] == key:
            return entry[1]
        return None

    def put_figures(self, week: str, key: bytes, plain: Any) -> None:
        table = self._table(self.summaries, week, ".fig", _RecordUnpickler, week)
        table.load()[week] = (key, plain)
        table.dirty = True

    def seen(self, folder: str) -> Any:
        """What ``snapshot/seen.py`` stored for ``folder`` (a workspace-relative folder), or None."""
        return self._table(self.lines, folder, ".seen", _PlainUnpickler, folder).load().get(folder)

    def put_seen(self, folder: str, plain: Any) -> None:
        table = self._table(self.lines, folder, ".seen", _PlainUnpickler, folder)
        table.load()[folder] = plain
        table.dirty = True

    def _tables(self) -> tuple[_Table, ...]:
        return (*self.records.values(), *self.verdicts.values(), *self.summaries.values(), *self.lines.values())

    def saved_elsewhere(self) -> None:
        """Every change so far is being saved by another process (``Store.save_early``)."""
        for table in self._tables():
            table.dirty = False

    def save(self) -> None:
        if self.directory is None:
            return
        for table in self._tables():
            table.save(self.root)
