"""What a report's first lines say — who, which period, submitted when — read without YAML.

``read_header`` scans a report's top-level ``member:``/``period:``/``date:``/``submitted:``
lines, and ``week_submissions`` only the ``submitted:`` line of each report of a week, so that
``status`` over a week of ten thousand reports reads a few bytes per file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..rawio import READ_FLAGS, read_bytes
from ..workspace import Workspace

_HEADER = re.compile(r"^(member|period|date|submitted|title):[ \t]*(.*?)[ \t]*$")
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})  # as yamlio: plain scalars that mean "no value"


def week_submissions(ws: Workspace, year: int, week: int) -> dict[str, str | None]:
    """member → the ``submitted:`` text of each weekly report of one week (ad-hoc reports aside).

    Who from the file name, when from the first top-level ``submitted:`` line (as ``read_header``
    finds it; None when there is none): one small read per report, no YAML parsing. Files are
    opened relative to the week folder (``dir_fd``), which saves the kernel a path walk per file.
    """
    folder = f"{ws.reports_dir}{os.sep}{year}{os.sep}W{week:02d}"
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries
                     if entry.name.endswith(".yaml") and not entry.name.startswith(".") and entry.is_file()]
    except OSError:
        return {}
    if os.open not in os.supports_dir_fd:  # pragma: no cover - not POSIX
        return {name[:-5]: read_submitted(f"{folder}{os.sep}{name}") for name in names}
    found: dict[str, str | None] = {}
    directory = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for name in names:
            found[name[:-5]] = read_submitted(name, directory)
    finally:
        os.close(directory)
    return found


def read_submitted(path: str, dir_fd: int | None = None) -> str | None:
    """The value of a report's first top-level ``submitted:`` line (as ``read_header``), or None."""
    try:
        fd = os.open(path, READ_FLAGS, dir_fd=dir_fd)
        try:
            data = os.read(fd, 4096)
            at = _find_line(data, b"submitted:")
            if at < 0 and len(data) == 4096:
                while chunk := os.read(fd, 65536):
                    data += chunk
                at = _find_line(data, b"submitted:")
        finally:
            os.close(fd)
    except OSError:
        return None
    if at < 0:
        return None
    end = data.find(b"\n", at)
    line = data[at + 10:] if end < 0 else data[at + 10:end]
    value = scalar(line.decode("utf-8", errors="replace").rstrip("\r").strip(" \t"))
    return value or None


def _find_line(data: bytes, key: bytes) -> int:
    """Where the first line starting with ``key`` starts in ``data`` (a leading BOM allowed), or -1."""
    if data.startswith(key):
        return 0
    if data.startswith(b"\xef\xbb\xbf" + key):
        return 3
    at = data.find(b"\n" + key)
    return at + 1 if at >= 0 else -1


@dataclass(frozen=True)
class ReportHeader:
    member: str | None = None
    period: str | None = None
    date: str | None = None
    title: str | None = None
    submitted: dt.datetime | None = None
    submitted_text: str | None = None


def scalar(text: str) -> str:
    """A one-line YAML scalar without its quotes or trailing comment."""
    if text[:1] in ("'", '"'):
        quote = text[0]
        end = text.find(quote, 1)
        return text[1:end] if end > 0 else text[1:]
    return text.split(" #", 1)[0].strip()


def parse_moment(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def read_header(path: Path) -> ReportHeader:
    """The identifying top-level fields of a report, read line by line (see module docstring)."""
    values: dict[str, str] = {}
    try:
        data = read_bytes(path)  # one raw read and one decode: a text-mode line loop costs 3x more
    except OSError:
        return ReportHeader()
    for line in data.decode("utf-8-sig", errors="replace").split("\n"):
        match = _HEADER.match(line.rstrip("\r"))
        if match and match.group(1) not in values:
            values[match.group(1)] = scalar(match.group(2))
            if {"member", "submitted"} <= values.keys() and ("period" in values or "date" in values):
                break
    submitted_text = values.get("submitted")
    return ReportHeader(values.get("member"), values.get("period"), values.get("date"), values.get("title"),
                        parse_moment(submitted_text) if submitted_text else None, submitted_text)
