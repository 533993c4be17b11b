"""``dvcli export indicators``: the plan's indicators as a table a statistician opens in Excel.

One row per weekly report in the chosen period: period, member id and name, unit, area(s),
then one column per indicator headed "label (unit)". Numbers stay numbers (an integral value is
an int, otherwise a float). Indicators come from weekly reports only, as in ``consolidate``
(an ad-hoc report usually repeats its week's figures), and a week belongs to a range when its
last day lies in it — the same rule, so the export and the consolidated report agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import consolidation, periods
from ..atomic import write_bytes
from ..errors import ConflictError
from ..i18n import _
from ..model import Assignment, Plan, Report, Roster
from ..periods import Period
from ..store import Store
from ..textsafety import csv_cell, is_formula_like

FORMATS = ("csv", "xlsx", "json")
BOM = "\ufeff"


@dataclass(frozen=True)
class Table:
    headers: list[str]
    keys: list[str]
    """Machine names of the columns (JSON keys): period, member, name, unit, areas, then indicator ids."""
    rows: list[list[str | int | float | None]]
    period: Period | None


@dataclass(frozen=True)
class Selection:
    week: str | None = None
    month: str | None = None
    start: str | None = None
    end: str | None = None


def choose(selection: Selection, plan: Plan, today: dt.date) -> Period | None:
    return periods.select(plan.reporting, today, week=selection.week, month=selection.month,
                          start=selection.start, end=selection.end)


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def table(store: Store, selection: Selection, today: dt.date | None = None) -> Table:
    from .consolidate import load_inputs

    inputs = load_inputs(store)
    plan, roster = inputs.plan, inputs.roster
    from .writes import today as local_today  # the one clock, in the plan's zone

    period = choose(selection, plan, today or local_today(plan.reporting))
    indicators = plan.reporting.indicators
    headers = [_("Kỳ"), _("Mã thành viên"), _("Họ và tên"), _("Đơn vị"), _("Địa bàn")]
    headers += [f"{ind.label} ({ind.unit})" for ind in indicators]
    keys = ["period", "member", "name", "unit", "areas", *(ind.id for ind in indicators)]
    weekly = [(path, rep) for path, rep in inputs.reports if rep.period is not None
              and (period is None or consolidation.in_range(rep, plan, period.start, period.end))]
    order = {member.id: index for index, member in enumerate(roster.members)}  # annex order, built once
    weekly.sort(key=lambda item: (item[1].period or "", order.get(item[1].member, len(order)), item[0]))
    by_member: dict[str, list[Assignment]] = {}  # each report looks up its member's assignments only
    for _path, assignment in inputs.assignments:
        by_member.setdefault(assignment.member, []).append(assignment)
    rows = [[rep.period, rep.member, *_who(roster, rep.member), _areas(plan, rep, by_member.get(rep.member, [])),
             *(number(rep.indicators.get(ind.id)) for ind in indicators)] for _path, rep in weekly]
    return Table(headers, keys, rows, period)


def _who(roster: Roster, member_id: str) -> tuple[str, str]:
    member = roster.member(member_id)
    if member is None:
        return member_id, ""
    unit = roster.unit(member.unit)
    return member.name, (unit.name if unit else member.unit)


def _areas(plan: Plan, report: Report, assignments: list[Assignment]) -> str:
    """The areas the report's results name, else those of the member's ``assignments`` in force that week."""
    ids = list(dict.fromkeys(area for result in report.results for area in result.areas))
    if not ids:
        window = consolidation.week_of_report(report, plan)
        ids = list(dict.fromkeys(area for a in assignments
                                 if window is None or a.active(window.start, window.end) for area in a.areas))
    labels = {term.id: term.label for term in plan.vocabulary.areas}
    return "; ".join(labels.get(area, area) for area in ids)


# --- encodings -----------------------------------------------------------------------------------


def to_csv(data: Table, bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # text a spreadsheet would evaluate ("=HYPERLINK(…)" as a member's name) is kept as text (OWASP)
    writer.writerow([csv_cell(header) for header in data.headers])
    writer.writerows(["" if cell is None else csv_cell(cell) for cell in row] for row in data.rows)
    return ((BOM if bom else "") + buffer.getvalue()).encode("utf-8")


def to_json(data: Table) -> bytes:
    rows = [dict(zip(data.keys, row, strict=True)) for row in data.rows]
    columns = [{"key": key, "header": header} for key, header in zip(data.keys, data.headers, strict=True)]
    body = {"period": None if data.period is None else {
        "label": data.period.label, "start": data.period.start.isoformat(), "end": data.period.end.isoformat()},
        "columns": columns, "rows": rows}
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_xlsx(data: Table) -> bytes:
    """The table as one sheet, streamed (openpyxl's write-only mode): each row goes to the file as
    it is appended instead of staying a grid of cell objects — 50,000 rows of a year's history held
    ~250 MB of cells. Widths and the frozen header are set first, as the mode requires."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Chỉ tiêu"))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(data.headers, start=1):
        widest = max((len(str(row[index - 1])) for row in data.rows if row[index - 1] is not None), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, len(header) + 2, widest + 2))
    bold = Font(bold=True)
    sheet.append([_cell(sheet, header, font=bold) for header in data.headers])
    for row in data.rows:
        sheet.append([_cell(sheet, value) for value in row] if any(is_formula_like(v) for v in row) else row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: str | int | float | None, font: Any = None) -> Any:
    """A cell of a streamed row. Formula-like text, which openpyxl would make a formula, is a string
    cell with Excel's quote prefix — what Excel stores for text typed after an apostrophe: shown as
    written, never evaluated, not even when the cell is edited."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if font is not None:
        cell.font = font
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def encode(data: Table, fmt: str, bom: bool = True) -> bytes:
    if fmt == "csv":
        return to_csv(data, bom)
    if fmt == "json":
        return to_json(data)
    return to_xlsx(data)


def write(path: Path, content: bytes, force: bool) -> None:
    from ..paths import output_file

    if output_file(path) and not force:
        raise ConflictError(_("tệp {p} đã có").format(p=path),
                            _("chọn tên tệp khác, hoặc thêm --force để ghi đè"))
    write_bytes(path, content)
