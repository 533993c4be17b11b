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
from typing import NamedTuple

from ..rawio import READ_FLAGS, read_bytes
from ..workspace import Workspace
from .report_files import week_folder, weekly_report_names
from .seen import Seen

_HEADER = re.compile(r"^(member|period|date|submitted|title):[ \t]*(.*?)[ \t]*$")
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})  # as yamlio: plain scalars that mean "no value"


def week_submissions(ws: Workspace, year: int, week: int, unreadable: list[tuple[str, OSError]] | None = None,
                     nothing: set[str] | None = None, seen: Seen | None = None) -> dict[str, str | None]:
    """member → the ``submitted:`` text of each weekly report of one week (ad-hoc reports aside).

    Which files: the listing rule (``listing.weekly_report_names``). Who from the file name, when
    from the first top-level ``submitted:`` line (as ``read_header`` finds it; None when there is
    none): one small read per report, no YAML parsing. A report that cannot be read is left out
    and added to ``unreadable`` (its path and the error), never taken for a report without a time.
    Files are opened relative to the week folder (``dir_fd``), which saves the kernel a path walk
    per file. ``nothing`` collects the members whose report says ``nothing_to_report: true``.
    With ``seen`` (``seen.py``), a report whose stat data is as it was is not opened again.
    """
    folder = week_folder(ws, year, week)
    names = weekly_report_names(folder)
    if folder is None or not names:
        return {}
    found: dict[str, str | None] = {}
    if os.open not in os.supports_dir_fd:  # pragma: no cover - not POSIX
        directory = None
    else:
        try:
            directory = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return found
    try:
        for name in names:
            try:
                path = name if directory is not None else f"{folder}{os.sep}{name}"
                if seen is None:
                    submitted, said_nothing = read_submission(path, directory)
                else:  # the stat before the read: what is read is never older than the key kept
                    key = seen.key(os.stat(path, dir_fd=directory, follow_symlinks=False))
                    known = seen.get(name, key)
                    if known is None:
                        known = tuple(read_submission(path, directory))
                        seen.put(name, key, known)
                    submitted, said_nothing = known
                found[name[:-5]] = submitted
                if said_nothing and nothing is not None:
                    nothing.add(name[:-5])
            except OSError as exc:
                if unreadable is not None:
                    unreadable.append((f"{folder}{os.sep}{name}", exc))
    finally:
        if directory is not None:
            os.close(directory)
    return found


class Submitted(NamedTuple):
    submitted: str | None
    nothing_to_report: bool


def read_submitted(path: str, dir_fd: int | None = None) -> str | None:
    """The value of a report's first top-level ``submitted:`` line (as ``read_header``), or None.

    Raises ``OSError`` when the file cannot be read: the caller names it.
    """
    return read_submission(path, dir_fd).submitted


def read_submission(path: str, dir_fd: int | None = None) -> Submitted:
    """A report's ``submitted:`` value and whether it says ``nothing_to_report: true``.

    Reads the first 4 KiB, and on only if ``submitted:`` is not among them. A report that has
    nothing to report is a few lines long, so its flag is always within what was read.
    """
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
    return Submitted(_value(data, at, 10), _value(data, _find_line(data, b"nothing_to_report:"), 18) == "true")


def _value(data: bytes, at: int, skip: int) -> str | None:
    if at < 0:
        return None
    end = data.find(b"\n", at)
    line = data[at + skip:] if end < 0 else data[at + skip:end]
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
    error: OSError | None = None  # the file could not be read: the caller names it (errors.cannot_read)


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
    except OSError as exc:
        return ReportHeader(error=exc)
    lines = data.decode("utf-8-sig", errors="replace").split("\n")
    title: str | None = None
    for index, line in enumerate(lines):
        match = _HEADER.match(line.rstrip("\r"))
        if match and match.group(1) not in values:
            values[match.group(1)] = scalar(match.group(2))
            if match.group(1) == "title":
                title = _title(line, lines[index + 1:])
            # a weekly report is known by its period; an ad-hoc one by its date and title (listed by it)
            if {"member", "submitted"} <= values.keys() and ("period" in values or {"date", "title"} <= values.keys()):
                break
    submitted_text = values.get("submitted")
    return ReportHeader(values.get("member"), values.get("period"), values.get("date"), title,
                        parse_moment(submitted_text) if submitted_text else None, submitted_text)


def _title(line: str, following: list[str]) -> str | None:
    """The ``title:`` value, also when YAML wrapped it onto indented lines or wrote it as a block.

    The line and its continuation (the indented lines after it) are parsed as the YAML they are,
    by dvcli's strict loader; a title that does not parse is left out (``check`` names the file).
    """
    from ..errors import DvcliError
    from ..yamlio import loads

    chunk = [line.rstrip("\r")]
    for more in following:
        if more[:1] not in (" ", "\t") and more.strip():
            break
        chunk.append(more.rstrip("\r"))
    try:
        value = loads("\n".join(chunk).encode("utf-8"), "title")
    except DvcliError:
        return None
    title = value.get("title") if isinstance(value, dict) else None
    return " ".join(str(title).split()) if title not in (None, "") else None
