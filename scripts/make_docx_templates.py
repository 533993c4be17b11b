"""Generate the Jinja-tagged Word templates for the consolidated reports (docxtpl).

    .venv/bin/python scripts/make_docx_templates.py        # writes src/dvcli/templates/*.docx

The files are generated so the layout is reviewable as code and reproducible; the secretary may
still open a copy (``dvcli templates copy tong-hop-tuan``) in Word and restyle it — the named
paragraph styles (DV Đề mục I, DV Đề mục 1, DV Đề mục a, DV Ô bảng …) carry the formatting.
Layout: Hướng dẫn 36-HD/VPTW (Party profile) and Nghị định 30/2020/NĐ-CP (State profile, chosen
by ``reporting.profile`` at render time) — see shared/design/DOCUMENT-FORMAT.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
OUT = Path(__file__).resolve().parent.parent / "src" / "dvcli" / "templates"
NONE = "- Trong kỳ không có nội dung báo cáo."
# annex columns (mm, 165 in all): TT, indicator, unit ("văn bản", "chuyến" on one line), this period and
# cumulative wide enough for "12.500.734.567" at 13 pt
ANNEX_WIDTHS = [10, 62, 21, 35, 37]


def set_font(element: object, name: str = FONT) -> None:
    """Set every script's font (Latin, complex, East Asian) so Word never substitutes."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), name)


class Builder:
    def __init__(self) -> None:
        self.doc = Document()
        self._page()
        self._styles()
        body = self.doc.element.body
        for paragraph in list(self.doc.paragraphs):  # the default template's empty paragraph
            body.remove(paragraph._p)

    # --- page and styles ----------------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        # page numbers centred at the top from page 2: a different (empty) first-page header
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Mm(0)
        self._field(paragraph, "PAGE")
        section.first_page_header.paragraphs[0].text = ""

    @staticmethod
    def _field(paragraph: object, instruction: str) -> None:
        run = paragraph.add_run()  # type: ignore[attr-defined]
        for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            elif text.strip() == instruction:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            else:
                value = OxmlElement("w:t")
                value.text = text
                run._r.append(value)

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(14)
        set_font(normal.element)
        fmt = normal.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(10)
        fmt.space_before, fmt.space_after = Pt(6), Pt(0)
        fmt.line_spacing = 1.3
        for name in ("Header", "Footer"):
            style = styles[name]
            style.font.name, style.font.size = FONT, Pt(14)
            set_font(style.element)
            style.paragraph_format.first_line_indent = Mm(0)

        def paragraph_style(name: str, *, bold: bool = False, italic: bool = False, size: float = 14,
                            center: bool = False, indent: bool = True, tight: bool = False) -> None:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.bold, style.font.italic, style.font.size = bold, italic, Pt(size)
            style.quick_style = True
            f = style.paragraph_format
            if center:
                f.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if not indent:
                f.first_line_indent = Mm(0)
            if tight:
                f.space_before, f.line_spacing = Pt(0), 1.0

        paragraph_style("DV Đề mục I", bold=True)
        paragraph_style("DV Đề mục 1", bold=True)
        paragraph_style("DV Đề mục a", bold=True, italic=True)
        paragraph_style("DV Tiêu đề", bold=True, size=16, center=True, indent=False)
        paragraph_style("DV Giữa", center=True, indent=False, tight=True)
        paragraph_style("DV Ô tiêu đề", center=True, indent=False, tight=True)
        paragraph_style("DV Ô bảng", size=13, indent=False, tight=True)
        paragraph_style("DV Nơi nhận", size=12, indent=False, tight=True)

    # --- building blocks ------------------------------------------------------------------------

    def para(self, text: str = "", style: str | None = None, *runs: tuple[str, str]) -> object:
        """A paragraph; ``runs`` are extra (text, flags) pieces, flags from "b", "i", "u"."""
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            paragraph.add_run(text)
        for piece, flags in runs:
            run = paragraph.add_run(piece)
            run.bold = "b" in flags or None
            run.italic = "i" in flags or None
            run.underline = "u" in flags or None
        return paragraph

    def tag(self, text: str) -> None:
        """A docxtpl paragraph tag ({%p … %}): the whole paragraph becomes the Jinja tag."""
        self.doc.add_paragraph(text, style="DV Giữa")

    @staticmethod
    def cell_para(cell: object, text: str, *, size: float = 14, bold: bool = False, italic: bool = False,
                  underline: bool = False, align: str = "center", style: str = "DV Ô tiêu đề",
                  first: bool = False) -> object:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.style = style
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                               "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        if text:
            run = paragraph.add_run(text)
            run.font.size = Pt(size)
            run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        return paragraph

    @staticmethod
    def rule(paragraph: object, width_mm: float, cell_mm: float) -> None:
        """A short horizontal line under a header line: a bottom border on an indented empty paragraph."""
        side = Mm((cell_mm - width_mm) / 2)
        fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
        fmt.left_indent = fmt.right_indent = side
        ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        ppr.append(borders)
        run = paragraph.add_run()  # type: ignore[attr-defined]
        run.font.size = Pt(2)

    def table(self, rows: int, widths: list[float], borders: bool) -> object:
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if borders:
            table.style = self.doc.styles["Table Grid"]
        else:
            tbl_pr = table._tbl.tblPr
            edges = OxmlElement("w:tblBorders")
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
                element = OxmlElement(f"w:{edge}")
                element.set(qn("w:val"), "nil")
                edges.append(element)
            tbl_pr.append(edges)
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                cell.width = Mm(widths[index])
        # LibreOffice lays a table out by its grid, Word by the cells: set both, and a fixed layout
        for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            column.set(qn("w:w"), str(int(Mm(width).twips)))
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        if borders:  # repeat the heading row on every page
            heading = OxmlElement("w:tblHeader")
            table.rows[0]._tr.get_or_add_trPr().append(heading)
        return table

    # --- the document ---------------------------------------------------------------------------

    def header(self) -> None:
        self.tag("{%p if h.draft %}")
        paragraph = self.para("", "DV Giữa", ("DỰ THẢO", "b"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # type: ignore[attr-defined]
        self.tag("{%p endif %}")
        left_mm, right_mm = 82, 83
        self.tag('{%p if h.profile == "dang" %}')
        table = self.table(1, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells  # type: ignore[attr-defined]
        self.cell_para(left, "{{ h.parent_header }}", first=True)
        self.cell_para(left, "{{ h.issuer_header }}", bold=True)
        self.cell_para(left, "*")
        self.cell_para(left, "{{ h.number_line }}")
        self.cell_para(right, "{{ h.national[0] }}", size=15, bold=True, first=True)
        self.rule(self.cell_para(right, ""), 62, right_mm)
        self.cell_para(right, "")
        self.cell_para(right, "{{ h.place }}, {{ h.date|date_vi }}", italic=True)
        self.tag("{%p else %}")
        table = self.table(1, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells  # type: ignore[attr-defined]
        self.cell_para(left, "{{ h.parent_header }}", size=13, first=True)
        self.cell_para(left, "{{ h.issuer_header }}", size=13, bold=True)
        self.rule(self.cell_para(left, ""), 25, left_mm)
        self.cell_para(left, "{{ h.number_line }}", size=13)
        self.cell_para(right, "{{ h.national[0] }}", size=13, bold=True, first=True)
        self.cell_para(right, "{{ h.national[1] }}", size=14, bold=True)
        self.rule(self.cell_para(right, ""), 58, right_mm)
        self.cell_para(right, "{{ h.place }}, {{ h.date|date_vi }}", italic=True)
        self.tag("{%p endif %}")
        title = self.para("{{ h.kind_title }}", "DV Tiêu đề")
        title.paragraph_format.space_before = Pt(18)  # type: ignore[attr-defined]
        self.para("", "DV Giữa", ("{{ h.subject }}", "b"))
        self.para("{{ h.period_text }}", "DV Giữa")
        self.para("-----", "DV Giữa")
        self.para("{{ intro }}")

    def prose(self, paragraphs: str, lead: tuple[tuple[str, str], ...] = (),
              tail: tuple[tuple[str, str], ...] = ()) -> None:
        """One list item whose text has several paragraphs (``paragraphs``: a list of strings):
        each becomes its own paragraph (first-line indent, justified, no soft line breaks);
        ``- `` and the ``lead`` runs open the first, the ``tail`` runs (who reported it) close the last."""
        self.tag(f"{{%p for para in {paragraphs} %}}")
        runs = [("{% if loop.first %}- {% endif %}", "")]
        runs += [(f"{{% if loop.first %}}{text}{{% endif %}}", flags) for text, flags in lead]
        runs.append(("{{ para }}", ""))
        runs += [(f"{{% if loop.last %}}{text}{{% endif %}}", flags) for text, flags in tail]
        self.para("", None, *runs)
        self.tag("{%p endfor %}")

    def listing(self, loop: str, paragraphs: str, who: str = "", *, none: bool = True) -> None:
        """``{%p for … %}`` item paragraphs ``{%p else %}`` (nothing reported) ``{%p endfor %}``."""
        self.tag(f"{{%p for {loop} %}}")
        self.prose(paragraphs, tail=((who, "i"),) if who else ())
        if none:
            self.tag("{%p else %}")
            self.para(NONE)
        self.tag("{%p endfor %}")

    def body(self) -> None:
        who = '{% if named and item.members %} (đ/c {{ item.members|join(", ") }}){% endif %}'
        self.para("I. TÌNH HÌNH", "DV Đề mục I")
        self.para("1. Tình hình nhân dân", "DV Đề mục 1")
        for attr in ("overview", "thoughts"):
            if attr == "thoughts":
                self.para("2. Tâm tư, nguyện vọng của nhân dân", "DV Đề mục 1")
            self.tag(f"{{%p for item in r.situation if item.{attr} %}}")
            self.prose(f"item.{attr}_paragraphs", lead=(('{% if item.areas %}{{ item.areas|join(", ") }}: {% endif %}', "b"),),
                       tail=(("{% if named %} (đ/c {{ item.member }}){% endif %}", "i"),))
            self.tag("{%p else %}")
            self.para(NONE)
            self.tag("{%p endfor %}")

        self.para("II. KẾT QUẢ THỰC HIỆN", "DV Đề mục I")
        self.para("1. Kết quả theo nhiệm vụ của Kế hoạch", "DV Đề mục 1")
        self.tag("{%p for group in r.by_task %}")
        self.para('{{ letters[loop.index0] }}) {{ group.short }}{{ (" (mục " ~ group.id ~ ")") if group.id else "" }}',
                  "DV Đề mục a")
        self.listing("entry in group.entries", "entry.paragraphs",
                     '{% if named %} (đ/c {{ entry.member }}{% if entry.areas %}; địa bàn: {{ entry.areas|join(", ") }}'
                     '{% endif %}{% if entry.subjects %}; đối tượng: {{ entry.subjects|join(", ") }}{% endif %}'
                     '{% if entry.fields %}; lĩnh vực: {{ entry.fields|join(", ") }}{% endif %})'
                     '{% elif entry.areas %} ({{ entry.areas|join(", ") }}){% endif %}', none=False)
        self.tag("{%p else %}")
        self.para(NONE)
        self.tag("{%p endfor %}")
        self.para("2. Kết quả theo địa bàn", "DV Đề mục 1")
        self.tag("{%p for group in r.by_area %}")
        self.para("- ", None, ("{{ group.label }}:", "b"),
                  (' {{ group.entries|length }} kết quả, thuộc nhiệm vụ {{ group.tasks|join(", ") }}', ""),
                  ('{% if named %} (đ/c {{ group.members|join(", ") }}){% endif %}', "i"), (".", ""))
        self.tag("{%p else %}")
        self.para(NONE)
        self.tag("{%p endfor %}")
        self.para("3. Mô hình hiệu quả", "DV Đề mục 1")
        self.tag("{%p for model in r.models %}")
        self.prose('model.description_paragraphs or [""]',
                   lead=(("Mô hình “{{ model.name }}” ({{ model.place }}){% if model.description %}: {% endif %}", ""),),
                   tail=(("{% if model.replicate %} — đề xuất nhân rộng{% endif %}", "i"),
                         ('{% if named %} (đ/c {{ model.reporters|join(", ") }}){% endif %}', "i")))
        self.tag("{%p else %}")
        self.para(NONE)
        self.tag("{%p endfor %}")

        self.para("III. ĐÁNH GIÁ", "DV Đề mục I")
        self.para("1. Ưu điểm", "DV Đề mục 1")
        self.tag("{%p if named %}")
        self.para("- Tổ công tác nhận được {{ r.submission.received }}/{{ r.submission.expected }} báo cáo của thành "
                  "viên{% if r.submission.late %}, trong đó {{ r.submission.late }} báo cáo nộp muộn{% endif %}"
                  "{% if r.submission.missing %}; {{ r.submission.missing }} báo cáo chưa nộp{% endif %}.")
        self.tag("{%p endif %}")
        self.tag("{%p if r.highlights %}")
        self.para("- Kết quả nổi bật trong kỳ: {% for t in r.highlights %}{{ t.label }}: {{ t.period|number_vi }} "
                  '{{ t.unit }}{{ "; " if not loop.last else "." }}{% endfor %}')
        self.tag("{%p endif %}")
        self.tag("{%p if r.replicate_count %}")
        self.para("- {{ r.replicate_count }} mô hình hiệu quả được đề xuất nhân rộng.")
        self.tag("{%p endif %}")
        self.tag("{%p if not named and not r.highlights and not r.replicate_count %}")
        self.para(NONE)
        self.tag("{%p endif %}")
        self.para("2. Hạn chế, khó khăn", "DV Đề mục 1")
        self.listing("item in r.difficulties", "item.paragraphs", who)
        # causes only as the members wrote them: no reported cause, no heading (docs/templates.md)
        self.tag("{%p if r.causes %}")
        self.para("3. Nguyên nhân", "DV Đề mục 1")
        self.listing("item in r.causes", "item.paragraphs", who, none=False)
        self.tag("{%p endif %}")

        self.para("IV. NHIỆM VỤ {{ r.next_label|upper }}", "DV Đề mục I")
        self.listing("item in r.next_tasks", "item.paragraphs", who)

        self.para("V. KIẾN NGHỊ, ĐỀ XUẤT", "DV Đề mục I")
        self.tag("{%p for group in r.proposals %}")
        self.para("{{ loop.index }}. Đối với {{ group.to }}", "DV Đề mục 1")
        self.listing("item in group.items", "item.paragraphs", who, none=False)
        self.tag("{%p else %}")
        self.para(NONE)
        self.tag("{%p endfor %}")

    def signature(self) -> None:
        table = self.table(1, [85, 80], borders=False)
        left, right = table.rows[0].cells  # type: ignore[attr-defined]
        first = self.cell_para(left, '{%p if h.profile == "dang" %}', align="left", style="DV Nơi nhận", first=True)
        first.paragraph_format.space_before = Pt(12)  # type: ignore[attr-defined]
        self.cell_para(left, "{{ h.recipients_label }}", size=14, underline=True, align="left", style="DV Nơi nhận")
        self.cell_para(left, "{%p for line in h.recipients %}", align="left", style="DV Nơi nhận")
        self.cell_para(left, "{{ line }}", size=12, align="left", style="DV Nơi nhận")
        self.cell_para(left, "{%p endfor %}", align="left", style="DV Nơi nhận")
        self.cell_para(left, "{%p else %}", align="left", style="DV Nơi nhận")
        self.cell_para(left, "{{ h.recipients_label }}", size=12, bold=True, italic=True, align="left", style="DV Nơi nhận")
        self.cell_para(left, "{%p for line in h.recipients %}", align="left", style="DV Nơi nhận")
        self.cell_para(left, "{{ line }}", size=11, align="left", style="DV Nơi nhận")
        self.cell_para(left, "{%p endfor %}", align="left", style="DV Nơi nhận")
        self.cell_para(left, "{%p endif %}", align="left", style="DV Nơi nhận")
        top = self.cell_para(right, "{{ h.authority }}", bold=True, first=True)
        top.paragraph_format.space_before = Pt(12)  # type: ignore[attr-defined]
        self.cell_para(right, "{{ h.signer_title }}", bold=True)
        for _blank in range(4):
            self.cell_para(right, "")
        self.cell_para(right, "{{ h.signer_name }}", bold=True)

    def annex(self, by_member: bool) -> None:
        breaker = self.para("", "DV Giữa")
        breaker.add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
        self.para("", "DV Giữa", ("PHỤ LỤC", "b"))
        self.para("", "DV Giữa", ("BIỂU SỐ LIỆU", "b"))
        self.para("", "DV Giữa", ("(kèm theo Báo cáo {{ h.number_line }})", "i"))
        self.caption("Biểu 1. Tổng hợp số liệu", "(trong kỳ và lũy kế từ ngày {{ start_text }})")
        number = '{{ "-" if VALUE is none else VALUE|number_vi }}'
        heads = ["TT", "Chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế"]
        table = self.table(4, ANNEX_WIDTHS, borders=True)
        self._head(table.rows[0], heads)  # type: ignore[attr-defined]
        self.cell_para(table.rows[1].cells[0], "{%tr for t in r.indicators %}", style="DV Ô bảng", first=True)  # type: ignore[attr-defined]
        values = ["{{ loop.index }}", "{{ t.label }}", "{{ t.unit }}", number.replace("VALUE", "t.period"),
                  number.replace("VALUE", "t.cumulative")]
        self._row(table.rows[2], values, numeric={0, 3, 4})  # type: ignore[attr-defined]
        self.cell_para(table.rows[3].cells[0], "{%tr endfor %}", style="DV Ô bảng", first=True)  # type: ignore[attr-defined]
        if not by_member:
            return
        # by member: a member row (number, name, areas across the table), then only the indicators
        # with a non-zero figure this period or cumulative; the same columns as Biểu 1
        self.caption("Biểu 2. Số liệu theo thành viên, địa bàn",
                     "(chỉ ghi chỉ tiêu có số liệu trong kỳ hoặc lũy kế)")
        heads = ["TT", "Thành viên, chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế"]
        table = self.table(9, ANNEX_WIDTHS, borders=True)
        rows = table.rows  # type: ignore[attr-defined]
        self._head(rows[0], heads)
        for index, tag in ((1, "{%tr for m in r.members %}"), (3, "{%tr for t in m.rows %}"), (5, "{%tr else %}"),
                           (7, "{%tr endfor %}"), (8, "{%tr endfor %}")):
            self.cell_para(rows[index].cells[0], tag, style="DV Ô bảng", first=True)
        member = rows[2]
        self.cell_para(member.cells[0], "{{ loop.index }}", size=13, bold=True, style="DV Ô bảng", first=True)
        whole = member.cells[1].merge(member.cells[4])
        paragraph = self.cell_para(whole, "{{ m.member }}", size=13, bold=True, align="left", style="DV Ô bảng",
                                   first=True)
        run = paragraph.add_run('{% if m.areas %} ({{ m.areas|join(", ") }}){% endif %}')  # type: ignore[attr-defined]
        run.font.size = Pt(13)
        values = ["", "{{ t.label }}", "{{ t.unit }}", number.replace("VALUE", "t.period"),
                  number.replace("VALUE", "t.cumulative")]
        self._row(rows[4], values, numeric={0, 3, 4})
        empty = rows[6]
        self.cell_para(empty.cells[0], "", style="DV Ô bảng", first=True)
        self.cell_para(empty.cells[1].merge(empty.cells[4]), "Không có số liệu", size=13, italic=True, align="left",
                       style="DV Ô bảng", first=True)
        for row in (member, rows[4], empty):  # a row never breaks across pages
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def caption(self, title: str, note: str) -> None:
        """A table's title (bold) and its note (italic), centred above it."""
        first = self.para("", "DV Giữa", (title, "b"))
        first.paragraph_format.space_before = Pt(12)  # type: ignore[attr-defined]
        first.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        self.para("", "DV Giữa", (note, "i")).paragraph_format.keep_with_next = True  # type: ignore[attr-defined]

    def _head(self, row: object, heads: list[str]) -> None:
        for cell, text in zip(row.cells, heads, strict=True):  # type: ignore[attr-defined]
            self.cell_para(cell, text, size=13, bold=True, style="DV Ô bảng", first=True)

    def _row(self, row: object, values: list[str], numeric: set[int]) -> None:
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):  # type: ignore[attr-defined]
            self.cell_para(cell, text, size=13, align="center" if index in numeric else "left",
                           style="DV Ô bảng", first=True)
            if index in numeric and index:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def save(self, path: Path) -> None:
        props = self.doc.core_properties
        props.author, props.title = "dvcli", path.stem
        self.doc.save(str(path))


def build(name: str, named: bool, by_member: bool, intro: str) -> Path:
    builder = Builder()
    builder.tag(f"{{%p set named = {'true' if named else 'false'} %}}")
    builder.tag(f"{{%p set intro = {intro} %}}")
    builder.header()
    builder.body()
    builder.signature()
    builder.annex(by_member)
    path = OUT / f"{name}.docx"
    builder.save(path)
    return path


INTRO_GROUP = '"Thực hiện " ~ basis ~ ", " ~ plan.group.name ~ " báo cáo " ~ h.subject ~ " " ~ h.period_text[1:-1] ~ " như sau:"'
INTRO_BAN = '"Thực hiện " ~ basis ~ ", " ~ plan.document.issuer ~ " báo cáo " ~ h.subject ~ " " ~ h.period_text[1:-1] ~ " như sau:"'


def main() -> int:
    for path in (build("tong-hop-tuan", True, True, INTRO_GROUP), build("bao-cao-ban", False, False, INTRO_BAN)):
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
