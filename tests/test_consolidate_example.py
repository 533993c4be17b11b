"""Golden files for every consolidate template × text format on the example data (``data/``).

The fixture goldens (tests/golden/consolidate) pin the rules on a small hand-made workspace; these pin
what the secretary sees on the real example week. Regenerate after an intended change (of the
templates or of data/reports/2021/W38):

    DVCLI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_consolidate_example.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "example"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dvcli.cli.app import app

    root = tmp_path_factory.mktemp("example") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    out = root / "out"
    for template in ("tong-hop-tuan", "bao-cao-ban"):
        result = CliRunner().invoke(app, ["--data", str(root), "consolidate", "--week", "2021-W38",
                                          "--template", template, "--format", "md,html", "--out", str(out),
                                          "--date", "2021-09-28"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.parametrize("template", ["tong-hop-tuan", "bao-cao-ban"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_example_golden(rendered: Path, template: str, fmt: str) -> None:
    name = f"{template}-2021-W38.{fmt}"
    got = (rendered / name).read_text(encoding="utf-8")
    if os.environ.get("DVCLI_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        (GOLDEN / name).write_text(got, encoding="utf-8")
    assert got == (GOLDEN / name).read_text(encoding="utf-8")


def test_example_week_reads_as_one_text_and_keeps_a_compact_annex(rendered: Path) -> None:
    """What the goldens were accepted for, stated once so a regeneration cannot silently lose it."""
    text = (rendered / "tong-hop-tuan-2021-W38.md").read_text(encoding="utf-8")
    body, annex = text.split("**PHỤ LỤC**")
    assert "(đ/c" not in body and "địa bàn:" not in body and "lĩnh vực:" not in body  # no credits, no tags
    assert body.count("Toàn quốc") == 0 and body.count("**Trên phạm vi cả nước:**") == 2  # situation, thoughts
    assert "### 3. Nguyên nhân\n\nChưa có biểu mẫu số liệu chung" in body
    assert "Nghỉ phép từ" not in body and "Dự thảo báo cáo" not in body  # the group's housekeeping
    assert "nộp muộn" not in body and "gửi muộn" in annex  # who reported late: the annex's list only
    closing = body.split("| <u>Nơi nhận:</u>")[0].rstrip().split("\n\n")[-1]
    assert closing == ("Trên đây là báo cáo tổng hợp tình hình, kết quả công tác dân vận phòng, chống dịch COVID-19 "
                       "tuần từ ngày 20/9 đến ngày 26/9/2021, Tổ công tác phòng, chống dịch COVID-19 của Ban kính "
                       "báo cáo các đồng chí lãnh đạo Ban.")
    members = annex.split("**Biểu 2.")[1]
    assert "| | *Không có số liệu* | | | |" in members  # a member who reported only zeros
    assert "| 0 | 0 |" not in members  # no all-zero indicator rows
    ban = (rendered / "bao-cao-ban-2021-W38.md").read_text(encoding="utf-8")
    ban_body = ban.split("**PHỤ LỤC**")[0]
    assert "### 3. Nguyên nhân" in ban_body and "Biểu 2." not in ban and "(đ/c" not in ban
    assert "Đối với Lãnh đạo Ban" not in ban_body and "Cơ quan Ban Dân vận" not in ban_body  # internal to the Ban
    assert "Ban Dân vận Trung ương kính báo cáo Thường trực Ban Bí thư và Tiểu ban Dân vận" in ban_body
