"""Generate the Jinja-tagged Word templates for the consolidated reports (docxtpl).

    .venv/bin/python scripts/make_docx_templates.py        # writes src/dvcli/templates/*.docx

The files are generated so the layout is reviewable as code and reproducible; the secretary may
still open a copy (``dvcli templates copy tong-hop-tuan``) in Word and restyle it — the named
paragraph styles (DV Đề mục I, DV Đề mục 1, DV Đề mục a, DV Ô bảng …) carry the formatting.
Layout: Hướng dẫn 36-HD/VPTW (Party profile) and Nghị định 30/2020/NĐ-CP (State profile, chosen
by ``reporting.profile`` at render time) — see shared/design/DOCUMENT-FORMAT.md.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
OUT = Path(__file__).resolve().parent.parent / "src" / "dvcli" / "templates"
NONE = "- Trong kỳ không có nội dung báo cáo."
TABLE_CELL, TABLE_CELL_SIZE = "DV Ô bảng", 13
TABLE_CELL_STYLES = {"center": TABLE_CELL, "left": "DV Ô bảng trái", "right": "DV Ô bảng phải"}
"""The annex tables' cells: a style for each alignment, each 13 pt."""
ALIGNMENTS = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
              "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
# annex columns (mm, 165 in all): TT, indicator, unit ("văn bản", "chuyến" on one line), this period and
# cumulative wide enough for "12.500.734.567" at 13 pt
ANNEX_WIDTHS = [10, 62, 21, 35, 37]
RECEIVED_WIDTHS = [10, 55, 35, 40, 25]
UNITS_WIDTHS = [10, 99, 21, 35]
# Widths measured from the font's advance widths (Liberation Serif, metric-compatible with Times New
# Roman, so Word and LibreOffice agree); the layout tables have no cell margins left or right, so a
# column's width is the width its text gets.
PARTY_HEADER = (82, 83)  # mm: "BAN CHẤP HÀNH TRUNG ƯƠNG" 14 pt is 74.4 mm, "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold 72.9
PARTY_RULE = 73  # mm: the rule under "ĐẢNG CỘNG SẢN VIỆT NAM" is as long as the line (HD36)
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is 88.3 mm at 12 pt bold and 95.7 mm at 13 pt (NĐ30: 12–13 pt, one
# line): 12 pt in a 93 mm column leaves the left column 72 mm, enough for "BAN CHẤP HÀNH TRUNG ƯƠNG" at
# 13 pt (69.0 mm); 13 pt would need 96 mm and leave the left line no room at all
STATE_HEADER = (72, 93)
STATE_NATIONAL_PT = 12
STATE_MOTTO_RULE = 61  # mm: as long as "Độc lập - Tự do - Hạnh phúc" at 14 pt bold (60.5 mm)
SIGNATURE = (75, 90)  # mm: "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" 14 pt bold is 84.8 mm
SECT_PR_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                 "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
                 "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _sect_index(sect: object, name: str) -> int:
    """Where ``name`` goes among a sectPr's children (schema order)."""
    later = SECT_PR_ORDER[SECT_PR_ORDER.index(name) + 1:]
    for index, child in enumerate(sect):  # type: ignore[call-overload]
        if child.tag.split("}")[1] in later:
            return index
    return len(sect)  # type: ignore[arg-type]


def set_font(element: object, name: str = FONT) -> None:
    """Set every script's font (Latin, complex, East Asian) so Word never substitutes."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), name)


# OOXML (ECMA-376 part 1, wml.xsd) child order of the property elements this script writes: Word
# and validators reject a document whose children are out of sequence.
TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")
P_PR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
              "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
R_PR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
              "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
              "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def insert_ordered(parent: object, child: object, order: tuple[str, ...]) -> None:
    """Put ``child`` where the schema's sequence wants it, replacing an element of the same name."""
    name = child.tag.split("}")[1]  # type: ignore[attr-defined]
    for old in parent.findall(qn(f"w:{name}")):  # type: ignore[attr-defined]
        parent.remove(old)  # type: ignore[attr-defined]
    later = order[order.index(name) + 1:]
    for index, existing in enumerate(parent):  # type: ignore[call-overload]
        if existing.tag.split("}")[1] in later:
            parent.insert(index, child)  # type: ignore[attr-defined]
            return
    parent.append(child)  # type: ignore[attr-defined]


def language(rpr: object, tag: str = "vi-VN") -> None:
    lang = OxmlElement("w:lang")
    for key in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(key), tag)
    insert_ordered(rpr, lang, R_PR_ORDER)


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
        # the document's language: Vietnamese spelling and hyphenation in Word and LibreOffice
        language(normal.element.get_or_add_rPr())
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                language(rpr)
        fmt = normal.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(10)
        fmt.space_before, fmt.space_after = Pt(6), Pt(0)
        # lines at least 18 pt apart (HD36): Times 14 pt is 16.1 pt high, so exactly 18 pt in practice
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(18)
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
                f.space_before, f.line_spacing_rule = Pt(0), WD_LINE_SPACING.SINGLE

        paragraph_style("DV Đề mục I", bold=True)
        paragraph_style("DV Đề mục 1", bold=True)
        for name in ("DV Đề mục I", "DV Đề mục 1"):  # a heading never ends a page
            styles[name].paragraph_format.keep_with_next = True
        paragraph_style("DV Đề mục a", bold=True, italic=True)
        paragraph_style("DV Tiêu đề", bold=True, size=16, center=True, indent=False)
        paragraph_style("DV Giữa", center=True, indent=False, tight=True)
        paragraph_style("DV Ô tiêu đề", center=True, indent=False, tight=True)
        # a table cell's style carries its size and alignment: 10,000 members' annex repeats every
        # cell, and a w:sz and w:jc written on each of them made a quarter of its XML
        for align, name in TABLE_CELL_STYLES.items():
            paragraph_style(name, size=TABLE_CELL_SIZE, indent=False, tight=True)
            styles[name].paragraph_format.alignment = ALIGNMENTS[align]
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
    def cell_para(cell: object, text: str, *, size: float | None = None, bold: bool = False, italic: bool = False,
                  underline: bool = False, align: str = "center", style: str = "DV Ô tiêu đề",
                  first: bool = False) -> object:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        lean = style == TABLE_CELL
        if lean:  # the style carries the size and the alignment (TABLE_CELL_STYLES)
            assert size in (None, TABLE_CELL_SIZE), size
            style = TABLE_CELL_STYLES[align]
        paragraph.style = style
        if not lean:
            paragraph.alignment = ALIGNMENTS[align]
        if text:
            run = paragraph.add_run(text)
            if not lean:
                run.font.size = Pt(14 if size is None else size)
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
        insert_ordered(ppr, borders, P_PR_ORDER)
        run = paragraph.add_run()  # type: ignore[attr-defined]
        run.font.size = Pt(2)

    def table(self, rows: int, widths: list[float], borders: bool) -> object:
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        if borders:
            table.style = self.doc.styles["Table Grid"]
        else:
            edges = OxmlElement("w:tblBorders")
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
                element = OxmlElement(f"w:{edge}")
                element.set(qn("w:val"), "nil")
                edges.append(element)
            insert_ordered(tbl_pr, edges, TBL_PR_ORDER)
            # a layout table (header, signature) gives its text the whole column: no cell margins
            # left or right, so "the column fits the line" is a statement about the text itself
            margins = OxmlElement("w:tblCellMar")
            for edge in ("left", "right"):
                element = OxmlElement(f"w:{edge}")
                element.set(qn("w:w"), "0")
                element.set(qn("w:type"), "dxa")
                margins.append(element)
            insert_ordered(tbl_pr, margins, TBL_PR_ORDER)
        # the table's own width, the grid and every cell agree (LibreOffice reads the first two, Word
        # the cells): an "auto" table width lets LibreOffice shrink the columns to fit the text
        total = OxmlElement("w:tblW")
        total.set(qn("w:w"), str(sum(int(Mm(width).twips) for width in widths)))
        total.set(qn("w:type"), "dxa")
        insert_ordered(tbl_pr, total, TBL_PR_ORDER)
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                cell.width = Mm(widths[index])
        # LibreOffice lays a table out by its grid, Word by the cells: set both, and a fixed layout
        for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            column.set(qn("w:w"), str(int(Mm(width).twips)))
        layout = OxmlElement("w:tblLayout")  # autofit = False wrote one already: replaced, not doubled
        layout.set(qn("w:type"), "fixed")
        insert_ordered(table._tbl.tblPr, layout, TBL_PR_ORDER)
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
        self.tag('{%p if h.profile == "dang" %}')
        left_mm, right_mm = PARTY_HEADER
        table = self.table(1, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells  # type: ignore[attr-defined]
        self.cell_para(left, "{{ h.parent_header }}", first=True)
        self.cell_para(left, "{{ h.issuer_header }}", bold=True)
        self.cell_para(left, "*")
        self.cell_para(left, "{{ h.number_line }}")
        self.cell_para(right, "{{ h.national[0] }}", size=15, bold=True, first=True)
        self.rule(self.cell_para(right, ""), PARTY_RULE, right_mm)
        self.cell_para(right, "")
        self.cell_para(right, "{{ h.place }}, {{ h.date|date_vi }}", italic=True)
        self.tag("{%p else %}")
        left_mm, right_mm = STATE_HEADER
        table = self.table(1, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells  # type: ignore[attr-defined]
        self.cell_para(left, "{{ h.parent_header }}", size=13, first=True)
        self.cell_para(left, "{{ h.issuer_header }}", size=13, bold=True)
        self.rule(self.cell_para(left, ""), 25, left_mm)
        self.cell_para(left, "{{ h.number_line }}", size=13)
        self.cell_para(right, "{{ h.national[0] }}", size=STATE_NATIONAL_PT, bold=True, first=True)  # one line
        self.cell_para(right, "{{ h.national[1] }}", size=14, bold=True)
        self.rule(self.cell_para(right, ""), STATE_MOTTO_RULE, right_mm)
        self.cell_para(right, "{{ h.place }}, {{ h.date|date_vi }}", italic=True)
        self.tag("{%p endif %}")
        # tên loại: 15–16 pt (HD36), 13–14 pt (NĐ30 Phụ lục I)
        self.tag('{%p if h.profile == "dang" %}')
        title = self.para("{{ h.kind_title }}", "DV Tiêu đề")
        title.paragraph_format.space_before = Pt(18)  # type: ignore[attr-defined]
        self.tag("{%p else %}")
        title = self.para("", "DV Tiêu đề", ("{{ h.kind_title }}", ""))
        title.runs[0].font.size = Pt(14)  # type: ignore[attr-defined]
        title.paragraph_format.space_before = Pt(18)  # type: ignore[attr-defined]
        self.tag("{%p endif %}")
        self.para("", "DV Giữa", ("{{ h.subject }}", "b"))
        self.para("{{ h.period_text }}", "DV Giữa")
        self.tag('{%p if h.profile == "dang" %}')
        self.para("-----", "DV Giữa")
        self.tag("{%p else %}")
        self.rule(self.para("", "DV Giữa"), 60, 165)  # a solid rule, 1/3 of the line (NĐ30 Phụ lục I)
        self.tag("{%p if h.upward and h.addressed_to %}")
        sent = self.para("Kính gửi: {{ h.addressed_to|join('; ') }}.", "DV Giữa")
        sent.paragraph_format.space_before = Pt(12)  # type: ignore[attr-defined]
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")
        self.para("{{ doc.intro }}")

    def body(self) -> None:
        """The sections of the synthesis or the secretary's draft: a heading, then its paragraphs
        (a bold lead such as "Tại Tây Nguyên:" opening a paragraph about one group)."""
        self.tag("{%p for s in doc.sections %}")
        self.tag("{%p if s.level == 1 %}")
        self.para("{{ s.heading }}", "DV Đề mục I")
        self.tag("{%p else %}")
        self.para("{{ s.heading }}", "DV Đề mục 1")
        self.tag("{%p endif %}")
        self.tag("{%p for p in s.paragraphs %}")
        self.para("", None, ("{{ p.lead }}", "b"), ("{% if p.lead %} {% endif %}{{ p.text }}", ""))
        self.tag("{%p endfor %}")
        self.tag("{%p endfor %}")
        self.para("{{ doc.closing }}")

    def signature(self) -> None:
        # the right column fits "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" (14 pt bold: 74 mm) on one line
        table = self.table(1, list(SIGNATURE), borders=False)
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
        # the head of a body set up by decision signs directly ("TỔ TRƯỞNG"): no authority line
        top = self.cell_para(right, "{%p if h.authority %}", first=True)
        top.paragraph_format.space_before = Pt(12)  # type: ignore[attr-defined]
        self.cell_para(right, "{{ h.authority }}", bold=True)
        self.cell_para(right, "{%p endif %}")
        self.cell_para(right, "{{ h.signer_title }}", bold=True)
        for _blank in range(4):
            self.cell_para(right, "")
        self.cell_para(right, "{{ h.signer_name }}", bold=True)

    def annex(self, by_member: bool, named: bool) -> None:
        self.section_break()
        self.tag('{%p if h.profile == "dang" %}')
        self.para("", "DV Giữa", ("PHỤ LỤC", "b"))
        self.tag("{%p else %}")
        self.para("", "DV Giữa", ("Phụ lục", "b"))
        self.tag("{%p endif %}")
        self.para("", "DV Giữa", ("BIỂU SỐ LIỆU", "b"))
        self.para("", "DV Giữa", ("{{ h.annex_reference }}", "i"))
        self.caption("Biểu 1. Tổng hợp số liệu", "(trong kỳ và lũy kế từ ngày {{ start_text }})")
        number = '{{ "-" if VALUE is none else VALUE|number_vi }}'
        heads = ["TT", "Chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế"]
        table = self.table(4, ANNEX_WIDTHS, borders=True)
        self._head(table.rows[0], heads)  # type: ignore[attr-defined]
        self.cell_para(table.rows[1].cells[0], "{%tr for t in r.indicators %}", style=TABLE_CELL, first=True)  # type: ignore[attr-defined]
        values = ["{{ loop.index }}", "{{ t.label }}", "{{ t.unit }}", number.replace("VALUE", "t.period"),
                  number.replace("VALUE", "t.cumulative")]
        self._row(table.rows[2], values, numeric={0, 3, 4})  # type: ignore[attr-defined]
        self.cell_para(table.rows[3].cells[0], "{%tr endfor %}", style=TABLE_CELL, first=True)  # type: ignore[attr-defined]
        self.charts()
        if by_member:
            self.members_table()
        if named:
            self.received_table()
        self.units_table(2 + by_member + named)

    def units_table(self, number: int) -> None:
        """The units' figures (roll-up, issue 17): a block per column — the group's own members, each
        unit, the total — then the unit reports cited and the units that sent none."""
        self.tag("{%p if r.unit_annex %}")
        self.caption(f"Biểu {number}. Số liệu theo đơn vị",
                     "(trong kỳ: của các thành viên Tổ và của từng đơn vị báo cáo lên)")
        table = self.table(7, UNITS_WIDTHS, borders=True)
        rows = table.rows  # type: ignore[attr-defined]
        self._head(rows[0], ["TT", "Đơn vị, chỉ tiêu", "Đơn vị tính", "Trong kỳ"])
        for index, tag in ((1, "{%tr for column, figures in r.unit_annex.blocks %}"),
                           (3, "{%tr for label, unit, value in figures %}"), (5, "{%tr endfor %}"),
                           (6, "{%tr endfor %}")):
            self.cell_para(rows[index].cells[0], tag, style=TABLE_CELL, first=True)
        block = rows[2]
        self.cell_para(block.cells[0], "{{ loop.index }}", bold=True, style=TABLE_CELL, first=True)
        self.cell_para(block.cells[1].merge(block.cells[3]), "{{ column }}", bold=True, align="left", style=TABLE_CELL, first=True)
        self._row(rows[4], ["", "{{ label }}", "{{ unit }}", '{{ "-" if value is none else value|number_vi }}'],
                  numeric={0, 3})
        for row in (block, rows[4]):
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        self.tag("{%p if r.units %}")
        self.para("Báo cáo của đơn vị đã nhận: {% for c in r.units %}{{ c.text }}{% if c.late %} (gửi muộn)"
                  "{% endif %}{{ '; ' if not loop.last else '.' }}{% endfor %}")
        self.tag("{%p endif %}")
        self.tag("{%p if r.missing_units %}")
        self.para("Chưa nhận được báo cáo của: {{ r.missing_units|join(', ') }}.")
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")

    def section_break(self) -> None:
        """The annex starts a new section on a new page with its own page numbering (NĐ30 Phụ lục I):
        the paragraph's sectPr closes the body's section, a copy of the final one with a restart."""
        body_sect = self.doc.sections[0]._sectPr
        paragraph = self.para("", "DV Giữa")
        # as small as a paragraph gets: a full last page must not push the break onto a page of its own
        fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(1)
        mark = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "2")
        mark.append(size)
        insert_ordered(paragraph._p.get_or_add_pPr(), mark, P_PR_ORDER)  # type: ignore[attr-defined]
        closing = copy.deepcopy(body_sect)
        insert_ordered(paragraph._p.get_or_add_pPr(), closing, P_PR_ORDER)  # type: ignore[attr-defined]
        restart = OxmlElement("w:pgNumType")
        restart.set(qn("w:start"), "1")
        body_sect.insert(_sect_index(body_sect, "pgNumType"), restart)

    def charts(self) -> None:
        """Each headline indicator across the plan's periods, this period highlighted (``charts``)."""
        self.tag("{%p if charts %}")
        self.caption("Biểu đồ. Chỉ tiêu chủ yếu qua các kỳ", "(kỳ này tô đậm)")
        self.tag("{%p for chart in charts %}")
        self.para("{{ chart.png|docx_image(150) }}", "DV Giữa")
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")

    def members_table(self) -> None:
        # by member: a member row (number, name, areas across the table), then only the indicators
        # with a non-zero figure this period or cumulative; the same columns as Biểu 1
        number = '{{ "-" if VALUE is none else VALUE|number_vi }}'
        self.caption("Biểu 2. Số liệu theo thành viên, địa bàn",
                     "(chỉ ghi chỉ tiêu có số liệu trong kỳ hoặc lũy kế)")
        heads = ["TT", "Thành viên, chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế"]
        table = self.table(9, ANNEX_WIDTHS, borders=True)
        rows = table.rows  # type: ignore[attr-defined]
        self._head(rows[0], heads)
        for index, tag in ((1, "{%tr for m in r.members %}"), (3, "{%tr for t in m.rows %}"), (5, "{%tr else %}"),
                           (7, "{%tr endfor %}"), (8, "{%tr endfor %}")):
            self.cell_para(rows[index].cells[0], tag, style=TABLE_CELL, first=True)
        member = rows[2]
        self.cell_para(member.cells[0], "{{ loop.index }}", bold=True, style=TABLE_CELL, first=True)
        whole = member.cells[1].merge(member.cells[4])
        paragraph = self.cell_para(whole, "{{ m.member }}", bold=True, align="left", style=TABLE_CELL,
                                   first=True)
        paragraph.add_run('{% if m.areas %} ({{ m.areas|join(", ") }}){% endif %}')  # type: ignore[attr-defined]
        values = ["", "{{ t.label }}", "{{ t.unit }}", number.replace("VALUE", "t.period"),
                  number.replace("VALUE", "t.cumulative")]
        self._row(rows[4], values, numeric={0, 3, 4})
        empty = rows[6]
        self.cell_para(empty.cells[0], "", style=TABLE_CELL, first=True)
        self.cell_para(empty.cells[1].merge(empty.cells[4]), "Không có số liệu", italic=True, align="left",
                       style=TABLE_CELL, first=True)
        for row in (member, rows[4], empty):  # a row never breaks across pages
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def received_table(self) -> None:
        """Biểu 3: the members' reports received — the only place the document names who reported."""
        self.caption("Biểu 3. Báo cáo của thành viên đã nhận",
                     "({{ r.submission.received }}/{{ r.submission.expected }} báo cáo{% if r.submission.late %}, "
                     "{{ r.submission.late }} báo cáo gửi muộn{% endif %})")
        table = self.table(4, RECEIVED_WIDTHS, borders=True)
        rows = table.rows  # type: ignore[attr-defined]
        self._head(rows[0], ["TT", "Thành viên", "Kỳ báo cáo", "Gửi lúc", "Ghi chú"])
        self.cell_para(rows[1].cells[0], "{%tr for ref in r.reports %}", style=TABLE_CELL, first=True)
        self._row(rows[2], ["{{ loop.index }}", "{{ ref.member }}",
                            '{{ ref.period if ref.period else "đột xuất: " ~ ref.title }}',
                            '{{ ref.submitted.strftime("%H:%M %d/%m/%Y") }}', '{{ "gửi muộn" if ref.late else "" }}'],
                  numeric={0})
        self.cell_para(rows[3].cells[0], "{%tr endfor %}", style=TABLE_CELL, first=True)
        self.tag("{%p for week in r.submission.weeks if week.missing or week.on_leave %}")
        self.para("{% if week.missing %}Chưa gửi báo cáo {{ week.period.label }}: {{ week.missing|join(', ') }}."
                  "{% endif %}{% if week.missing and week.on_leave %} {% endif %}{% if week.on_leave %}Nghỉ phép: "
                  "{{ week.on_leave|join(', ') }}.{% endif %}")
        self.tag("{%p endfor %}")
        self.tag("{%p if r.submission.nothing_to_report %}")  # named once, never as empty items
        self.para("Báo cáo không có nội dung: {{ r.submission.nothing_to_report|join(', ') }}.")
        self.tag("{%p endif %}")

    def caption(self, title: str, note: str) -> None:
        """A table's title (bold) and its note (italic), centred above it."""
        first = self.para("", "DV Giữa", (title, "b"))
        first.paragraph_format.space_before = Pt(12)  # type: ignore[attr-defined]
        first.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        self.para("", "DV Giữa", (note, "i")).paragraph_format.keep_with_next = True  # type: ignore[attr-defined]

    def _head(self, row: object, heads: list[str]) -> None:
        for cell, text in zip(row.cells, heads, strict=True):  # type: ignore[attr-defined]
            self.cell_para(cell, text, bold=True, style=TABLE_CELL, first=True)

    def _row(self, row: object, values: list[str], numeric: set[int]) -> None:
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):  # type: ignore[attr-defined]
            # the row number centred, the other figures to the right, words to the left
            align = ("right" if index else "center") if index in numeric else "left"
            self.cell_para(cell, text, align=align, style=TABLE_CELL, first=True)

    def save(self, path: Path) -> None:
        # docxtpl renders these as Jinja too: the document's real title, issuer and language
        props = self.doc.core_properties
        props.title = "{{ h.kind_title|capitalize }} {{ h.subject }} {{ h.period_text }}"
        props.author = "{{ h.issuer_name }}"
        props.subject = "{{ h.subject }}"
        props.language = "vi-VN"
        props.comments = ""
        props.last_modified_by = "dvcli"
        self.doc.save(str(path))


def build(name: str, named: bool, by_member: bool) -> Path:
    builder = Builder()
    builder.tag(f"{{%p set named = {'true' if named else 'false'} %}}")
    builder.header()
    builder.body()
    builder.signature()
    builder.annex(by_member, named)
    path = OUT / f"{name}.docx"
    builder.save(path)
    return path


def main() -> int:
    for path in (build("tong-hop-tuan", True, True), build("bao-cao-ban", False, False)):
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
