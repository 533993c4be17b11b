"""Rendered documents: golden Markdown/HTML, DOCX read back with python-docx, PDF, escaping.

Regenerate the golden files after an intended change: DVCLI_UPDATE_GOLDEN=1 pytest tests/test_consolidate_render.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from consolidate_support import GOLDEN, make
from dvcli.services import consolidate_output

DATE = ["--date", "2021-09-28"]


@pytest.mark.parametrize("template", ["tong-hop-tuan", "bao-cao-ban"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(tmp_path: Path, template: str, fmt: str) -> None:
    ws = make(tmp_path)
    result = ws.run("consolidate", "--week", "2021-W38", "--template", template, "--format", fmt,
                    "--out", str(tmp_path / "out"), *DATE)
    assert result.exit_code == 0, result.stderr
    got = (tmp_path / "out" / f"{template}-2021-W38.{fmt}").read_text(encoding="utf-8")
    golden = GOLDEN / f"{template}-2021-W38.{fmt}"
    if os.environ.get("DVCLI_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_markdown_preview_goes_to_stdout(tmp_path: Path) -> None:
    result = make(tmp_path).run("consolidate", "--week", "2021-W38", *DATE)
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "tong-hop-tuan-2021-W38.md").read_text(encoding="utf-8")


def _docx(tmp_path: Path, template: str = "tong-hop-tuan", profile: str | None = None) -> object:
    from docx import Document

    ws = make(tmp_path)
    if profile:
        plan = ws.root / "data" / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("profile: dang", f"profile: {profile}"),
                        encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38", "--template", template, "--format", "docx",
                    "--out", str(tmp_path / "out"), *DATE)
    assert result.exit_code == 0, result.stderr
    return Document(str(tmp_path / "out" / f"{template}-2021-W38.docx"))


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as namespaced

    return namespaced(tag)


def _cell_lines(table: object) -> list[list[str]]:
    return [[p.text for p in cell.paragraphs] for cell in table.rows[0].cells]  # type: ignore[attr-defined]


def test_docx_layout(tmp_path: Path) -> None:
    doc = _docx(tmp_path)
    section = doc.sections[0]  # type: ignore[attr-defined]
    margins = [m.twips for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
    assert margins == [1134, 1134, 1701, 850]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = doc.styles["Normal"]  # type: ignore[attr-defined]
    assert (normal.font.name, normal.font.size.pt) == ("Times New Roman", 14)
    assert normal.paragraph_format.first_line_indent.mm == pytest.approx(10, abs=0.1)
    assert normal.paragraph_format.space_before.pt >= 6
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml
    header, signature, indicators, members, received = doc.tables  # type: ignore[attr-defined]
    assert _cell_lines(header) == [["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN DÂN VẬN", "*", "Số      -BC/BDVTW"],
                                   ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Hà Nội, ngày 28 tháng 9 năm 2021"]]
    date_run = header.rows[0].cells[1].paragraphs[3].runs[0]
    assert date_run.italic
    assert _cell_lines(signature) == [
        ["Nơi nhận:", "- Các đ/c lãnh đạo Ban (để b/c),", "- Thành viên Tổ công tác,", "- Lưu VT."],
        ["TỔ TRƯỞNG", "", "", "", "", "Vy Tư Liệu"]]  # the group's head signs directly (HD36 1.7.1)
    label = signature.rows[0].cells[0].paragraphs[0].runs[0]
    assert label.underline and label.font.size.pt == 14
    assert signature.rows[0].cells[0].paragraphs[1].runs[0].font.size.pt == 12
    rows = [[c.text for c in row.cells] for row in indicators.rows]
    assert rows[0] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế"]
    assert rows[5] == ["5", "Tiền vận động được", "đồng", "734.567", "1.500.734.567"]
    assert rows[6] == ["6", "Hàng hóa vận động được (quy đổi)", "tấn", "9,25", "38,8"]
    assert rows[4] == ["4", "Người dân được hỗ trợ", "người", "-", "-"]
    assert len(rows) == 13
    member_rows = [[c.text for c in row.cells] for row in members.rows]
    assert member_rows[0] == ["TT", "Thành viên, chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế"]
    assert member_rows[1] == ["1"] + ["Nguyễn Minh Đức (Hà Nội)"] * 4  # one cell across the table
    assert member_rows[2] == ["", "Tổ COVID cộng đồng được thành lập, củng cố", "tổ", "8", "20"]
    # each annex cell is 13 pt and aligned by its style alone: number centred, words left, figures
    # right (a w:sz and w:jc on every cell made a quarter of a 10,000-member annex's XML)
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    centre, left, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
    for table, row, aligned in ((indicators, 5, [centre, left, left, right, right]),
                                (members, 1, [centre, left]), (members, 2, [centre, left, left, right, right])):
        cells = list(dict.fromkeys(table.rows[row].cells))  # a merged cell is listed once per column
        for cell, alignment in zip(cells, aligned, strict=True):
            paragraph = cell.paragraphs[0]
            assert paragraph.alignment is None and paragraph.style.paragraph_format.alignment == alignment
            assert paragraph.style.font.size.pt == 13 and all(run.font.size is None for run in paragraph.runs)
    # fixed widths, the same columns in both tables: TT, indicator, unit, this period, cumulative (mm)
    for table in (indicators, members):
        grid = [round(int(col.get(qn("w:w"))) / 56.7) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert grid == [10, 62, 21, 35, 37]
    texts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    assert "BÁO CÁO" in texts
    assert "(tuần từ ngày 20/9 đến ngày 26/9/2021)" in texts and "-----" in texts
    assert "I. TÌNH HÌNH" in texts and "V. KIẾN NGHỊ, ĐỀ XUẤT" in texts and "IV. NHIỆM VỤ TUẦN TỚI" in texts
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")  # type: ignore[attr-defined]
    assert title.style.font.bold and title.style.font.size.pt == 16
    assert not any("{{" in t or "{%" in t for t in texts)
    assert [[c.text for c in row.cells] for row in received.rows][0] == ["TT", "Thành viên", "Kỳ báo cáo", "Gửi lúc",
                                                                         "Ghi chú"]
    assert texts[-1].startswith("Chưa gửi báo cáo 2021-W38: ") or any(
        t.startswith("Chưa gửi báo cáo") for t in texts) or len(received.rows) > 1


def test_docx_draft_marker_and_state_profile(tmp_path: Path) -> None:
    doc = _docx(tmp_path, "bao-cao-ban", profile="nha-nuoc")
    texts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    assert texts[0] == "DỰ THẢO"
    header, signature, _indicators = doc.tables  # type: ignore[attr-defined]
    assert "Kính gửi: Thường trực Ban Bí thư; Tiểu ban Dân vận thuộc BCĐQG phòng, chống dịch COVID-19." in texts
    assert _cell_lines(header) == [["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN DÂN VẬN", "", "Số:      /BC-BDVTW"],
                                   ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
                                    "Hà Nội, ngày 28 tháng 9 năm 2021"]]
    left, right = _cell_lines(signature)
    assert left[-1] == "- Lưu: VT." and left[1] == "- Như trên;"  # the addressees are under "Kính gửi"
    assert right[0] == "KT. TRƯỞNG BAN"
    label = signature.rows[0].cells[0].paragraphs[0].runs[0]
    assert label.bold and label.italic and label.font.size.pt == 12
    assert signature.rows[0].cells[0].paragraphs[1].runs[0].font.size.pt == 11


HOSTILE = '<script>alert("x")</script> & {{ 7*7 }} {% if true %}jinja{% endif %}'


def test_hostile_text_is_escaped_and_literal(tmp_path: Path) -> None:
    ws = make(tmp_path)
    path = ws.root / "data/reports/2021/W38/bui-thuy.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "Miền Trung và Tây Nguyên cơ bản kiểm soát được dịch.", "'" + HOSTILE.replace("'", "''") + "'")
    path.write_text(text, encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38", "--format", "html,docx,md", "--out", str(tmp_path / "o"), *DATE)
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "o/tong-hop-tuan-2021-W38.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; {{ 7*7 }} {% if true %}jinja{% endif %}" in html
    markdown = (tmp_path / "o/tong-hop-tuan-2021-W38.md").read_text(encoding="utf-8")
    assert "<script" not in markdown
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; {{ 7*7 }} {% if true %}jinja{% endif %}' in markdown
    from docx import Document

    doc = Document(str(tmp_path / "o/tong-hop-tuan-2021-W38.docx"))
    assert any(HOSTILE in p.text for p in doc.paragraphs)


@pytest.mark.skipif(consolidate_output.soffice() is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
def test_pdf_through_libreoffice(tmp_path: Path) -> None:
    result = make(tmp_path).run("consolidate", "--week", "2021-W38", "--format", "pdf", "--out", str(tmp_path / "o"), *DATE)
    assert result.exit_code == 0, result.stderr
    pdf = (tmp_path / "o/tong-hop-tuan-2021-W38.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "o/tong-hop-tuan-2021-W38.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "1.500.734.567" in text


def test_pdf_without_libreoffice_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consolidate_output, "soffice", lambda: None)
    result = make(tmp_path).run("consolidate", "--week", "2021-W38", "--format", "pdf", "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.stderr == ("lỗi: không tạo được PDF: máy chưa cài LibreOffice (lệnh soffice)\n"
                             "  gợi ý: cài bằng: sudo apt-get install libreoffice-writer (Windows/macOS: tải từ "
                             "libreoffice.org), hoặc bỏ pdf khỏi --format và in tệp .docx\n")
    assert not (tmp_path / "o").exists()


def test_md_escape_only_formats() -> None:
    from dvcli.render import md_escape

    assert md_escape('<img src=x onerror="a()"> & <b>') == '&lt;img src=x onerror="a()"&gt; &amp; &lt;b&gt;'
    assert md_escape("&amp;") == "&amp;amp;"
    assert md_escape("1.234 **đậm** {{ x }}") == "1.234 **đậm** {{ x }}"
    # links, images, code spans, table pipes and headings are shown as written (issue 12)
    assert md_escape("![x](javascript:a()) [y](javascript:b())") == "!\\[x\\](javascript:a()) \\[y\\](javascript:b())"
    assert md_escape("`<b>` a|b c\\d") == "\\`&lt;b&gt;\\` a\\|b c\\\\d"
    assert md_escape("# giả\n## giả\nDòng\n===\n  ---\n1. một - hai") == (
        "\\# giả\n\\## giả\nDòng\n\\===\n  \\---\n1. một - hai")
    # an indented code block loses its indentation, a ~~~ fence its meaning; three spaces stay
    assert md_escape("Đoạn\n\n    mã giả\n\tmột tab\n  \t tab sau hai cách\n   ba cách\n~~~\nx\n ~~~~") == (
        "Đoạn\n\nmã giả\nmột tab\ntab sau hai cách\n   ba cách\n\\~~~\nx\n \\~~~~")


def test_markdown_escapes_every_report_text(tmp_path: Path) -> None:
    """Names, areas, models, proposals, difficulties, causes: no report field reaches Markdown raw."""
    ws = make(tmp_path)
    path = ws.root / "data/reports/2021/W38/bui-thuy.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "causes:\n  - '<i>nguyên nhân</i>'\n", encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38", *DATE)
    assert result.exit_code == 0, result.stderr
    assert "&lt;i&gt;nguyên nhân&lt;/i&gt;." in result.stdout
    assert "### 3. Nguyên nhân" in result.stdout and "<i>" not in result.stdout


def test_prose_line_breaks_only_wrap_in_every_format(tmp_path: Path) -> None:
    """A single newline in report prose only wraps: the synthesis joins the sentences of one group
    into one paragraph, in every format, with no line break inside it."""
    from docx import Document

    ws = make(tmp_path)
    path = ws.root / "data/reports/2021/W38/bui-thuy.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  overview: Miền Trung và Tây Nguyên cơ bản kiểm soát được dịch.\n",
        "  overview: |-\n    Đoạn một,\n    vẫn đoạn một.\n\n    Đoạn hai.\n")
    path.write_text(text, encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38", "--format", "md,html,docx", "--out", str(tmp_path / "o"), *DATE)
    assert result.exit_code == 0, result.stderr
    joined = "Mưa lớn gây ngập cục bộ tại Quảng Nam; chưa ảnh hưởng đến khu cách ly. Đoạn một, vẫn đoạn một. Đoạn hai."
    markdown = (tmp_path / "o/tong-hop-tuan-2021-W38.md").read_text(encoding="utf-8")
    assert f"**Tại Miền Trung:** {joined}\n" in markdown
    html = (tmp_path / "o/tong-hop-tuan-2021-W38.html").read_text(encoding="utf-8")
    assert f"<p><b>Tại Miền Trung:</b> {joined}</p>\n" in html
    texts = [p.text for p in Document(str(tmp_path / "o/tong-hop-tuan-2021-W38.docx")).paragraphs]
    assert f"Tại Miền Trung: {joined}" in texts
    assert not any("\n" in t or "\v" in t for t in texts)


def test_annex_member_with_only_zeros_says_no_figures(tmp_path: Path) -> None:
    ws = make(tmp_path)
    path = ws.root / "data/reports/2021/W38/bui-thuy.yaml"
    text = path.read_text(encoding="utf-8")
    for value in ("350", "80", "12"):
        text = text.replace(f": {value}\n", ": 0\n")
    path.write_text(text, encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38", *DATE)
    assert result.exit_code == 0, result.stderr
    assert ("| **2** | **Bùi Thủy** (Miền Trung, Tây Nguyên) | | | |\n"
            "| | *Không có số liệu* | | | |\n") in result.stdout
