"""Reading a returned Excel form back, named cell by named cell (see ``xlsx_form``)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from ..i18n import _
from .numbers import NotANumber, from_cell
from .rows import list_items, models_from_rows, paragraphs_text, proposals_from_rows, result_meta
from .spec import FORM_MARK, LABELS, Filled, IndicatorSpec
from .xlsx_form import META, indicator_name


class NotOurWorkbook(Exception):
    """A workbook without dvcli's hidden form sheet."""


def open_workbook(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data), data_only=True)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _where(sheet: str, coordinate: str) -> str:
    return f"{sheet}!{coordinate}"


def read(wb: Any, name: str, indicators: Sequence[IndicatorSpec], areas: Sequence[tuple[str, str]]) -> Filled:
    if META not in wb.sheetnames or _text(wb[META]["B1"].value) != FORM_MARK:
        raise NotOurWorkbook()
    meta = {_text(row[0].value): _text(row[1].value) for row in wb[META].iter_rows(min_row=1, max_col=2) if row[0].value}
    filled = Filled({})
    data = filled.data

    def problem(where: str, message: str, hint: str | None) -> None:
        filled.problems.append((where, message, hint))

    def locate(defined: str, label: str) -> tuple[Any, str, str] | None:
        """(sheet, its title, the range) of a defined name, or a problem when it was deleted."""
        entry = wb.defined_names.get(defined)
        destinations = []
        if entry is not None:
            try:
                destinations = [(title, ref) for title, ref in entry.destinations if title in wb.sheetnames]
            except Exception:  # a name left pointing at #REF! after its row was deleted
                destinations = []
        if not destinations or "#REF" in destinations[0][1]:
            problem(_("ô \"{f}\"").format(f=label), _("không còn trong tệp (dòng hoặc ô đã bị xoá)"),
                    _("lấy lại biểu mẫu bằng: dvcli form {m} --format xlsx, chép nội dung sang rồi gửi lại").format(
                        m=data.get("member", "…")))
            return None
        title, ref = destinations[0]
        return wb[title], title, ref.replace("$", "")

    def cell(defined: str, label: str) -> tuple[object, str] | None:
        found = locate(defined, label)
        if found is None:
            return None
        sheet, title, ref = found
        first = ref.split(":")[0]
        return sheet[first].value, _where(title, first)

    for key in ("member", "period", "date", "title"):
        if meta.get(key):
            data[key] = meta[key].strip()
    situation = {}
    for key, defined in (("overview", "dv_overview"), ("thoughts", "dv_thoughts")):
        found = cell(defined, LABELS[f"situation.{key}"])
        if found is not None:
            situation[key] = paragraphs_text(re.split(r"\n\s*\n", _text(found[0])))
    data["situation"] = situation
    results = []
    numbers = sorted(int(key.split(".")[1]) for key in meta if re.fullmatch(r"results\.\d+", key))
    for number in numbers:
        parsed = result_meta(meta[f"results.{number}"])
        found = cell(f"dv_r{number}_text", _("Kết quả, mục {n}").format(n=number))
        if parsed is None or found is None:
            continue
        task, subjects, kinds, result_areas = parsed
        result: dict[str, Any] = {"task": task}
        for key, ids in (("subjects", subjects), ("fields", kinds), ("areas", result_areas)):
            if ids:
                result[key] = ids
        result["text"] = paragraphs_text(re.split(r"\n\s*\n", _text(found[0])))
        results.append(result)
    data["results"] = results
    for key, defined, width in (("models", "dv_models", 5), ("proposals", "dv_proposals", 2)):
        area = locate(defined, LABELS[key])
        if area is None:
            continue
        sheet, title, ref = area
        bounds = range_boundaries(ref)
        min_col, min_row = bounds[0] or 1, bounds[1] or 1
        rows = []
        for row in sheet.iter_rows(min_row=min_row, max_row=max(sheet.max_row, min_row), min_col=min_col,
                                   max_col=min_col + width - 1):
            rows.append((_where(title, f"{row[0].column_letter}{row[0].row}"), [_text(c.value) for c in row]))
        data[key] = models_from_rows(rows, areas, problem) if key == "models" else proposals_from_rows(rows, problem)
    for key, defined in (("difficulties", "dv_difficulties"), ("causes", "dv_causes"),
                         ("next_tasks", "dv_next_tasks")):
        found = cell(defined, LABELS[key])
        if found is not None:
            data[key] = list_items(_text(found[0]).split("\n"))
    values: dict[str, Any] = {}
    for indicator in indicators:
        found = cell(indicator_name(indicator.id), _("Số liệu \"{l}\"").format(l=indicator.label))
        if found is None:
            continue
        value, where = found
        try:
            parsed_number = from_cell(value, indicator.unit, indicator.decimal)
        except NotANumber as exc:
            problem(where, exc.message, exc.hint)
            continue
        values[indicator.id] = 0 if parsed_number is None else parsed_number
    data["indicators"] = values
    return filled
