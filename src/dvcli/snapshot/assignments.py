"""Which members hold an assignment in a period, from paths and ``start:``/``end:`` lines only.

An assignment lives at ``data/assignments/<member>/<task>_<start>.yaml``: member and start are
in the path, and only ``end`` is read from the file's top-level lines (no YAML parsing).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence

from ..rawio import read_bytes
from ..workspace import Workspace
from .assignment_files import member_assignment_names
from .headers import NULL_WORDS, scalar
from .seen import Seen

_ASSIGNMENT_DATES = re.compile(r"^(start|end):[ \t]*(.*?)[ \t]*\r?$", re.MULTILINE)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def assigned_members(ws: Workspace, members: Iterable[str], first: str, last: str,
                     seen: Seen | None = None) -> tuple[set[str], list[str]]:
    """Which of ``members`` hold an assignment overlapping ``first``..``last`` (ISO dates), from paths.

    Member and start come from the path ``data/assignments/<member>/<task>_<start>.yaml``; only
    ``end`` is read, from the file's top-level lines (``read_assignment_end``: no YAML parsing, no
    validation), and only for assignments that start by ``last``; a member's other files are not
    opened once one is found active. Returns the members found and the *unusual* files — a name
    not of that form, lines that do not say start and end plainly: the caller reads those through
    the store, which validates them. ``dvcli check`` validates every assignment in full.
    Strings, not ``Path`` objects: this runs for every member of a large roster. With ``seen``
    (``seen.py``), a member folder whose stat data is as it was is not listed again, nor a file
    whose stat data is as it was read again.
    """
    root = f"{ws.assignments_dir}{os.sep}"
    assigned: set[str] = set()
    unusual: list[str] = []
    is_date = _ISO_DATE.match
    for member in members:
        folder = f"{root}{member}{os.sep}"
        names = _names(folder, member, seen)
        for name in names:
            if not name.endswith(".yaml"):
                continue
            start = name[-15:-5]
            if name[-16:-15] != "_" or len(name) < 17 or not is_date(start):
                unusual.append(folder + name)
                continue
            if start > last:  # ISO dates order as strings
                continue
            understood, end = _end(folder, member, name, start, seen)
            if not understood:
                unusual.append(folder + name)
            elif end is None or end >= first:
                assigned.add(member)
                break
    return assigned, unusual


def _names(folder: str, member: str, seen: Seen | None) -> Sequence[str]:
    """A member folder's assignment names by the listing rule (no hidden name, no symlink)."""
    if seen is None:
        return member_assignment_names(folder)
    try:  # the folder's stat before its listing, as for a file
        key = seen.key(os.lstat(folder[:-1]))
    except OSError:
        return []  # no folder (or none that can be read): no assignment, as the listing says
    known = seen.get(member, key)
    if known is not None:
        return known  # type: ignore[no-any-return]
    names = member_assignment_names(folder)
    seen.put(member, key, tuple(names))
    return names


def _end(folder: str, member: str, name: str, start: str, seen: Seen | None) -> tuple[bool, str | None]:
    """``read_assignment_end``, through ``seen`` when given."""
    path = folder + name
    if seen is None:
        return read_assignment_end(path, start)
    try:
        key = seen.key(os.lstat(path))
    except OSError:
        return False, None  # gone since the listing: the store names it
    known = seen.get(f"{member}/{name}", key)
    if known is not None:
        return known[0], known[1]
    understood, end = read_assignment_end(path, start)
    seen.put(f"{member}/{name}", key, (understood, end))
    return understood, end


def read_assignment_end(path: str, start: str) -> tuple[bool, str | None]:
    """An assignment's ``end`` (ISO date text, None: open-ended), read from its top-level lines.

    ``(True, end)`` when the file has exactly one top-level ``start:`` line saying ``start`` (a
    valid date) and at most one ``end:`` line that is empty, a null word or a valid date.
    ``(False, None)`` for anything else — flow style, an alias, a tag, a bad date, an unreadable
    file: the caller then reads the file through the store, which validates it.
    """
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False, None
    starts: list[str] = []
    ends: list[str] = []
    for key, value in _ASSIGNMENT_DATES.findall(text):
        (starts if key == "start" else ends).append(value)
    if len(starts) != 1 or len(ends) > 1 or scalar(starts[0]) != start:
        return False, None
    end = scalar(ends[0]) if ends and ends[0] not in NULL_WORDS else None
    if end is not None and not _ISO_DATE.match(end):
        return False, None
    try:
        dt.date.fromisoformat(start)
        if end is not None:
            dt.date.fromisoformat(end)
    except ValueError:
        return False, None
    return True, end
