"""``dvcli form``: a member's pre-filled Word or Excel form for a period (or every expected member's).

The file goes where ``--out`` says (default: the current folder); nothing in the workspace changes.
A member who already has a report for the period gets the form filled with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import atomic
from ..errors import DvcliError
from ..i18n import _
from ..model import Report
from ..store import Store
from . import form_content
from .report import Target, target

FORMATS = ("docx", "xlsx")


@dataclass(frozen=True)
class Made:
    member: str
    path: str
    filled: bool


def file_name(tgt: Target, fmt: str) -> str:
    when = tgt.period.label if tgt.period else (tgt.date.isoformat() if tgt.date else "")
    return f"bao-cao-{tgt.member.id}-{when}.{fmt}"


def render(store: Store, tgt: Target, fmt: str) -> tuple[bytes, bool]:
    """The form's bytes, and whether it came filled with an existing report."""
    existing = store.load(tgt.path, Report) if tgt.path.is_file() else None
    content = form_content.build(store, tgt, existing)
    if fmt == "xlsx":
        from ..forms import xlsx_form

        return xlsx_form.build(content), existing is not None
    from ..forms import docx_form

    return docx_form.build(content), existing is not None


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise DvcliError(_("không có định dạng biểu mẫu \"{f}\"").format(f=fmt), _("chọn docx hoặc xlsx"))


def one(store: Store, member: str, week: str | None, date: str | None, title: str | None, fmt: str,
        out: Path | None) -> Made:
    _check_format(fmt)
    tgt = target(store, member, week, date, bool(title), title)
    path = out if out is not None else Path(file_name(tgt, fmt))
    if path.is_dir():
        path = path / file_name(tgt, fmt)
    data, filled = render(store, tgt, fmt)
    atomic.write_bytes(path, data)
    return Made(tgt.member.id, str(path), filled)


def every(store: Store, week: str | None, date: str | None, title: str | None, fmt: str,
          folder: Path | None) -> list[Made]:
    """A form for each member expected to report (weekly), or each member not on leave (ad-hoc)."""
    _check_format(fmt)
    from . import status

    if title:
        roster = store.roster()
        members = [member.id for member in roster.members]
    else:
        result = status.status(store, week)
        members = [row.member for row in result.rows if row.expected]
        week = result.period.label
    made = []
    for member in members:
        tgt = target(store, member, week, date, bool(title), title)
        if folder is None:
            folder = Path(f"bieu-mau-{tgt.period.label if tgt.period else tgt.date}")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / file_name(tgt, fmt)
        data, filled = render(store, tgt, fmt)
        atomic.write_bytes(path, data)
        made.append(Made(tgt.member.id, str(path), filled))
    return made
