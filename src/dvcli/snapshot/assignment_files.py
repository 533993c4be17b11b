"""Where assignments belong: ``data/assignments/<member>/<task>_<start>.yaml``, by the listing rule."""

from __future__ import annotations

import os
from pathlib import Path

from ..workspace import Workspace
from .rule import MISPLACED_ASSIGNMENT, Stray, entry_reason, flat_records, scan


def member_folders(ws: Workspace) -> int:
    """About how many assignment files there are (one per member folder): enough to choose workers."""
    try:
        return len(os.listdir(ws.assignments_dir))  # noqa: PTH208 - names only
    except OSError:
        return 0


def assignment_listing(ws: Workspace, strays: list[Stray] | None = None) -> list[Path]:
    """Every assignment file (``<member>/<name>.yaml``), sorted by member then name; others to ``strays``."""
    return [Path(name) for name in assignment_names(ws, strays)]


def assignment_names(ws: Workspace, strays: list[Stray] | None = None) -> list[str]:
    """``assignment_listing`` as path strings (no ``Path`` per file: one a member, 10,000s)."""
    found: list[str] = []
    for member in member_folder_paths(ws, strays):
        found += names_in_member_folder(member, strays)
    return found


def member_folder_paths(ws: Workspace, strays: list[Stray] | None = None) -> list[str]:
    """The member folders of ``data/assignments``, sorted; every other entry goes to ``strays``.
    ``assignment_names`` is their ``names_in_member_folder``, in this order."""
    found: list[str] = []
    for member in scan(str(ws.assignments_dir), strays):
        reason = entry_reason(member)
        if reason == "":
            continue
        if reason or not member.is_dir(follow_symlinks=False):
            if strays is not None:
                strays.append(Stray(member.path, reason or MISPLACED_ASSIGNMENT, "assignment"))
            continue
        found.append(member.path)
    return found


def names_in_member_folder(folder: str, strays: list[Stray] | None = None) -> list[str]:
    """The assignment files of one member folder (``member_folder_paths``), sorted."""
    return flat_records(folder, strays, MISPLACED_ASSIGNMENT, "assignment")


def assignment_files(ws: Workspace) -> list[Path]:
    """Every assignment file, sorted by member then name (the listing rule; strays left out)."""
    return assignment_listing(ws)


def member_assignment_names(folder: str) -> list[str]:
    """The assignment file names in one member's folder (sorted), by the listing rule."""
    if os.path.islink(folder.rstrip(os.sep)):  # noqa: PTH114 - a string path, 10,000 members
        return []
    names = []
    for entry in scan(folder, None):
        if entry_reason(entry) is None and not entry.is_dir(follow_symlinks=False):
            names.append(entry.name)
    return names
