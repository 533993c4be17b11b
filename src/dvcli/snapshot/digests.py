"""What a memoised document depends on besides its records, as ``name:sha256`` lines.

The preview memo (``services/consolidate_memo``) is keyed by everything its output is made of:
the records (``Files``' digests) and, here, the workspace's templates, the period's draft, the
requests, the reviews ``--accepted-only`` reads, and a centre's units and received reports. They
are listed and hashed here, by the snapshot, so that no service lists ``data/`` itself. Nothing is
parsed: a stray or unreadable entry is named in its line (``:?``, ``\\0-``), so adding, removing or
damaging it changes the key and only makes the memo miss — the run that follows reads, and names,
the problem.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..rawio import read_bytes
from ..workspace import Workspace
from .corrections import all_files
from .drafts import folder as drafts_folder
from .received import received_folders, units_file


def folder_digests(folder: Path) -> list[str]:
    """``name:sha256`` of every entry directly in ``folder``, sorted; ``name:?`` for one that is not a
    readable regular file (a folder, a link: never followed); ``["-"]`` when ``folder`` cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            names = sorted((entry.name, entry.path) for entry in entries)
    except OSError:
        return ["-"]
    return [f"{name}:{_digest(path) or '?'}" for name, path in names]


def draft_digests(ws: Workspace) -> list[str]:
    """Every entry of ``data/drafts/``: a draft, when there is one, is the document's text."""
    return folder_digests(drafts_folder(ws))


def review_digests(ws: Workspace) -> list[str]:
    """``path:sha256`` of every review file: what ``--accepted-only`` output depends on besides reports."""
    return [f"{ws.rel(path)}:{_digest(path) or '?'}" for path in all_files(ws.reviews_dir)]


def unit_digests(ws: Workspace) -> list[str]:
    """What a centre's document also depends on: ``data/units.yaml`` and every received unit report."""
    paths = [units_file(ws), *(path for folder in received_folders(ws) for path in
                               (folder.record_path, folder.package_path, folder.replaced_path))]
    # "-": missing, or a symbolic link (never followed): the key changes, the read names it
    return [f"{ws.rel(path)}\0{_digest(path) or '-'}" for path in paths]


def _digest(path: str | Path) -> str | None:
    """The SHA-256 (hex) of a regular file's bytes; None when it cannot be read without following a link."""
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except OSError:
        return None
