"""A warm ``status`` answers from what it read last time (``snapshot/seen.py``), and every change a
workspace supports between two warm runs shows in the second one: a report edited in place (same
size), added, withdrawn, saying nothing to report; a review; an assignment ending, added, removed;
the roster. Each warm answer is compared with the answer of a run without any cache."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from dvcli.cache import ParseCache
from dvcli.cli import console
from dvcli.snapshot import assignments, headers, seen
from foundation_support import Workspace
from records_support import git_init
from test_corrections import BUI, NOW

BUI_TASK = "data/assignments/bui-thuy/III.4_2021-09-13.yaml"


@pytest.fixture
def ws(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The example under git, where every file counts as older than the racy window, so that the
    first run keeps what it read (the window itself is tested below)."""
    monkeypatch.setattr(seen, "clock_ns", lambda: time.time_ns() + 60 * 10**9)
    monkeypatch.setenv("DVCLI_NOW", NOW)
    git_init(full_workspace.root)
    return full_workspace


class Reads:
    """How many reports and assignments a run opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        for module, name in ((headers, "read_submission"), (assignments, "read_assignment_end")):
            monkeypatch.setattr(module, name, self._counting(getattr(module, name)))

    def _counting(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any) -> Any:
            self.count += 1
            return function(*args)
        return counted


def _status(ws: Workspace, *args: str) -> str:
    result = ws.run("status", "--week", "2021-W38", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _uncached(ws: Workspace, *args: str) -> str:
    saved = ws.root.parent / "saved-cache"
    cache = ws.root / ".git" / "dvcli" / "cache"
    shutil.move(cache, saved)
    try:
        return _status(ws, *args)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.move(saved, cache)


def _warm(ws: Workspace, reads: Reads) -> dict[str, dict[str, Any]]:
    """Status of 2021-W38 twice: the second run opens no report and no assignment."""
    _status(ws)
    reads.count = 0
    text = _status(ws, "--format", "json")
    assert reads.count == 0
    return {row["member"]: row for row in json.loads(text)["rows"]}


def _after(ws: Workspace, reads: Reads, opened: int | None = None) -> dict[str, dict[str, Any]]:
    """Status after a change: as a run without cache says, table and JSON alike (``opened``: how
    many reports and assignments the warm run may open)."""
    reads.count = 0
    text = _status(ws, "--format", "json")
    assert opened is None or reads.count == opened
    assert text == _uncached(ws, "--format", "json")
    assert _status(ws) == _uncached(ws)
    return {row["member"]: row for row in json.loads(text)["rows"]}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


def test_a_report_edited_in_place_to_the_same_size(ws: Workspace, reads: Reads) -> None:
    assert _warm(ws, reads)["bui-thuy"]["state"] == "muon"
    size = (ws.root / BUI).stat().st_size
    ws.edit(BUI, "submitted: 2021-09-27 11:40:00", "submitted: 2021-09-27 08:40:00")
    assert (ws.root / BUI).stat().st_size == size
    assert _after(ws, reads, opened=1)["bui-thuy"]["state"] == "dung-han"
    ws.edit(BUI, "submitted: 2021-09-27 08:40:00", "submitted: 2021-09-27 08:40:00\nnothing_to_report: true")
    assert _after(ws, reads)["bui-thuy"]["nothing_to_report"] is True


def test_a_report_added_and_withdrawn(ws: Workspace, reads: Reads) -> None:
    assert _warm(ws, reads)["nguyen-minh-duc"]["state"] == "chua-nop"
    ws.write({"data/reports/2021/W38/nguyen-minh-duc.yaml":
              "member: nguyen-minh-duc\nperiod: 2021-W38\nsubmitted: 2021-09-27 08:00\n"})
    assert _after(ws, reads, opened=1)["nguyen-minh-duc"]["state"] == "dung-han"  # only the new report opened
    withdrawn = ws.run("report", "withdraw", "bui-thuy", "--week", "2021-W38", "--reason", "Gửi nhầm")
    assert withdrawn.exit_code == 0, withdrawn.stderr
    assert _after(ws, reads)["bui-thuy"]["state"] == "da-rut"


def test_a_review_returns_a_report_and_an_edit_awaits_review_again(ws: Workspace, reads: Reads) -> None:
    _warm(ws, reads)
    returned = ws.run("review", "bui-thuy", "--week", "2021-W38", "--return", "--reason", "Thiếu số liệu")
    assert returned.exit_code == 0, returned.stderr
    assert _after(ws, reads)["bui-thuy"]["state"] == "tra-lai"
    ws.edit(BUI, "submitted: 2021-09-27 11:40:00", "submitted: 2021-09-27 11:45:00")
    assert _after(ws, reads)["bui-thuy"]["review"] == "cho-duyet"


def test_an_assignment_ending_added_and_removed(ws: Workspace, reads: Reads) -> None:
    assert _warm(ws, reads)["bui-thuy"]["expected"] is True
    ws.edit(BUI_TASK, "start: 2021-09-13\n", "start: 2021-09-13\nend: 2021-09-19\n")
    assert _after(ws, reads)["bui-thuy"]["expected"] is False
    ws.write({"data/assignments/bui-thuy/II.4_2021-09-20.yaml":
              ws.text(BUI_TASK).replace("task: III.4", "task: II.4").replace("start: 2021-09-13", "start: 2021-09-20")
              .replace("end: 2021-09-19\n", "")})
    assert _after(ws, reads)["bui-thuy"]["expected"] is True
    (ws.root / "data/assignments/bui-thuy/II.4_2021-09-20.yaml").unlink()
    assert _after(ws, reads)["bui-thuy"]["expected"] is False


def test_the_roster_changing(ws: Workspace, reads: Reads) -> None:
    assert _warm(ws, reads)["bui-thuy"]["expected"] is True
    ws.edit("data/members.yaml", "    email: bui.thuy@example.vn\n",
            "    email: bui.thuy@example.vn\n    leave:\n      - start: 2021-09-20\n        end: 2021-09-26\n")
    assert _after(ws, reads)["bui-thuy"]["expected"] is False
    roster = ws.text("data/members.yaml")
    start = roster.index("  - id: bui-thuy\n")
    ws.write({"data/members.yaml": roster[:start] + roster[roster.index("  - id: cao-hong-hung\n"):]})
    assert "bui-thuy" not in _after(ws, reads)


def test_a_file_written_within_the_racy_window_is_read_every_time(full_workspace: Workspace, reads: Reads,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    _status(full_workspace)  # the example was copied just now: nothing is kept yet
    reads.count = 0
    _status(full_workspace)
    assert reads.count > 0
    written = (full_workspace.root / BUI).stat()
    assert seen.Seen(ParseCache(None, full_workspace.root), "data").key(written) is None
    monkeypatch.setattr(seen, "clock_ns", lambda: written.st_ctime_ns + seen.RACY_NS + 1)
    assert seen.Seen(ParseCache(None, full_workspace.root), "data").key(written) is not None
    assert seen.Seen(None, "data").key(written) is None  # no cache: nothing kept at all
    monkeypatch.setattr(seen, "_TRUSTED", False)  # where ctime is no change time (Windows)
    monkeypatch.setattr(seen, "clock_ns", lambda: time.time_ns() + 60 * 10**9)
    _status(full_workspace)
    reads.count = 0
    _status(full_workspace)
    assert reads.count > 0


def test_a_copied_workspace_reads_its_own_files(ws: Workspace, reads: Reads, tmp_path: Path) -> None:
    _warm(ws, reads)
    copy = tmp_path / "copy"
    shutil.copytree(ws.root, copy, symlinks=True, copy_function=shutil.copy2)  # the cache and the mtimes too
    other = Workspace(copy)
    other.edit(BUI, "submitted: 2021-09-27 11:40:00", "submitted: 2021-09-27 08:40:00")
    os.utime(copy / BUI, ns=((ws.root / BUI).stat().st_atime_ns, (ws.root / BUI).stat().st_mtime_ns))
    reads.count = 0
    rows = {row["member"]: row for row in json.loads(other.run("status", "--week", "2021-W38", "--format", "json")
                                                     .stdout)["rows"]}
    assert rows["bui-thuy"]["state"] == "dung-han"
    assert reads.count > 0


# --- the plain table drawn without Rich is Rich's table -------------------------------------

@pytest.mark.parametrize("rows", [
    [["1", "vy-tu-lieu", "Vy Tư Liệu", "đúng hạn", "27/09/2021 08:10", ""]],
    [["10", "a", "Nguyễn Thị Ánh Tuyết", "muộn", "", "sau hạn 1 giờ; nhận qua thư điện tử"],
     ["2", "bb", "Đặng Ỷ", "chưa nộp", "", "~\\]{}|`^_"]],
    [["1", "nfd", "Nguye\u0302\u0303n", "x", "", ""]],  # combining marks: narrower than long
])
def test_the_plain_table_is_what_rich_draws(rows: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    headers_ = ["TT", "Id", "Họ và tên", "Tình trạng", "Nộp lúc", "Ghi chú"]
    plain = io.StringIO()
    with redirect_stdout(plain):
        assert console._print_simple_table(None, headers_, rows)
    table = Table(show_lines=False)
    for header in headers_:
        table.add_column(Text(header))
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    drawn = io.StringIO()
    Console(file=drawn, soft_wrap=False, width=200).print(table)
    assert plain.getvalue() == console.terminal(drawn.getvalue())


@pytest.mark.parametrize("cell", ["[b]x[/b]", "a\nb", "\t", "中文"])
def test_the_plain_table_leaves_to_rich_what_only_rich_draws(cell: str) -> None:
    assert not console._print_simple_table(None, ["a", "b"], [["1", cell]])
