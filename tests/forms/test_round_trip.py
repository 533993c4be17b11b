"""For every example report of 2021-W38: form → file → import (without that report) gives the same record."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundation_support import Workspace

from .support import W38, load_report, make_form, without_received

FAST = "vy-tu-lieu"


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("member", [m if m == FAST else pytest.param(m, marks=pytest.mark.slow) for m in W38])
def test_form_round_trip_gives_the_same_record(full_workspace: Workspace, tmp_path: Path, member: str,
                                               fmt: str) -> None:
    report = full_workspace.root / "data/reports/2021/W38" / f"{member}.yaml"
    original = load_report(report)
    form = tmp_path / f"bao-cao.{fmt}"
    make_form(full_workspace, member, fmt, form)
    report.unlink()
    result = full_workspace.run("report", "import", str(form), "--received-at",
                                original.submitted.isoformat(sep=" "), "--no-commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"bao-cao.{fmt}: đã nhập {member} 2021-W38 → data/reports/2021/W38/{member}.yaml")
    imported = load_report(report)
    assert without_received(imported) == original
    assert imported.received is not None and imported.received.via == "file"
    kept = full_workspace.root / imported.received.file
    assert kept.read_bytes() == form.read_bytes()
    assert kept.parent == full_workspace.root / "data/received/2021/W38" / member
