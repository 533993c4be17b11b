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


def test_example_week_shows_paragraphs_causes_and_a_compact_annex(rendered: Path) -> None:
    """What the goldens were accepted for, stated once so a regeneration cannot silently lose it."""
    text = (rendered / "tong-hop-tuan-2021-W38.md").read_text(encoding="utf-8")
    assert "sinh kế tăng.\n\n  Mặt trận Tổ quốc và các đoàn thể" in text  # 2nd paragraph stays in the item
    assert "### 3. Nguyên nhân\n\n- Chưa có biểu mẫu số liệu chung" in text
    annex = text.split("**Biểu 2.")[1]
    assert "| | *Không có số liệu* | | | |" in annex  # a member who reported only zeros
    assert "| 0 | 0 |" not in annex  # no all-zero indicator rows
    ban = (rendered / "bao-cao-ban-2021-W38.md").read_text(encoding="utf-8")
    assert "### 3. Nguyên nhân" in ban and "Biểu 2." not in ban and "*(đ/c" not in ban
