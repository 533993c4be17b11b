"""The cumulative (lũy kế) figures from each earlier week's figures, not its records (issue 11).

``snapshot.take(weeks=…)`` keeps the period's reports in full and gives every other weekly report
as its ``Figures``, from one sealed cache entry per week folder keyed by all of its reports'
digests. Whatever the cache holds, the consolidated report must equal the one computed from
every report in full.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dvcli import consolidation, periods, snapshot
from dvcli.consolidation import ConsolidatedReport
from dvcli.store import Store
from dvcli.workspace import Workspace as DvcliWorkspace
from foundation_support import REPO, Workspace

NOW = "2021-10-01T09:00:00+07:00"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    root = tmp_path / "ws"
    shutil.copytree(REPO / "data", root / "data")
    (root / ".dvcli").mkdir()
    return Workspace(root)


def _store(ws: Workspace) -> Store:
    return Store(DvcliWorkspace(ws.root))


def _week(label: str, inputs: snapshot.ValidSnapshot) -> periods.Period:
    year, number = label.split("-W")
    return periods.week(int(year), int(number), inputs.plan.reporting)


def _full(ws: Workspace, week: str) -> ConsolidatedReport:
    inputs = snapshot.take(Store(DvcliWorkspace(ws.root), use_cache=False)).require()
    period = _week(week, inputs)
    return consolidation.consolidate(inputs.plan, inputs.roster, inputs.reports, inputs.assignments, period,
                                     consolidation.KIND_WEEK)


def _scoped(ws: Workspace, week: str) -> tuple[ConsolidatedReport, snapshot.ValidSnapshot]:
    store = _store(ws)
    inputs = snapshot.take(store, weeks=lambda plan: {week}).require()
    store.close()
    period = _week(week, inputs)
    report = consolidation.consolidate(inputs.plan, inputs.roster, inputs.reports, inputs.assignments, period,
                                       consolidation.KIND_WEEK, figures=inputs.figures)
    return report, inputs


def test_the_figures_of_earlier_weeks_give_the_report_of_every_record(example: Workspace) -> None:
    expected = _full(example, "2021-W39")
    cold, inputs = _scoped(example, "2021-W39")
    assert cold == expected
    assert {path.split("/")[3] for path, _f in inputs.figures} == {"W37", "W38"}
    assert all(path.split("/")[3] == "W39" for path, _r in inputs.reports)
    assert sorted((example.root / ".dvcli" / "cache").glob("*.fig"))  # W37 and W38 stored
    warm, again = _scoped(example, "2021-W39")  # from the stored figures
    assert warm == expected
    assert again.figures == inputs.figures
    assert [item.cumulative for item in warm.indicators] != [item.period for item in warm.indicators]


def test_an_edited_earlier_report_changes_the_cumulative_figure(example: Workspace) -> None:
    _scoped(example, "2021-W39")
    example.edit("data/reports/2021/W37/bui-thuy.yaml", "ho-duoc-ho-tro: 1350", "ho-duoc-ho-tro: 1351")
    report, _inputs = _scoped(example, "2021-W39")
    assert report == _full(example, "2021-W39")
    before = {item.id: item.cumulative for item in _full(example, "2021-W39").indicators}
    assert before["ho-duoc-ho-tro"] == report.indicators[2].cumulative


def test_a_report_filed_under_another_week_is_counted_as_before(example: Workspace) -> None:
    """A W37 file saying 2021-W39 (``check`` names it) is a full record, counted in W39 as it always was."""
    example.edit("data/reports/2021/W37/bui-thuy.yaml", "period: 2021-W37", "period: 2021-W39")
    expected = _full(example, "2021-W39")
    report, inputs = _scoped(example, "2021-W39")
    assert report == expected
    assert "data/reports/2021/W37/bui-thuy.yaml" in dict(inputs.reports)
    assert _scoped(example, "2021-W39")[0] == expected  # W37 was not stored as figures


def test_a_week_with_a_broken_report_is_named_and_not_stored(example: Workspace) -> None:
    example.edit("data/reports/2021/W37/bui-thuy.yaml", "ho-duoc-ho-tro: 1350", "ho-duoc-ho-tro: nhiều")
    store = _store(example)
    taken = snapshot.take(store, weeks=lambda plan: {"2021-W39"})
    store.close()
    assert [problem.file for problem in taken.problems] == ["data/reports/2021/W37/bui-thuy.yaml"]
    assert not (example.root / ".dvcli" / "cache" / "data_reports_2021_W37.fig").exists()


def test_the_consolidated_preview_and_files_are_unchanged_cold_and_warm(example: Workspace, tmp_path: Path) -> None:
    first = example.run("consolidate", "--week", "2021-W39")
    shutil.rmtree(example.root / ".dvcli" / "cache" / "consolidate")  # the memo: computed again, from figures
    second = example.run("consolidate", "--week", "2021-W39")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert "Lũy kế" in first.stdout or "lũy kế" in first.stdout.lower()


def test_a_known_week_is_hashed_and_its_bytes_dropped_at_once(example: Workspace) -> None:
    """Warm, the history is never all in memory: ``read_files`` keeps only the digests of known weeks."""
    _scoped(example, "2021-W39")
    store = _store(example)
    read = snapshot.read_files(store, lambda plan: {"2021-W39"})
    earlier = [item for item in read.files if item.display.startswith(("data/reports/2021/W37/",
                                                                       "data/reports/2021/W38/"))]
    assert earlier and all(item.raw is None and len(item.digest) == 32 for item in earlier)
    assert all(item.raw is not None for item in read.files if item.display.startswith("data/reports/2021/W39/"))
    report, inputs = _scoped(example, "2021-W39")
    assert report == _full(example, "2021-W39")
    taken = snapshot.take(store, read, weeks=lambda plan: {"2021-W39"}).require()
    assert taken.figures == inputs.figures
