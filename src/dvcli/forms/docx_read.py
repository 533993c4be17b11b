"""Reading a returned Word form back, field by field (see ``docx_form``).

A field is found by its content control's tag (Word) or by its bookmark (a file saved by
LibreOffice, which keeps bookmarks but drops tags); its value is the whole box (table cell) the
mark sits in, so text the member typed anywhere in the box counts, even outside the control.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from docx import Document

from ..i18n import _
from . import docx_xml as x
from .numbers import NotANumber, parse_number
from .rows import list_items, models_from_rows, paragraphs_text, proposals_from_rows, result_meta
from .spec import FORM_MARK, LABELS, Filled, IndicatorSpec

_RESULT = re.compile(r"^(?:results\.|dv_results_)(\d+)(?:\.|_)meta$")


class NotOurForm(Exception):
    """A Word document without dvcli's form mark; carries its text for ``--as-text``."""

    def __init__(self, paragraphs: list[str]) -> None:
        super().__init__("not a dvcli form")
        self.paragraphs = paragraphs


def open_document(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def document_text(doc: Any) -> list[str]:
    """A document's text: its paragraphs, and each table row as its cells joined by " | "."""
    lines: list[str] = []

    def walk(parent: Any) -> None:
        for child in parent.iterchildren():
            if child.tag == x._P:
                lines.append(x.paragraph_text(child))
            elif child.tag == x._TBL:
                lines.extend(" | ".join(row) for row in x.table_rows(child))
            elif child.tag == x._SDT:
                content = x.content_of(child)
                if content is not None:
                    walk(content)

    walk(doc.element.body)
    return lines


class _Fields:
    """Where each field is: tagged controls and bookmarks, by tag."""

    def __init__(self, body: Any) -> None:
        self.controls: dict[str, list[Any]] = {}
        for sdt in x.all_controls(body):
            tag = x.tag_of(sdt)
            if tag:
                self.controls.setdefault(tag, []).append(sdt)
        self.marks = x.bookmarks(body)

    def tables(self, tag: str) -> list[Any]:
        """The distinct tables marked ``tag`` (a control around the table, a bookmark in its header)."""
        found: dict[int, Any] = {}
        for element in [*self.controls.get(tag, []), *([self.marks[x.bookmark_name(tag)][0]]
                                                        if x.bookmark_name(tag) in self.marks else [])]:
            table = x.table_of(element)
            if table is None:
                table = next(element.iter(x._TBL), None)
            if table is not None:
                found.setdefault(id(table), table)
        return list(found.values())

    def anchors(self, tag: str) -> list[Any]:
        """The elements marking ``tag``, one per distinct box (a control and a bookmark in one box count once)."""
        found = list(self.controls.get(tag, []))
        mark = self.marks.get(x.bookmark_name(tag))
        if mark is not None:
            found.append(mark[0])
        distinct: dict[int, Any] = {}
        for element in found:
            box = x.cell_of(element)
            distinct.setdefault(id(box) if box is not None else id(element), element)
        return list(distinct.values())

    def inline_text(self, tag: str) -> str:
        if self.controls.get(tag):
            return x.paragraph_text(x.content_of(self.controls[tag][0]))
        mark = self.marks.get(x.bookmark_name(tag))
        return "\n".join(mark[1]).strip() if mark else ""

    def result_numbers(self) -> list[int]:
        names = [*self.controls, *self.marks]
        return sorted({int(match.group(1)) for name in names if (match := _RESULT.match(name))})


def read(doc: Any, name: str, indicators: Sequence[IndicatorSpec], areas: Sequence[tuple[str, str]]) -> Filled:
    fields = _Fields(doc.element.body)
    if fields.inline_text("dvcli.form").strip() != FORM_MARK:
        raise NotOurForm(document_text(doc))
    filled = Filled({})
    data = filled.data

    def problem(where: str, message: str, hint: str | None) -> None:
        filled.problems.append((where, message, hint))

    def box(tag: str, label: str) -> Any | None:
        """The one cell of field ``tag``, or a problem (deleted, or there twice)."""
        found = fields.anchors(tag)
        where = _("trường \"{f}\"").format(f=label)
        if not found:
            problem(where, _("không còn trong tệp (ô đã bị xoá)"),
                    _("lấy lại biểu mẫu bằng: dvcli form {m}, chép nội dung sang rồi gửi lại").format(
                        m=data.get("member", "…")))
            return None
        if len(found) > 1:
            problem(where, _("có {n} lần trong tệp").format(n=len(found)), _("giữ một ô, chép nội dung các ô kia vào đó"))
            return None
        cell = x.cell_of(found[0])
        if cell is None:  # the box's table was removed but the control kept: read the control
            return x.content_of(found[0]) if found[0].tag == x._SDT else None
        return cell

    for key in ("member", "period", "date", "title"):
        if fields.anchors(key):
            data[key] = fields.inline_text(key).strip()
    if "member" not in data:
        problem(_("trường \"{f}\"").format(f=_("Thành viên")), _("không còn trong tệp (ô đã bị xoá)"),
                _("ghi tên thành viên bằng --member"))
    situation = {}
    for key in ("situation.overview", "situation.thoughts"):
        cell = box(key, LABELS[key])
        if cell is not None:
            situation[key.split(".")[1]] = paragraphs_text(x.cell_paragraphs(cell))
    data["situation"] = situation
    results = []
    for number in fields.result_numbers():
        label = _("Kết quả, mục {n}").format(n=number)
        meta = result_meta(fields.inline_text(f"results.{number}.meta"))
        cell = box(f"results.{number}.text", label)
        if meta is None:
            problem(_("trường \"{f}\"").format(f=label), _("mã nhiệm vụ đã bị sửa"),
                    _("lấy lại biểu mẫu bằng: dvcli form"))
            continue
        if cell is None:
            continue
        task, subjects, kinds, result_areas = meta
        result: dict[str, Any] = {"task": task}
        for key, ids in (("subjects", subjects), ("fields", kinds), ("areas", result_areas)):
            if ids:
                result[key] = ids
        result["text"] = paragraphs_text(x.cell_paragraphs(cell))
        results.append(result)
    data["results"] = results
    for key in ("models", "proposals"):
        tables = fields.tables(key)
        if len(tables) != 1:
            where = _("trường \"{f}\"").format(f=LABELS[key])
            if tables:
                problem(where, _("có {n} lần trong tệp").format(n=len(tables)), _("giữ một bảng, chép các dòng sang"))
            else:
                problem(where, _("không còn trong tệp (bảng đã bị xoá)"),
                        _("lấy lại biểu mẫu bằng: dvcli form, chép nội dung sang rồi gửi lại"))
            continue
        table = tables[0]
        rows = [(_("{f}, dòng {n}").format(f=LABELS[key], n=index), cells)
                for index, cells in enumerate(x.table_rows(table)[1:], 2)]
        data[key] = models_from_rows(rows, areas, problem) if key == "models" else proposals_from_rows(rows, problem)
    for key in ("difficulties", "causes", "next_tasks"):
        cell = box(key, LABELS[key])
        if cell is not None:
            data[key] = list_items(x.cell_paragraphs(cell))
    values: dict[str, Any] = {}
    for indicator in indicators:
        label = _("Số liệu \"{l}\"").format(l=indicator.label)
        found = fields.anchors(f"indicators.{indicator.id}")
        cell = x.cell_of(found[0]) if found else None
        if cell is None:
            problem(label, _("không còn trong tệp (ô đã bị xoá)"), _("ghi lại số liệu vào biểu mẫu mới: dvcli form"))
            continue
        try:
            value = parse_number("\n".join(x.cell_paragraphs(cell)), indicator.unit, indicator.decimal)
        except NotANumber as exc:
            problem(label, exc.message, exc.hint)
            continue
        values[indicator.id] = 0 if value is None else value
    data["indicators"] = values
    return filled
