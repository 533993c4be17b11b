"""Fixtures of the reliability suite, and the counts it prints at the end of the session."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import COUNTS, Shared


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Shared]:
    yield Shared(tmp_path)


@pytest.fixture
def counts() -> Counter[str]:
    return COUNTS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder is slow (real processes, kills, clones): CI runs them, the README command not."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.slow)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not COUNTS:
        return
    terminalreporter.write_line(
        "reliability: {c} clones synced, {k} kills survived, {s} concurrent writes, "
        "{h} hostile inputs tried, {f} faults injected, {p} property examples, {lost} lost".format(
            c=COUNTS["clones synced"], k=COUNTS["kills survived"], s=COUNTS["concurrent writes"],
            h=COUNTS["hostile inputs tried"], f=COUNTS["faults injected"], p=COUNTS["property examples"], lost=COUNTS["lost"]))
    if COUNTS["kills survived"]:
        terminalreporter.write_line(
            "reliability: after the kills, {t} leftover temp files and {g} git lock files were named by dvcli, "
            "{f} saved-but-uncommitted reports committed by hand".format(
                t=COUNTS["leftovers named"], g=COUNTS["git locks named"], f=COUNTS["commits finished by hand"]))
