"""The verified parse cache: validated records keyed by the SHA-256 of their file's bytes.

Keying by content (not by size and mtime) means an edited file can never be served stale,
whatever the file system's timestamp granularity. The cache is a pickle restricted to dvcli's
record types, so a corrupt, foreign or tampered file is ignored and rebuilt, never executed.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

from . import __version__

_FORMAT = ("dvcli-cache", 1, __version__)
# Exactly the globals a pickled record needs; everything else (os.system, dotted paths such as
# ``collections._sys.exit``, private names) makes the whole cache unreadable, hence rebuilt.
_ALLOWED_GLOBALS = {
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "decimal": {"Decimal"},
    "builtins": {"dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool"},
}


class _RecordUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if "." in name or name.startswith("_"):
            raise pickle.UnpicklingError(f"{module}.{name} is not a dvcli record type")
        if module == "dvcli.model":
            from . import model

            found = getattr(model, name, None)
            if isinstance(found, type) and found.__module__ == model.__name__:
                return found
        elif name in _ALLOWED_GLOBALS.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a dvcli record type")


class ParseCache:
    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[tuple[str, str], Any] | None = None
        self.dirty = False

    def _load(self) -> dict[tuple[str, str], Any]:
        if self.entries is None:
            self.entries = {}
            if self.file is not None:
                try:
                    header, entries = _RecordUnpickler(io.BytesIO(self.file.read_bytes())).load()
                    if header == _FORMAT and isinstance(entries, dict):
                        self.entries = entries
                except Exception:  # noqa: BLE001 - any unreadable cache is simply rebuilt
                    self.entries = {}
        return self.entries

    def get(self, kind: str, digest: str) -> Any:
        return self._load().get((kind, digest))

    def put(self, kind: str, digest: str, record: Any) -> None:
        self._load()[(kind, digest)] = record
        self.dirty = True

    def save(self) -> None:
        if not self.dirty or self.file is None or self.entries is None:
            return
        from .yamlio import write_bytes_atomic

        try:
            write_bytes_atomic(self.file, pickle.dumps((_FORMAT, self.entries), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return  # a read-only workspace still works, just without the cache
        self.dirty = False
