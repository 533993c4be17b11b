"""The member's form as an Excel workbook: named input cells with data validation, locked labels.

Every input cell has a defined name (``dv_overview``, ``dv_r1_text``, ``dv_i_tien_van_dong``, …);
labels and codes are locked on protected sheets (no password: protection guides, it does not
secure). A very hidden sheet ``dvcli`` holds the form mark, identity and each result's codes.
Sheets: "Báo cáo" (text), "Mô hình" and "Kiến nghị" (a row each, rows may be added), "Chỉ tiêu".
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import _
from .spec import FORM_MARK, LABELS, MODEL_COLUMNS, PROPOSAL_COLUMNS, Form

FILL = PatternFill("solid", fgColor="FFF7D6")
OPEN = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
SPARE_ROWS = 30
INDICATOR_FIRST_ROW = 6
MAIN, MODELS, PROPOSALS, INDICATORS, META = "Báo cáo", "Mô hình", "Kiến nghị", "Chỉ tiêu", "dvcli"


def indicator_name(indicator_id: str) -> str:
    return "dv_i_" + indicator_id.replace("-", "_")


def _name(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!{ref}")


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    ws.protection.formatCells = False  # members may widen a row to read long text
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ws.protection.insertRows = False


def _input(ws: Worksheet, ref: str, value: object) -> None:
    cell = ws[ref]
    cell.value = value
    cell.fill, cell.protection, cell.alignment = FILL, OPEN, WRAP


def _table_sheet(wb: Workbook, title: str, columns: tuple[str, ...], rows: list[tuple[object, ...]],
                 name: str, guide: str) -> Worksheet:
    ws = wb.create_sheet(title)
    ws["A1"] = guide
    ws["A1"].font = Font(italic=True)
    for index, column in enumerate(columns):
        cell = ws.cell(row=2, column=index + 1, value=column)
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = 40 if index in (0, 1, 3) else 18
    last_column = ws.cell(row=2, column=len(columns)).column_letter
    for row_index in range(3, 3 + len(rows) + SPARE_ROWS):
        values = rows[row_index - 3] if row_index - 3 < len(rows) else ("",) * len(columns)
        for column_index, value in enumerate(values, 1):
            _input(ws, ws.cell(row=row_index, column=column_index).coordinate, value or None)
    _name(wb, name, title, f"$A$3:${last_column}${2 + len(rows) + SPARE_ROWS}")
    _protect(ws)
    assert isinstance(ws, Worksheet)
    return ws


def build(form: Form) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = MAIN
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    ws["A1"] = form.issuer.upper()
    ws["A2"] = _("BÁO CÁO") + " " + form.heading
    ws["A3"] = f"({form.window})"
    for ref in ("A1", "A2"):
        ws[ref].font = Font(bold=True)
    ws["A4"] = _("Thành viên")
    ws["B4"] = f"{form.member_name} — {form.position} ({form.unit_name})"
    ws["A5"] = _("Hạn nộp")
    ws["B5"] = form.due
    ws["A6"] = _("Cách điền: viết vào các ô nền vàng (xuống dòng trong ô: Alt+Enter; mỗi ý một dòng). "
                 "Mô hình, kiến nghị, số liệu ở các trang bên. Không xoá dòng, không đổi tên trang.")
    ws["A6"].font = Font(italic=True)
    row = 8
    meta_rows: list[tuple[str, str]] = []

    def field(label: str, name: str, value: str) -> None:
        nonlocal row
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        ws.cell(row=row, column=1).alignment = WRAP
        _input(ws, f"B{row}", value or None)
        ws.row_dimensions[row].height = 90
        _name(wb, name, MAIN, f"$B${row}")
        row += 1

    field("I.1. " + LABELS["situation.overview"], "dv_overview", form.overview)
    field("I.2. " + LABELS["situation.thoughts"], "dv_thoughts", form.thoughts)
    for index, result in enumerate(form.results, 1):
        field(f"II.{index}. {result.heading}" + (f"\n{result.scope}" if result.scope else ""), f"dv_r{index}_text",
              result.text)
        meta_rows.append((f"results.{index}", "; ".join([result.task, ",".join(result.subjects),
                                                          ",".join(result.fields), ",".join(result.areas)])))
    field("III. " + LABELS["difficulties"], "dv_difficulties", "\n".join(form.difficulties))
    field("III. " + LABELS["causes"], "dv_causes", "\n".join(form.causes))
    field("V. " + LABELS["next_tasks"], "dv_next_tasks", "\n".join(form.next_tasks))
    _protect(ws)

    models = [(m.name, m.place, m.area, m.description, _("Có") if m.replicate else _("Không")) for m in form.models]
    sheet = _table_sheet(wb, MODELS, MODEL_COLUMNS, list(models), "dv_models",
                         _("Mô hình hiệu quả: mỗi mô hình một dòng. Nhân rộng: Có hoặc Không."))
    choice = DataValidation(type="list", formula1='"Có,Không"', allow_blank=True)
    choice.add(f"E3:E{2 + len(models) + SPARE_ROWS}")
    sheet.add_data_validation(choice)
    _table_sheet(wb, PROPOSALS, PROPOSAL_COLUMNS, list(form.proposals), "dv_proposals",
                 _("Kiến nghị, đề xuất: mỗi kiến nghị một dòng."))

    ind = wb.create_sheet(INDICATORS)
    ind["A1"] = _("VI. SỐ LIỆU") + " — " + form.heading
    ind["A1"].font = Font(bold=True)
    ind["A2"] = _("Ghi số (không ghi chữ): tiền ghi đủ bằng đồng; để 0 nếu không có.")
    ind["A2"].font = Font(italic=True)
    for column, title, width in (("A", _("TT"), 6), ("B", _("Chỉ tiêu"), 50), ("C", _("Số liệu"), 20),
                                 ("D", _("Đơn vị"), 12)):
        ind[f"{column}{INDICATOR_FIRST_ROW - 1}"] = title
        ind[f"{column}{INDICATOR_FIRST_ROW - 1}"].font = Font(bold=True)
        ind.column_dimensions[column].width = width
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           error=_("Ghi số nguyên không âm"), showErrorMessage=True)
    decimal = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             error=_("Ghi số không âm"), showErrorMessage=True)
    for offset, indicator in enumerate(form.indicators):
        line = INDICATOR_FIRST_ROW + offset
        ind[f"A{line}"], ind[f"B{line}"], ind[f"D{line}"] = offset + 1, indicator.label, indicator.unit
        value = form.values.get(indicator.id, Decimal(0))
        number: object = int(value) if value == value.to_integral_value() else float(value)
        _input(ind, f"C{line}", number)
        ind[f"C{line}"].number_format = "#,##0.###" if indicator.decimal else "#,##0"
        (decimal if indicator.decimal else whole).add(f"C{line}")
        _name(wb, indicator_name(indicator.id), INDICATORS, f"$C${line}")
    ind.add_data_validation(whole)
    ind.add_data_validation(decimal)
    _protect(ind)

    meta = wb.create_sheet(META)
    meta.sheet_state = "veryHidden"
    identity = [("form", FORM_MARK), ("member", form.member)]
    identity += [("period", form.period)] if form.period else [("date", form.date or ""), ("title", form.title or "")]
    for index, (key, text) in enumerate([*identity, *meta_rows], 1):
        meta.cell(row=index, column=1, value=key)
        meta.cell(row=index, column=2, value=text)
    _protect(meta)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
