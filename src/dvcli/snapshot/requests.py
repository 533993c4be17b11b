"""Where requests for reports live: ``data/requests/<id>.yaml``, one flat folder.

The listing rule of the folder: a record is a regular file (not a symbolic link) with a visible
``*.yaml`` name directly in ``data/requests``. Hidden copies, editor backups, other extensions,
sub-folders and what they hold are never requests for any command; ``dvcli check`` names each.
"""

from __future__ import annotations

from pathlib import Path

from ..workspace import Workspace
from .rule import MISPLACED_REQUEST, Stray, flat_records


def request_listing(ws: Workspace, strays: list[Stray] | None = None) -> list[Path]:
    """Every request file, sorted by name; every other entry of the folder goes to ``strays``."""
    return [Path(name) for name in flat_records(str(ws.requests_dir), strays, MISPLACED_REQUEST, "request")]


def request_files(ws: Workspace) -> list[Path]:
    """The request files by the listing rule (strays left out)."""
    return request_listing(ws)
