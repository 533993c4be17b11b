"""The listing rule: which directory entries under ``data/`` can be records, and why the others are not.

A file is a record only when it is a regular file (not a symbolic link) with a visible ``*.yaml``
name where its kind belongs. Everything else — hidden names (``.ban-sao.yaml``, ``.x.yaml.swp``),
editor backups (``x.yaml~``), other extensions, misplaced YAML, symbolic links, folders that
cannot be read — is a ``Stray``: never a record for any command, and named by ``dvcli check``
(``strays.stray_problem``). Temporary files of an interrupted write (``.NAME.xxxx.tmp``) are left
to ``checks/leftovers.py``, which says whether the write finished. Where each kind belongs is
``report_files.py``, ``assignment_files.py``, ``requests.py``, ``corrections.py``, ``issued.py``
(``data/prepared/``), ``received.py`` (``data/received/``) and ``strays.top_strays`` (the top of ``data/``).

``os.scandir`` and string sorting throughout: pathlib's glob and ``Path`` ordering are ~10x
slower over 500,000 files.
"""

from __future__ import annotations

import operator
import os
import re
from dataclasses import dataclass

TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[A-Za-z0-9_]+\.tmp$")  # atomic.py's temporary files

# Why a file is not a record (``Stray.reason``); each has its message and hint in ``stray_problem``.
SYMLINK, HIDDEN, NOT_YAML, MISPLACED_REPORT, MISPLACED_ASSIGNMENT, UNREADABLE_FOLDER, FOLDER = (
    "symlink", "hidden", "not-yaml", "misplaced-report", "misplaced-assignment", "unreadable-folder", "folder")
MISPLACED_REQUEST = "misplaced-request"
# Strays of the folders whose files are not YAML records (``issued.py``, ``received.py``) and of the top of data/.
NOT_PREPARED, NOT_ORIGINAL, NOT_RECEIVED, MISPLACED_TOP, UNKNOWN_FOLDER, NOT_ISSUED = (
    "not-prepared", "not-original", "not-received", "misplaced-top", "unknown-folder", "not-issued")


def is_record_name(name: str) -> bool:
    """A visible ``*.yaml`` name: the only names a record file may have."""
    return name.endswith(".yaml") and not name.startswith(".") and len(name) > 5


@dataclass(frozen=True)
class Stray:
    """A file (or folder) under ``data/`` that is no record, and why."""

    path: str
    reason: str
    misplaced: str = ""  # MISPLACED_*: what kind of record it looks like


def entry_reason(entry: os.DirEntry[str]) -> str | None:
    """Why a directory entry that should be a record file is not one (None: it is one)."""
    if entry.is_symlink():
        return SYMLINK
    if TEMP_NAME.match(entry.name):
        return ""  # named by checks/leftovers.py
    if entry.name.startswith("."):
        return HIDDEN
    if not entry.name.endswith(".yaml"):
        return NOT_YAML if not entry.is_dir(follow_symlinks=False) else None
    return None


_NAME = operator.attrgetter("name")


def scan(folder: str, strays: list[Stray] | None) -> list[os.DirEntry[str]]:
    """The entries of ``folder``, sorted by name; a folder that cannot be read is a stray."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=_NAME)
    except FileNotFoundError:
        return []
    except OSError:
        if strays is not None:
            strays.append(Stray(folder, UNREADABLE_FOLDER))
        return []


def flat_records(folder: str, strays: list[Stray] | None, misplaced: str, kind: str) -> list[str]:
    """The record files directly in ``folder`` (a folder of one kind that holds no sub-folders),
    sorted; every other entry, and everything below a sub-folder, goes to ``strays``."""
    found: list[str] = []
    for entry in scan(folder, strays):
        reason = entry_reason(entry)
        if reason == "":
            continue  # a temporary file of an interrupted write: checks/leftovers.py names it
        if reason:
            if strays is not None:
                strays.append(Stray(entry.path, reason))
        elif entry.is_dir(follow_symlinks=False):
            if strays is not None:
                everything_under(entry.path, misplaced, strays, kind)
        else:
            found.append(entry.path)
    return found


def everything_under(entry_path: str, reason: str, strays: list[Stray], misplaced: str) -> None:
    """Every file below a folder that holds no records, each named (symlinks not followed)."""
    if entry_path.endswith(".yaml"):
        strays.append(Stray(entry_path, FOLDER))
    for entry in scan(entry_path, strays):
        own = entry_reason(entry)
        if own == "":
            continue
        if own:
            strays.append(Stray(entry.path, own))
        elif entry.is_dir(follow_symlinks=False):
            everything_under(entry.path, reason, strays, misplaced)
        else:
            strays.append(Stray(entry.path, reason, misplaced))
