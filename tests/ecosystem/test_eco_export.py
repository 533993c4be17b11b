"""``dvcli export indicators``: csv with BOM, xlsx with numeric cells, json; never overwrites."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from dvcli.cli.app import app

HEAD = ["Kỳ", "Mã thành viên", "Họ và tên", "Đơn vị", "Địa bàn",
        "Tổ COVID cộng đồng được thành lập, củng cố (tổ)"]


def test_csv_has_bom_vietnamese_headers_and_plain_numbers(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "indicators", "--week", "2021-W38"])
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == HEAD
    assert rows[1][:8] == ["2021-W38", "nguyen-minh-duc", "Nguyễn Minh Đức", "Vụ Dân vận các cơ quan nhà nước",
                           "Hà Nội", "8", "45", ""]
    assert len(rows) == 4  # header + three weekly reports of W38 (the ad-hoc one carries no figures)


def test_month_covers_the_weeks_ending_in_it(reports_ws: Path, runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["export", "indicators", "--month", "2021-10", "-f", "json"]).stdout)
    assert data["period"] == {"label": "2021-10", "start": "2021-09-15", "end": "2021-10-14"}
    assert [row["period"] for row in data["rows"]] == ["2021-W37", "2021-W37", "2021-W38", "2021-W38", "2021-W38"]
    first = data["rows"][0]
    assert first["tien-van-dong"] == 1500000000 and isinstance(first["tien-van-dong"], int)
    assert first["hang-hoa-quy-doi"] == 10.25


def test_xlsx_numbers_are_numeric_cells(reports_ws: Path, runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "so-lieu.xlsx"
    result = runner.invoke(app, ["export", "indicators", "--format", "xlsx", "--out", str(target)])
    assert result.exit_code == 0
    assert result.stdout == f"đã ghi {target} (5 dòng)\n"
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]][:6] == HEAD
    assert sheet["A1"].font.b is True and sheet["A2"].font.b is False
    assert sheet.freeze_panes == "A2"  # the header stays in view
    assert sheet["F2"].value == 12 and sheet["F2"].data_type == "n"
    assert sheet.column_dimensions["C"].width >= len("Nguyễn Minh Đức")


def test_out_is_never_overwritten_without_force(reports_ws: Path, runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "so-lieu.csv"
    target.write_text("cũ", encoding="utf-8")
    result = runner.invoke(app, ["export", "indicators", "--out", str(target)])
    assert result.exit_code == 1
    assert result.stderr == (f"lỗi: tệp {target} đã có\n"
                             "  gợi ý: chọn tên tệp khác, hoặc thêm --force để ghi đè\n")
    assert target.read_text(encoding="utf-8") == "cũ"
    forced = runner.invoke(app, ["export", "indicators", "--out", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_bytes().startswith("\ufeffKỳ,".encode())


def test_xlsx_needs_out(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "indicators", "--format", "xlsx"])
    assert result.exit_code == 1
    assert result.stderr == "lỗi: định dạng xlsx cần tệp ghi kết quả\n  gợi ý: thêm --out TỆP.xlsx\n"


def test_two_periods_are_refused(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "indicators", "--week", "38", "--month", "2021-09"])
    assert result.exit_code == 1
    assert result.stderr == ("lỗi: chỉ chọn một kỳ: --week, --month\n"
                             "  gợi ý: dùng --week, --month, hoặc --from cùng --to\n")
