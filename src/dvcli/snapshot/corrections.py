"""Where withdrawals and reviews live: beside the reports they are about, under their own folder.

``data/withdrawn/`` mirrors ``data/reports/`` (the same ``<year>/W<ww>/<member>.yaml`` and
``…/dot-xuat/<name>.yaml``); ``data/reviews/<year>/W<ww>/<member>.yaml`` holds the review of a
weekly report. A week has few of either, so they are listed per week, by name. The listing rule
holds (``rule.py``): a symbolic link or a hidden name is never a withdrawal or a review.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..workspace import Workspace
from .rule import is_record_name


def withdrawal_path(ws: Workspace, report: Path) -> Path:
    """The withdrawal record of the report at ``report`` (same place, under ``data/withdrawn``)."""
    return ws.withdrawn_dir / report.relative_to(ws.reports_dir)


def review_path(ws: Workspace, year: int, week: int, member: str) -> Path:
    return ws.reviews_dir / f"{year}" / f"W{week:02d}" / f"{member}.yaml"


def week_files(folder: Path, year: int, week: int) -> dict[str, Path]:
    """member → file of one week's folder under ``folder`` (weekly records only: regular files, visible names)."""
    week_dir = folder / f"{year}" / f"W{week:02d}"
    try:
        with os.scandir(week_dir) as entries:
            return {entry.name[:-5]: Path(entry.path) for entry in entries
                    if is_record_name(entry.name) and entry.is_file(follow_symlinks=False)}
    except OSError:
        return {}


def all_files(folder: Path) -> list[Path]:
    """Every record file (a regular file with a visible ``*.yaml`` name) under ``folder``, sorted;
    symbolic links neither followed nor listed."""
    found: list[str] = []
    pending = [str(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif is_record_name(entry.name) and entry.is_file(follow_symlinks=False):
                        found.append(entry.path)
        except OSError:
            continue
    return [Path(name) for name in sorted(found)]
