"""Where requests for reports live: ``data/requests/<id>.yaml``, one flat folder.

The listing rule of the folder: a record is a regular file (not a symbolic link) with a visible
``*.yaml`` name directly in ``data/requests``. Hidden copies, editor backups, other extensions,
sub-folders and what they hold are never requests for any command; ``dvcli check`` names each.
"""

from __future__ import annotations

from pathlib import Path

from ..workspace import Workspace
from .rule import MISPLACED_REQUEST, Stray, entry_reason, everything_under, scan


def request_listing(ws: Workspace, strays: list[Stray] | None = None) -> list[Path]:
    """Every request file, sorted by name; every other entry of the folder goes to ``strays``."""
    found: list[Path] = []
    for entry in scan(str(ws.requests_dir), strays):
        reason = entry_reason(entry)
        if reason == "":
            continue  # a temporary file of an interrupted write: checks/leftovers.py names it
        if reason:
            if strays is not None:
                strays.append(Stray(entry.path, reason))
        elif entry.is_dir(follow_symlinks=False):
            if strays is not None:
                everything_under(entry.path, MISPLACED_REQUEST, strays, "request")
        else:
            found.append(Path(entry.path))
    return found


def request_files(ws: Workspace) -> list[Path]:
    """The request files by the listing rule (strays left out)."""
    return request_listing(ws)
