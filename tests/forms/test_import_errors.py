"""Forms edited the way people edit, foreign files, re-import, replace — exact messages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from foundation_support import Workspace

from .support import delete_docx_box, edit_docx_cell, load_report, make_form, workbook

REPORT = "data/reports/2021/W38/vy-tu-lieu.yaml"


@pytest.fixture
def ws(full_workspace: Workspace) -> Workspace:
    return full_workspace


def _fresh(ws: Workspace, tmp_path: Path, fmt: str) -> Path:
    form = tmp_path / f"bao-cao.{fmt}"
    make_form(ws, "vy-tu-lieu", fmt, form)
    (ws.root / REPORT).unlink()
    return form


def test_xlsx_number_with_words_names_the_cell(ws: Workspace, tmp_path: Path) -> None:
    form = _fresh(ws, tmp_path, "xlsx")
    wb = workbook(form)
    wb["Chỉ tiêu"]["C7"] = "150 triệu"
    wb.save(form)
    result = ws.run("report", "import", str(form), "--no-commit")
    assert result.exit_code == 1
    assert result.stderr == ('bao-cao.xlsx: Chỉ tiêu!C7: "150 triệu" không phải số\n'
                             '  gợi ý: chỉ ghi số (tổ), ví dụ 150000000; tiền ghi đủ bằng đồng, không viết "triệu", "tỷ"\n')
    assert not (ws.root / REPORT).exists()
    assert not (ws.root / "data/received").exists()


def test_number_with_its_own_unit_and_dots_is_read(ws: Workspace, tmp_path: Path) -> None:
    form = _fresh(ws, tmp_path, "docx")
    edit_docx_cell(form, "indicators.hang-hoa-quy-doi", "35,5 tấn")
    edit_docx_cell(form, "indicators.tien-van-dong", "2.600.000.000")
    result = ws.run("report", "import", str(form), "--no-commit")
    assert result.exit_code == 0, result.stderr
    report = load_report(ws.root / REPORT)
    assert str(report.indicators["hang-hoa-quy-doi"]) == "35.5"
    assert report.indicators["tien-van-dong"] == 2600000000


def test_text_typed_in_a_box_is_read_and_around_it_ignored(ws: Workspace, tmp_path: Path) -> None:
    from docx import Document

    form = _fresh(ws, tmp_path, "docx")
    edit_docx_cell(form, "situation.thoughts", "Người dân mong được tiêm vắc-xin.")
    doc = Document(str(form))
    doc.add_paragraph("Kính gửi anh Việt — em gửi báo cáo tuần.")
    doc.save(str(form))
    assert ws.run("report", "import", str(form), "--no-commit").exit_code == 0
    report = load_report(ws.root / REPORT)
    assert report.situation.thoughts == "Người dân mong được tiêm vắc-xin."


def test_a_deleted_field_is_named(ws: Workspace, tmp_path: Path) -> None:
    form = _fresh(ws, tmp_path, "docx")
    delete_docx_box(form, "difficulties")
    result = ws.run("report", "import", str(form), "--no-commit")
    assert result.exit_code == 1
    assert result.stderr == ('bao-cao.docx: trường "Khó khăn, vướng mắc": không còn trong tệp (ô đã bị xoá)\n'
                             '  gợi ý: lấy lại biểu mẫu bằng: dvcli form vy-tu-lieu, chép nội dung sang rồi gửi lại\n')


def test_a_row_added_to_the_models_table_is_a_model(ws: Workspace, tmp_path: Path) -> None:
    from docx import Document

    from dvcli.forms import docx_xml as x

    form = _fresh(ws, tmp_path, "docx")
    doc = Document(str(form))
    from docx.table import Table

    tables = [Table(tbl, doc._body) for tbl in doc.element.body.iter(x._TBL)]  # inside content controls too
    table = next(t for t in tables if t.rows[0].cells[0].text == "Tên mô hình")
    for _ in range(3):
        table.add_row()
    row = table.rows[-1].cells
    for cell, text in zip(row, ["Tổ COVID cộng đồng khu phố 3", "Phường Linh Trung, TP. Thủ Đức", "toàn quốc",
                                "Đi từng ngõ, gõ từng nhà", "Có"], strict=True):
        cell.text = text
    doc.save(str(form))
    result = ws.run("report", "import", str(form), "--no-commit")
    assert result.exit_code == 0, result.stderr
    models = load_report(ws.root / REPORT).models
    assert [(m.name, m.area, m.replicate) for m in models] == [("Tổ COVID cộng đồng khu phố 3", "toan-quoc", True)]


def test_reimport_is_a_no_op_and_another_file_needs_replace(ws: Workspace, tmp_path: Path) -> None:
    form = _fresh(ws, tmp_path, "docx")
    assert ws.run("report", "import", str(form), "--no-commit").exit_code == 0
    first = (ws.root / REPORT).read_bytes()
    again = ws.run("report", "import", str(form), "--no-commit")
    assert again.exit_code == 0
    assert again.stdout == ("bao-cao.docx: đã nhập trước đó, không đổi gì vy-tu-lieu 2021-W38 → "
                            "data/reports/2021/W38/vy-tu-lieu.yaml\n")
    assert (ws.root / REPORT).read_bytes() == first
    other = tmp_path / "bao-cao-2.docx"
    other.write_bytes(form.read_bytes())
    edit_docx_cell(other, "situation.thoughts", "Bản sửa.")
    refused = ws.run("report", "import", str(other), "--no-commit")
    assert refused.exit_code == 1
    assert refused.stderr == ("lỗi: bao-cao-2.docx: đã có báo cáo vy-tu-lieu 2021-W38 "
                              "(data/reports/2021/W38/vy-tu-lieu.yaml) từ bao-cao.docx; dvcli không ghi đè\n"
                              "  gợi ý: để thay bằng tệp này (lịch sử vẫn giữ trong git): thêm --replace\n")
    replaced = ws.run("report", "import", str(other), "--replace", "--no-commit")
    assert replaced.exit_code == 0, replaced.stderr
    assert "đã thay vy-tu-lieu 2021-W38" in replaced.stdout
    report = load_report(ws.root / REPORT)
    assert report.situation.thoughts == "Bản sửa."
    assert report.submitted.isoformat() == "2021-09-27T09:00:00"  # the first import's time stays
    assert report.revised is not None


def test_foreign_word_document_is_refused_or_kept_as_text(ws: Workspace, tmp_path: Path) -> None:
    from docx import Document

    (ws.root / REPORT).unlink()
    doc = Document()
    doc.add_paragraph("Báo cáo tuần của đồng chí Liệu")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Hộ được hỗ trợ", "120"
    path = tmp_path / "tu-viet.docx"
    doc.save(str(path))
    refused = ws.run("report", "import", str(path), "--member", "vy-tu-lieu", "--week", "2021-W38", "--no-commit")
    assert refused.exit_code == 1
    assert refused.stderr == ("lỗi: tu-viet.docx: văn bản Word này không phải biểu mẫu của dvcli\n"
                              "  gợi ý: gửi thành viên biểu mẫu (dvcli form THÀNH_VIÊN) để điền lại, hoặc nhập nguyên "
                              "văn để Thư ký xem lại: thêm --as-text --member THÀNH_VIÊN\n")
    kept = ws.run("report", "import", str(path), "--member", "vy-tu-lieu", "--week", "2021-W38", "--as-text",
                  "--no-commit")
    assert kept.exit_code == 0, kept.stderr
    report = load_report(ws.root / REPORT)
    assert report.situation.overview == "Báo cáo tuần của đồng chí Liệu\n\nHộ được hỗ trợ | 120"
    assert report.indicators == {}
    assert report.received is not None and report.received.review


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


HOSTILE = {
    "macro.docm": (b"PK", "lỗi: macro.docm: tệp có macro (.docm) không được nhận\n"
                   "  gợi ý: mở tệp, chọn Lưu thành (Save As) dạng .docx hoặc .xlsx rồi gửi lại\n"),
    "hong.docx": (b"this is not a zip file",
                  "lỗi: hong.docx: tệp hỏng hoặc không phải tệp .docx\n"
                  "  gợi ý: mở lại tệp trong Word/Excel, lưu dạng .docx rồi gửi lại\n"),
    "mat-khau.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le"),
                      "lỗi: mat-khau.docx: tệp được đặt mật khẩu (mã hoá), dvcli không đọc được\n"
                      "  gợi ý: bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu) rồi gửi lại\n"),
    "bom.xlsx": (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                       "xl/bom.xml": b"\0" * (300 * 1024 * 1024)}),
                 'lỗi: bom.xlsx: tệp nén bất thường (giải nén ra hơn 200 MB): có thể là "bom nén"\n'
                 "  gợi ý: không mở tệp này; yêu cầu người gửi gửi lại bản khác\n"),
    "an-macro.docx": (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<x/>",
                            "word/vbaProject.bin": b"\0"}),
                      "lỗi: an-macro.docx: tệp có macro (VBA) không được nhận\n"
                      "  gợi ý: mở tệp, chọn Lưu thành (Save As) dạng .docx không có macro rồi gửi lại\n"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_and_nothing_is_written(ws: Workspace, tmp_path: Path, name: str) -> None:
    data, message = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = sorted(p.relative_to(ws.root) for p in ws.root.rglob("*") if ".dvcli" not in p.parts)
    result = ws.run("report", "import", str(path), "--member", "vy-tu-lieu", "--no-commit")
    assert result.exit_code == 1
    assert result.stderr == message
    assert sorted(p.relative_to(ws.root) for p in ws.root.rglob("*") if ".dvcli" not in p.parts) == before


def test_too_large_file_is_refused(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "lon.docx"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    result = ws.run("report", "import", str(path), "--no-commit")
    assert result.exit_code == 1
    assert result.stderr == ("lỗi: lon.docx: tệp quá lớn (21 MB; tối đa 20 MB)\n"
                             "  gợi ý: xoá ảnh dán trong tệp hoặc gửi lại bản chỉ có chữ\n")


@pytest.mark.parametrize(("kind", "name"), [("tcvn3", "TCVN3 (ABC)"), ("vni", "VNI")])
def test_text_in_a_legacy_encoding_is_converted_with_a_note(ws: Workspace, tmp_path: Path, kind: str,
                                                             name: str) -> None:
    from dvcli.forms import legacy

    table = {letter: code for code, letter in (legacy._TCVN3 if kind == "tcvn3" else legacy._VNI).items()}
    text = "Người dân mong được tiêm đủ hai mũi vắc-xin ở Hà Nội, Đà Nẵng"
    typed = "".join(table.get(char, char) for char in text)
    assert typed != text
    form = _fresh(ws, tmp_path, "docx")
    edit_docx_cell(form, "situation.thoughts", typed)
    result = ws.run("report", "import", str(form), "--no-commit")
    assert result.exit_code == 0, result.stderr
    assert f"  ghi chú: văn bản gõ bằng mã {name} đã được chuyển sang Unicode\n" in result.stdout
    report = load_report(ws.root / REPORT)
    assert report.situation.thoughts == text
    assert report.received is not None and report.received.notes == [
        f"văn bản gõ bằng mã {name} đã được chuyển sang Unicode"]


def test_import_commits_the_original_and_the_report_in_one_commit(ws: Workspace, tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ws.root), *args], check=True, capture_output=True,
                              text=True).stdout

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.vn", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.vn", "commit", "-qm", "dữ liệu")
    form = tmp_path / "bao-cao.docx"
    make_form(ws, "vy-tu-lieu", "docx", form)
    git("rm", "-q", REPORT)
    git("-c", "user.name=t", "-c", "user.email=t@example.vn", "commit", "-qm", "bỏ báo cáo")
    result = ws.run("report", "import", str(form))
    assert result.exit_code == 0, result.stderr
    changed = git("show", "--name-only", "--format=%s", "HEAD").split("\n")
    assert changed[0] == "báo cáo: nhập vy-tu-lieu 2021-W38"
    files = sorted(line for line in changed[1:] if line)
    assert files[1] == REPORT
    assert files[0].startswith("data/received/2021/W38/vy-tu-lieu/") and files[0].endswith("-bao-cao.docx")
    assert git("status", "--porcelain") == ""
