"""A weekly report's figures: what the cumulative (lũy kế) totals and the weekly charts need of it.

A consolidated report needs the full records of its own period's reports only; of every earlier
(and later) week it needs who reported which indicator values, in which order — ``Figures``.
``take(…, weeks=…)`` keeps the reports of the named week folders in full and gives every other
weekly report as its figures, which come from one small sealed entry per week folder in the parse
cache (``ParseCache.figures``), keyed by the exact bytes of every weekly report in that folder:
a 52-week history costs 52 entries, not 52,000 records unpickled (or parsed) again.

A week folder is summarised only when every weekly report in it parsed cleanly and says the
folder's own period; otherwise its reports stay full records (a report claiming another week is
then counted exactly as before, and its problems are reported as before).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from ..model import Report


class Figures(NamedTuple):
    """One weekly report's indicator values, with who, which week and when (ISO text) it was sent."""

    period: str
    member: str
    submitted: str  # ``Report.submitted.isoformat()``: how reports are ordered within a member
    indicators: Mapping[str, Decimal]


def figures_of(report: Report) -> Figures:
    """The figures of a weekly report (``report.period`` is set)."""
    assert report.period is not None
    return Figures(report.period, report.member, report.submitted.isoformat(), report.indicators)


def week_of_display(display: str) -> str | None:
    """``2021-W38`` for a weekly report's path ``data/reports/2021/W38/<member>.yaml`` (else None)."""
    parts = display.split("/")
    if len(parts) != 5 or parts[0] != "data" or parts[1] != "reports" or parts[3][:1] != "W":
        return None
    return f"{parts[2]}-{parts[3]}"


def week_key(files: Sequence[tuple[str, bytes]]) -> bytes:
    """What a week's figures depend on: every weekly report's path and SHA-256, in listing order."""
    digest = hashlib.sha256()
    for display, sha in files:
        digest.update(display.encode("utf-8") + b"\0" + sha)
    return digest.digest()


def to_plain(entries: Sequence[tuple[str, Figures]]) -> tuple[tuple[Any, ...], ...]:
    """Plain tuples for the sealed cache (its unpickler admits no dvcli class but records)."""
    return tuple((display, item.period, item.member, item.submitted, dict(item.indicators))
                 for display, item in entries)


def from_plain(plain: Any) -> list[tuple[str, Figures]] | None:
    """The figures of a cache entry, or None when it does not have the expected shape."""
    try:
        return [(display, Figures(period, member, submitted, indicators))
                for display, period, member, submitted, indicators in plain]
    except (TypeError, ValueError):
        return None
