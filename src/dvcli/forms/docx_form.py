"""The member's form as a Word document: the Ban's page and type, every field a tagged content control.

Fields are content controls (``w:sdt``) tagged with the report's field path (``situation.overview``,
``results.1.text``, ``indicators.tien-van-dong``, …); identity and codes are locked controls. Lists
are one paragraph per item; the models and proposals are tables inside one control each, so an
added row is read as well. Text outside the controls is the member's to write: dvcli ignores it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ..i18n import _
from .docx_xml import inline_control, set_lines, shade_paragraph, wrap_block
from .numbers import format_number
from .spec import FORM_MARK, LABELS, MODEL_COLUMNS, PROPOSAL_COLUMNS, Form


def _setup(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(6)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    if fonts is not None:  # Vietnamese letters are "complex/east Asian" to some Word versions
        for key in ("w:eastAsia", "w:cs"):
            from docx.oxml.ns import qn

            fonts.set(qn(key), "Times New Roman")


def _centred(doc: Any, text: str, bold: bool = False, italic: bool = False, size: int | None = None) -> Any:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _heading(doc: Any, text: str, level: int = 1) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if level > 1:
        run.italic = level > 2


def _guide(doc: Any, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.italic = True
    run.font.size = Pt(11)


def _box(doc: Any, tag: str, alias: str, paragraphs: list[str]) -> None:
    """A one-cell table holding the field: paragraphs typed in the box stay in it, in Word and LibreOffice."""
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.rows[0].cells[0]
    made = []
    for index, part in enumerate(paragraphs or [""]):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        set_lines(paragraph, part)
        shade_paragraph(paragraph)
        made.append(paragraph._p)
    wrap_block(made, tag, alias)


def _text_field(doc: Any, tag: str, alias: str, text: str) -> None:
    """The text's paragraphs (split on blank lines) in a box."""
    _box(doc, tag, alias, [part for part in text.split("\n\n") if part.strip()])


def _list_field(doc: Any, tag: str, alias: str, items: list[str]) -> None:
    _box(doc, tag, alias, [f"- {item}" for item in items] or ["- "])


def _table(doc: Any, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]], tag: str, alias: str,
           spare: int = 2) -> None:
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        run.font.size = Pt(12)
    for values in [*rows, *([("",) * len(columns)] * spare)]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            set_lines(cell.paragraphs[0], value)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(12)
    wrap_block([table._tbl], tag, alias)


def build(form: Form) -> bytes:
    """The form as DOCX bytes."""
    doc = Document()
    _setup(doc)
    _centred(doc, form.issuer.upper(), bold=True)
    _centred(doc, "*")
    _centred(doc, _("BÁO CÁO"), bold=True, size=15)
    _centred(doc, form.heading, bold=True)
    _centred(doc, f"({form.window})", italic=True)
    _centred(doc, "-----")
    who = doc.add_paragraph()
    who.add_run(_("Thành viên: ")).bold = True
    who.add_run(f"{form.member_name} — {form.position} ({form.unit_name})")
    code = doc.add_paragraph()
    code.add_run(_("Mã biểu mẫu (không sửa): ")).font.size = Pt(10)
    inline_control(code, "dvcli.form", "dvcli", FORM_MARK, locked=True, size=10, shade=False)
    code.add_run(" ")
    inline_control(code, "member", _("Thành viên"), form.member, locked=True, size=10, shade=False)
    code.add_run(" ")
    if form.period is not None:
        inline_control(code, "period", _("Kỳ"), form.period, locked=True, size=10, shade=False)
    else:
        inline_control(code, "date", _("Ngày"), form.date or "", locked=True, size=10, shade=False)
        code.add_run(" ")
        inline_control(code, "title", _("Tiêu đề"), form.title or "", locked=True, size=10, shade=False)
    if form.due:
        doc.add_paragraph().add_run(_("Hạn nộp: {d}").format(d=form.due)).italic = True
    _guide(doc, _("Cách điền: viết vào các ô nền vàng; xuống dòng bằng Enter để thêm đoạn hoặc thêm ý. "
                  "Không xoá ô nền vàng (dvcli đọc từng ô); chữ viết ngoài các ô không được đọc. "
                  "Số liệu ghi bằng số (1.234.567 hoặc 19,5), tiền ghi đủ bằng đồng. Lưu tệp dạng .docx rồi gửi lại."))

    _heading(doc, _("I. TÌNH HÌNH NHÂN DÂN"))
    _heading(doc, "1. " + LABELS["situation.overview"], 2)
    _text_field(doc, "situation.overview", LABELS["situation.overview"], form.overview)
    _heading(doc, "2. " + LABELS["situation.thoughts"], 2)
    _text_field(doc, "situation.thoughts", LABELS["situation.thoughts"], form.thoughts)

    _heading(doc, _("II. KẾT QUẢ THỰC HIỆN"))
    if not form.results:
        _guide(doc, _("Chưa có phân công nào đang hiệu lực trong kỳ này."))
    for index, result in enumerate(form.results, 1):
        _heading(doc, f"{index}. {result.heading}", 2)
        if result.scope:
            _guide(doc, result.scope)
        codes = doc.add_paragraph()
        codes.add_run(_("Mã (không sửa): ")).font.size = Pt(9)
        meta = "; ".join([result.task, ",".join(result.subjects), ",".join(result.fields), ",".join(result.areas)])
        inline_control(codes, f"results.{index}.meta", _("Mã nhiệm vụ"), meta, locked=True, size=9, shade=False)
        _text_field(doc, f"results.{index}.text", _("Kết quả: {t}").format(t=result.task), result.text)

    _heading(doc, _("Mô hình hiệu quả"), 2)
    _guide(doc, _("Mỗi mô hình một dòng; thêm dòng nếu cần. Địa bàn: tên như trong kế hoạch, ví dụ {a}. "
                  "Nhân rộng: Có nếu đề xuất nhân rộng.").format(
                      a=form.areas[0][1] if form.areas else _("Hà Nội")))
    rows = [(model.name, model.place, model.area, model.description, _("Có") if model.replicate else _("Không"))
            for model in form.models]
    _table(doc, MODEL_COLUMNS, rows, "models", LABELS["models"])

    _heading(doc, _("III. KHÓ KHĂN, VƯỚNG MẮC"))
    _guide(doc, _("Mỗi ý một đoạn."))
    _list_field(doc, "difficulties", LABELS["difficulties"], form.difficulties)
    _heading(doc, LABELS["causes"], 2)
    _list_field(doc, "causes", LABELS["causes"], form.causes)

    _heading(doc, _("IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    _table(doc, PROPOSAL_COLUMNS, list(form.proposals), "proposals", LABELS["proposals"])

    _heading(doc, _("V. NHIỆM VỤ KỲ TỚI"))
    _list_field(doc, "next_tasks", LABELS["next_tasks"], form.next_tasks)

    _heading(doc, _("VI. SỐ LIỆU"))
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, (_("TT"), _("Chỉ tiêu"), _("Số liệu"), _("Đơn vị")), strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for number, indicator in enumerate(form.indicators, 1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[3].text = str(number), indicator.label, indicator.unit
        value = form.values.get(indicator.id)
        shown = format_number(value, indicator.decimal) if value is not None else "0"
        inline_control(cells[2].paragraphs[0], f"indicators.{indicator.id}", indicator.label, shown)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
