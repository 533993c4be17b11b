"""A form saved by LibreOffice (``soffice --headless --convert-to``) imports: bookmarks carry the fields."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from foundation_support import Workspace

from .support import edit_docx_cell, load_report, make_form, without_received, workbook

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is in .ci/apt-packages.txt")]
REPORT = "data/reports/2021/W38/vy-tu-lieu.yaml"


def _convert(source: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    fmt, "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    return out / source.name


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_filled_form_saved_by_libreoffice_imports(full_workspace: Workspace, tmp_path: Path, fmt: str) -> None:
    original = load_report(full_workspace.root / REPORT)
    form = tmp_path / f"bao-cao.{fmt}"
    make_form(full_workspace, "vy-tu-lieu", fmt, form)
    if fmt == "docx":
        edit_docx_cell(form, "situation.thoughts", "Người dân mong được tiêm đủ hai mũi.")
    else:
        wb = workbook(form)
        wb["Báo cáo"]["B9"] = "Người dân mong được tiêm đủ hai mũi."
        wb.save(form)
    saved = _convert(form, fmt, tmp_path)
    (full_workspace.root / REPORT).unlink()
    result = full_workspace.run("report", "import", str(saved), "--received-at", "2021-09-27 08:10", "--no-commit")
    assert result.exit_code == 0, result.stderr
    imported = without_received(load_report(full_workspace.root / REPORT))
    assert imported.situation.thoughts == "Người dân mong được tiêm đủ hai mũi."
    assert imported.indicators == original.indicators
    assert imported.results == original.results
    assert imported.next_tasks == original.next_tasks
    assert imported.proposals == original.proposals
