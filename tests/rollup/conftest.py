"""Fixtures of the roll-up tests: a centre (the example data) and two units, T78 and T26, each a
real ``dvcli init`` workspace with its own members and reports (``bench/unit_workspaces.py``)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests" / "reliability"))

import unit_workspaces  # noqa: E402


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """T78 and T26 made, issued and published once; each test works on its own copy."""
    base = tmp_path_factory.mktemp("units")
    for unit in ("t78", "t26"):
        unit_workspaces.make_unit(base / unit, unit)
        unit_workspaces.issue_week(base / unit)
    centre = base / "centre"
    unit_workspaces.run("init", str(centre))
    shutil.rmtree(centre / "data")
    shutil.copytree(REPO / "data", centre / "data")
    unit_workspaces.git(centre, "add", "-A")
    unit_workspaces.git(centre, "commit", "-q", "-m", "dữ liệu của trung tâm")
    return base


@pytest.fixture
def world(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in ("t78", "t26", "centre"):
        shutil.copytree(built / name, tmp_path / name, symlinks=True)
    monkeypatch.setenv("DVCLI_NOW", unit_workspaces.NOW)
    monkeypatch.setenv("GIT_COMMITTER_DATE", unit_workspaces.NOW)
    monkeypatch.setenv("GIT_AUTHOR_DATE", unit_workspaces.NOW)
    monkeypatch.delenv("DVCLI_LANG", raising=False)
    yield tmp_path
