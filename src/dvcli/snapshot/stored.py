"""One stored file a command goes to by its path, read under the workspace rule.

The listing never takes a symbolic link for a record (``rule``). A command that goes straight to
a known path — the report ``report edit``, ``report withdraw`` or ``review`` acts on, the files of
an issued document ``issued export`` packs — must not either: a pushed link
``data/reports/2021/W38/a.yaml -> /home/x/secret.yaml`` would otherwise have the secretary's
machine copy a local file into a draft, a withdrawal record or a package sent upward, or record
that file's digest as the report's. Every such read goes through here: no link anywhere on the
way (``paths.inside``), and the file opened without following one (``rawio.read_bytes``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import paths
from ..rawio import read_bytes
from ..workspace import Workspace


def named(path: Path) -> Path:
    """A path the user typed, absolute, its folders resolved (the workspace itself may be reached
    through a link) but not the file: a committed link named as a record stays a link, for
    ``stored_file`` to refuse."""
    return path.absolute().parent.resolve() / path.name


def stored_file(ws: Workspace, path: Path) -> bool:
    """True when ``path`` is a regular file of the workspace; ``UnsafePathError`` for a link on the way."""
    paths.inside(ws.root, path)
    return path.is_file()


def is_record_file(ws: Workspace, path: Path) -> bool:
    """True when ``path`` is a regular file with no link on the way: one the listing takes for a record."""
    return paths.symlink_on_the_way(ws.root, path) is None and path.is_file()


def stored_bytes(ws: Workspace, path: Path) -> bytes:
    """The bytes of the workspace file ``path``; ``UnsafePathError`` for a link on the way, else ``OSError``."""
    paths.inside(ws.root, path)
    return read_bytes(path)


def stored_text(ws: Workspace, path: Path) -> str:
    return stored_bytes(ws, path).decode("utf-8")


def stored_digest(ws: Workspace, path: Path) -> str:
    """The SHA-256 (hex) of the workspace file ``path``, read as ``stored_bytes`` reads it."""
    return hashlib.sha256(stored_bytes(ws, path)).hexdigest()
