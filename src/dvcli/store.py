"""Reading and writing the workspace's records: strict parse, validation, the verified cache.

Every record is read through ``read``: the file's bytes are hashed, and a record validated
before from the same bytes comes from the cache (no YAML parsing, no pydantic); otherwise the
file is parsed strictly and validated, and problems carry file, line and field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import cache as parse_cache
from . import yamlio
from .errors import DataError, Problem
from .model import Plan, Roster
from .workspace import Workspace

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
        self.cache = parse_cache.ParseCache(workspace.state_dir / "cache" / "records.pickle" if use_cache else None)

    def read(self, path: Path, kind: type[T]) -> Loaded:
        """Read and validate one file as ``kind``; never raises for bad data."""
        display = self.ws.rel(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problem = Problem(display, None, "", f"không đọc được tệp: {exc.strerror}",
                              "kiểm tra đường dẫn và quyền đọc tệp")
            return Loaded(path, display, None, [problem])
        digest = hashlib.sha256(raw).hexdigest()
        cached = self.cache.get(kind.__name__, digest)
        if cached is not None:
            return Loaded(path, display, cached, [], digest)
        try:
            data = yamlio.loads(raw, display)
        except DataError as exc:
            return Loaded(path, display, None, exc.problems, digest)
        from . import schema  # only here: pydantic is for files the cache has not seen

        record, errors = schema.validate(kind, {} if data is None else data)
        if record is None:
            problems = [
                Problem(display, yamlio.line_of(path, list(error.loc)), error.field, error.message, error.hint)
                for error in errors
            ]
            return Loaded(path, display, None, problems, digest)
        self.cache.put(kind.__name__, digest, record)
        return Loaded(path, display, record, [], digest)

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
        return yamlio.line_of(path, list(loc))

    def close(self) -> None:
        """Persist what this run added to the cache."""
        self.cache.save()
