"""Shared fixtures: a copy of the repository's workspace that a test can break file by file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dvcli import i18n
from dvcli.cli import console
from foundation_support import REPO, Workspace
from seeding import SEED


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A valid workspace holding a copy of the repository's plan and roster (data/plan.yaml, members.yaml).

    Only these two files: the foundation tests break them one field at a time and must see
    exactly the problems of that field, not those of records that reference it.
    """
    root = tmp_path / "ws"
    (root / "data").mkdir(parents=True)
    for name in ("plan.yaml", "members.yaml"):
        shutil.copy2(REPO / "data" / name, root / "data" / name)
    return Workspace(root)


@pytest.fixture
def full_workspace(tmp_path: Path) -> Workspace:
    """A copy of the repository's whole data/ folder (plan, roster and every record)."""
    root = tmp_path / "full"
    shutil.copytree(REPO / "data", root / "data")
    return Workspace(root)


@pytest.fixture(scope="session")
def _machine_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This test session's "machine": its cache key lives here, never in the developer's home."""
    return tmp_path_factory.mktemp("machine-state")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, _machine_state: Path) -> Iterator[None]:
    """No workspace or language leaks in from the developer's shell or from the previous test."""
    monkeypatch.delenv("DVCLI_DATA", raising=False)
    monkeypatch.delenv("DVCLI_LANG", raising=False)
    monkeypatch.delenv("DVCLI_DEBUG", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(_machine_state))
    i18n.reset()
    yield
    i18n.reset()
    console.options.data = None
    console.options.debug = False


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Every Hypothesis test runs from the session's seed unless --hypothesis-seed names another."""
    if getattr(config.option, "hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(SEED)


def pytest_report_header(config: pytest.Config) -> str:
    return f"random seed: {SEED} (DVCLI_TEST_SEED={SEED} repeats this run)"
