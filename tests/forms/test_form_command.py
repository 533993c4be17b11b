"""``dvcli form``: --all into a folder, an ad-hoc form, an Excel row deleted, a bad format."""

from __future__ import annotations

from pathlib import Path

from foundation_support import Workspace

from .support import load_report, workbook


def test_all_writes_one_form_per_expected_member(full_workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "bieu-mau"
    result = full_workspace.run("form", "--all", "--week", "2021-W38", "--format", "xlsx", "--out", str(folder))
    assert result.exit_code == 0, result.stderr
    made = sorted(path.name for path in folder.iterdir())
    assert "bao-cao-vy-tu-lieu-2021-W38.xlsx" in made
    assert "bao-cao-nguyen-minh-duc-2021-W38.xlsx" in made
    assert f"đã tạo biểu mẫu vy-tu-lieu: {folder}/bao-cao-vy-tu-lieu-2021-W38.xlsx (đã điền báo cáo đã nộp)\n" \
        in result.stdout
    assert f"đã tạo biểu mẫu nguyen-minh-duc: {folder}/bao-cao-nguyen-minh-duc-2021-W38.xlsx\n" in result.stdout


def test_ad_hoc_form_round_trip(full_workspace: Workspace, tmp_path: Path) -> None:
    form = tmp_path / "dot-xuat.docx"
    made = full_workspace.run("form", "cao-hong-hung", "--date", "2021-09-24", "--title",
                              "Tình hình công nhân khu nhà trọ", "--out", str(form))
    assert made.exit_code == 0, made.stderr
    from .support import edit_docx_cell

    edit_docx_cell(form, "situation.overview", "Công nhân ở trọ thiếu việc làm.")
    result = full_workspace.run("report", "import", str(form), "--no-commit")
    assert result.exit_code == 0, result.stderr
    path = full_workspace.root / result.stdout.split("→ ")[1].strip()
    report = load_report(path)
    assert (report.period, str(report.date), report.title) == (None, "2021-09-24", "Tình hình công nhân khu nhà trọ")
    assert report.situation.overview == "Công nhân ở trọ thiếu việc làm."


def test_an_excel_row_deleted_is_named(full_workspace: Workspace, tmp_path: Path) -> None:
    form = tmp_path / "bao-cao.xlsx"
    assert full_workspace.run("form", "vy-tu-lieu", "--week", "2021-W38", "--format", "xlsx", "--out",
                              str(form)).exit_code == 0
    (full_workspace.root / "data/reports/2021/W38/vy-tu-lieu.yaml").unlink()
    wb = workbook(form)
    del wb.defined_names["dv_thoughts"]  # what Excel leaves when the row is deleted: the name gone or #REF!
    wb.save(form)
    result = full_workspace.run("report", "import", str(form), "--no-commit")
    assert result.exit_code == 1
    assert result.stderr == ('bao-cao.xlsx: ô "Tâm tư, nguyện vọng": không còn trong tệp (dòng hoặc ô đã bị xoá)\n'
                             "  gợi ý: lấy lại biểu mẫu bằng: dvcli form vy-tu-lieu --format xlsx, chép nội dung "
                             "sang rồi gửi lại\n")


def test_unknown_format(full_workspace: Workspace, tmp_path: Path) -> None:
    result = full_workspace.run("form", "vy-tu-lieu", "--week", "2021-W38", "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr == 'lỗi: không có định dạng biểu mẫu "pdf"\n  gợi ý: chọn docx hoặc xlsx\n'
