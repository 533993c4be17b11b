"""Fixtures for the ecosystem tests (schema, language, search, export, completion, guide)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dvcli import i18n

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def eco_ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's example workspace (data/ and schemas/), as the cwd."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    monkeypatch.chdir(root)
    monkeypatch.delenv("DVCLI_DATA", raising=False)
    return root


@pytest.fixture(autouse=True)
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in Vietnamese and leaves no language behind."""
    monkeypatch.delenv("DVCLI_LANG", raising=False)
    i18n.reset()
    yield
    i18n.reset()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


FIXTURE = REPO / "tests" / "fixtures" / "consolidate"


@pytest.fixture
def reports_ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The consolidate fixture (plan, roster, reports for 2021-W37/W38, assignments) as the cwd."""
    root = tmp_path / "rws"
    shutil.copytree(FIXTURE / "data", root / "data")
    monkeypatch.chdir(root)
    monkeypatch.delenv("DVCLI_DATA", raising=False)
    return root
