"""The audit trail: who changed which record and when, read from ``git log``.

Runs git through ``gitrepo.run`` (the one place git is invoked); this module only asks for the
log in a machine-readable layout and parses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import gitrepo
from .errors import DvcliError
from .i18n import _

_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    commit: str
    date: dt.datetime
    author: str
    email: str
    message: str
    files: list[str] = field(default_factory=list)


def log(root: Path, pathspecs: Sequence[str], follow: bool = False, limit: int | None = None) -> list[Change]:
    """Commits touching ``pathspecs`` (newest first); ``follow`` tracks one file across renames.

    Only exact renames (``git mv``) are followed: reports of one member in two weeks look alike,
    and git's similarity guess would otherwise present last week's report as this one's origin.
    """
    if not gitrepo.is_repository(root):
        raise DvcliError(_("{r} không phải kho git: không có lịch sử").format(r=root),
                         _("tạo kho bằng: git init, rồi ghi lần đầu: git add data && git commit"))
    if not gitrepo.run(root, "rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip():
        return []
    args = ["log", f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%ae{_FIELD}%s", "--name-only",
            *(["--follow", "-M100%"] if follow else ["--no-renames"])]
    if limit:
        args.append(f"-n{limit}")
    process = gitrepo.run(root, *args, "--", *pathspecs)
    changes = []
    for chunk in process.stdout.split(_RECORD)[1:]:
        head, _sep, body = chunk.partition("\n")
        commit, date, author, email, message = head.split(_FIELD, 4)
        files = [line for line in body.splitlines() if line.strip()]
        changes.append(Change(commit, dt.datetime.fromisoformat(date), author, email, message, files))
    return changes
