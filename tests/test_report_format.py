"""The format rules of DOCUMENT-FORMAT.md read back from the rendered DOCX (both profiles), and the
page-count target of issue 15 measured as a reader gets it: the DOCX converted by LibreOffice,
pages counted by ``pdfinfo``, the annex told apart by its first line (``pdftotext``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SCRIPTS = ROOT / "scripts"
REPEATABLE = {"headerReference", "footerReference"}


def render(tmp_path: Path, template: str, profile: str = "dang", fmt: str = "docx", *period: str) -> Path:
    from dvcli.cli.app import app

    root = tmp_path / f"ws-{template}-{profile}"
    if not root.exists():
        shutil.copytree(ROOT / "data", root / "data")
        plan = root / "data" / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("profile: dang", f"profile: {profile}"),
                        encoding="utf-8")
    args = list(period) or ["--week", "2021-W38", "--date", "2021-09-28"]
    result = CliRunner().invoke(app, ["--data", str(root), "consolidate", *args, "--template", template,
                                      "--format", fmt, "--out", str(root / "out"), "--force"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.split()[0])


def order_of(names: tuple[str, ...], element: etree._Element) -> list[int]:
    return [names.index(etree.QName(child).localname) for child in element]


@pytest.fixture(scope="module")
def schema_order() -> dict[str, tuple[str, ...]]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_docx_templates", SCRIPTS / "make_docx_templates.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {"tblPr": module.TBL_PR_ORDER, "pPr": module.P_PR_ORDER, "rPr": module.R_PR_ORDER,
            "sectPr": module.SECT_PR_ORDER}


@pytest.mark.parametrize("template", ["tong-hop-tuan", "bao-cao-ban"])
def test_docx_properties_follow_the_ooxml_element_order(tmp_path: Path, template: str,
                                                          schema_order: dict[str, tuple[str, ...]]) -> None:
    """Every tblPr, pPr, rPr and sectPr lists its children in the schema's sequence, each once."""
    path = render(tmp_path, template)
    with zipfile.ZipFile(path) as docx:
        for part in ("word/document.xml", "word/styles.xml"):
            tree = etree.fromstring(docx.read(part))
            for name, order in schema_order.items():
                for element in tree.iter(f"{W}{name}"):
                    found = order_of(order, element)
                    assert found == sorted(found), (part, name, [etree.QName(c).localname for c in element])
                    single = [i for i in found if order[i] not in REPEATABLE]  # one header per kind of page
                    assert len(set(single)) == len(single), (part, name)


def test_docx_language_title_and_author(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(str(render(tmp_path, "tong-hop-tuan")))
    props = doc.core_properties
    assert props.title == ("Báo cáo tổng hợp tình hình, kết quả công tác dân vận phòng, chống dịch COVID-19 "
                           "(tuần từ ngày 20/9 đến ngày 26/9/2021)")
    assert props.author == "Tổ công tác phòng, chống dịch COVID-19 của Ban"
    assert props.language == "vi-VN"
    lang = doc.styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "vi-VN"


def test_docx_party_format(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(str(render(tmp_path, "bao-cao-ban")))
    header, signature = doc.tables[:2]
    # the rule under "ĐẢNG CỘNG SẢN VIỆT NAM": as long as the line (15 pt bold, 65 mm)
    rule = header.rows[0].cells[1].paragraphs[1]
    width = header.rows[0].cells[1].width.mm - rule.paragraph_format.left_indent.mm * 2
    assert 64 <= width <= 70 and rule._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    # the signer's column fits "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" (74 mm at 14 pt bold) on one line
    right = signature.rows[0].cells[1]
    assert right.width.mm >= 85
    assert [p.text for p in right.paragraphs][:2] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"]
    texts = [p.text for p in doc.paragraphs]
    assert "-----" in texts and "PHỤ LỤC" in texts
    assert "(Kèm theo Báo cáo số      -BC/BDVTW ngày 28/9/2021 của Ban Dân vận Trung ương)" in texts
    weekly = Document(str(render(tmp_path, "tong-hop-tuan")))
    assert [p.text for p in weekly.tables[1].rows[0].cells[1].paragraphs][0] == "TỔ TRƯỞNG"  # signs directly


def test_docx_state_format(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(str(render(tmp_path, "bao-cao-ban", "nha-nuoc")))
    header, signature = doc.tables[:2]
    national = header.rows[0].cells[1]
    assert national.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert national.paragraphs[0].runs[0].font.size.pt == 13 and national.width.mm >= 92  # one line: 88 mm
    texts = [p.text for p in doc.paragraphs]
    subject = texts.index("kết quả công tác dân vận phòng, chống dịch COVID-19")
    assert "-----" not in texts
    rule = doc.paragraphs[subject + 2]
    assert rule.text == "" and rule._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None  # a solid rule
    assert texts[subject + 3] == ("Kính gửi: Thường trực Ban Bí thư; Tiểu ban Dân vận thuộc BCĐQG phòng, chống "
                                  "dịch COVID-19.")
    lines = [p.text for p in signature.rows[0].cells[0].paragraphs if p.text]
    assert lines[0] == "Nơi nhận:" and lines[1] == "- Như trên;" and lines[-1] == "- Lưu: VT."
    assert "Phụ lục" in texts and "PHỤ LỤC" not in texts
    # the annex is its own section, numbered from 1
    sections = doc.sections
    assert len(sections) == 2
    restart = sections[1]._sectPr.find(f"{W}pgNumType")
    assert restart is not None and restart.get(f"{W}start") == "1"


def pdf_pages(pdf: Path) -> tuple[int, int]:
    """(body pages, all pages): the body ends before the page whose text starts the annex."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        if "BIỂU SỐ LIỆU" in text:
            return page - 1, pages
    return pages, pages


needs_office = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")),
                                  reason="needs LibreOffice and poppler-utils (.ci/apt-packages.txt)")


@needs_office
@pytest.mark.slow
def test_the_example_weekly_report_fits_four_pages_of_body(tmp_path: Path) -> None:
    from dvcli.services.consolidate_output import to_pdf

    pdf = tmp_path / "tuan.pdf"
    pdf.write_bytes(to_pdf(render(tmp_path, "tong-hop-tuan").read_bytes()))
    body, pages = pdf_pages(pdf)
    assert body <= 4 < pages


def test_the_annex_charts_each_headline_indicator_in_docx_and_html(tmp_path: Path) -> None:
    """An image in the DOCX and inline SVG in the HTML, one bar per week since the plan began."""
    path = render(tmp_path, "tong-hop-tuan", "dang", "docx", "--week", "2021-W39", "--date", "2021-10-04")
    with zipfile.ZipFile(path) as docx:
        images = [name for name in docx.namelist() if name.startswith("word/media/") and name.endswith(".png")]
        assert len(images) == 1 and docx.read(images[0]).startswith(b"\x89PNG")
    html = render(tmp_path, "tong-hop-tuan", "dang", "html", "--week", "2021-W39", "--date", "2021-10-04")
    text = html.read_text(encoding="utf-8")
    assert text.count("<svg") == 1 and "Biểu đồ. Chỉ tiêu chủ yếu qua các kỳ" in text
    assert "Tổ COVID cộng đồng đang hoạt động (tổ)" in text and "W37" in text and "W39" in text


def test_chart_text_is_drawn_in_a_font_file_that_has_every_vietnamese_letter(recwarn: pytest.WarningsRecorder) -> None:
    """Two files may share a family name (fonts-liberation without Vietnamese, fonts-liberation2 with it):
    the chart picks a file by its characters, so no letter becomes an empty box and no warning is printed."""
    from types import SimpleNamespace

    from matplotlib.ft2font import FT2Font

    from dvcli import charts

    title = "Hộ nghèo được hỗ trợ ở Tây Nguyên, Đắk Lắk (hộ) ữựỡợ"
    face = charts._face(title)
    assert {ord(char) for char in title} <= FT2Font(face.get_file()).get_charmap().keys()
    one = SimpleNamespace(label=title, unit="hộ", points=[("2021-W37", 3, False), ("2021-W38", 5, True)])
    assert charts.draw([one]).png.startswith(b"\x89PNG")
    assert [str(w.message) for w in recwarn.list if "Glyph" in str(w.message)] == []


def test_a_markdown_preview_never_imports_matplotlib(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom dvcli.cli.app import app\n"
            f"r = CliRunner().invoke(app, ['--data', {str(root)!r}, 'consolidate', '--week', '2021-W38'])\n"
            "assert r.exit_code == 0, r.output\nprint('matplotlib' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("pdftotext")),
                    reason="needs chromium and poppler-utils (.ci/apt-packages.txt)")
@pytest.mark.slow
def test_the_html_printed_by_chromium_numbers_pages_from_page_two(tmp_path: Path) -> None:
    html = render(tmp_path, "tong-hop-tuan", "dang", "html")
    pdf = tmp_path / "in.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    html.as_uri()], capture_output=True, timeout=180, check=True)

    def page(number: int) -> list[str]:
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        return [line.strip() for line in text.splitlines() if line.strip()]

    first, second = page(1), page(2)
    assert first[0].startswith("BAN CHẤP HÀNH TRUNG ƯƠNG") and "ĐẢNG CỘNG SẢN VIỆT NAM" in first[0]
    assert second[0] == "2"  # centred at the top from page 2; none on page 1
