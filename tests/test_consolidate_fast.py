"""The fast paths of ``dvcli consolidate`` (issue 6) change nothing but speed and memory.

The package's own templates render in a trusted, cached Jinja environment; any workspace
template takes the whole render back into the sandbox. A preview is printed again from a memo
only when every input, template, option, the language and the day are the same. The golden tests
keep the output byte-identical; these tests keep the security boundary, the memo's key and the
file listing exact.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import SandboxedEnvironment

from consolidate_support import make
from dvcli import consolidation, docx_fill, render, yamlio
from dvcli.services import consolidate_memo
from dvcli.services.consolidate_memo import KEEP
from dvcli.snapshot import reading


def test_package_templates_render_in_the_trusted_environment(tmp_path: Path) -> None:
    name = "tong-hop-tuan.md.j2"
    assert render.choose_environment(name, None) is render.trusted_environment()
    assert render.choose_environment(name, tmp_path / "missing") is render.trusted_environment()
    (tmp_path / "ghi-chu.txt").write_text("không phải mẫu\n", encoding="utf-8")
    assert render.choose_environment(name, tmp_path) is render.trusted_environment()
    assert not isinstance(render.trusted_environment(), SandboxedEnvironment)


def test_any_override_sends_the_render_into_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "_bao-cao.md.j2").write_text("x\n", encoding="utf-8")  # included by tong-hop-tuan.md.j2
    assert isinstance(render.choose_environment("tong-hop-tuan.md.j2", tmp_path), SandboxedEnvironment)
    (tmp_path / "_bao-cao.md.j2").unlink()
    (tmp_path / "rieng.md.j2").write_text("x\n", encoding="utf-8")  # a template only the workspace has
    assert isinstance(render.choose_environment("rieng.md.j2", tmp_path), SandboxedEnvironment)


def test_an_overriding_workspace_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    ws = make(tmp_path)
    (ws.root / "templates").mkdir()
    (ws.root / "templates" / "_bao-cao.md.j2").write_text('{{ "".__class__.__mro__ }}\n', encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"lỗi: mẫu {ws.root / 'templates' / '_bao-cao.md.j2'}:1 lỗi khi dựng: access to attribute "
                             "'__class__' of 'str' object is unsafe.\n"
                             "  gợi ý: kiểm tra tên biến trong mẫu; xem biến có sẵn trong docs/templates.md\n")


# --- the verified output memo -------------------------------------------------------------------

PREVIEW = ("consolidate", "--week", "2021-W38")
NOW = "2021-09-28T09:00:00+07:00"


def _memos(root: Path) -> list[Path]:
    return sorted((root / ".dvcli" / "cache" / "consolidate").glob("*.md"))


def _no_compute(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, computing a consolidated report fails the test: output must come from the memo."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr(consolidation, "consolidate", refuse)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each consolidated report computed from here on, as a list that grows."""
    calls: list[object] = []
    original = consolidation.consolidate

    def counted(*call_args: object, **kwargs: object) -> object:
        calls.append(call_args)
        return original(*call_args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(consolidation, "consolidate", counted)
    return calls


def test_an_unchanged_preview_is_printed_from_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    first = ws.run(*PREVIEW)
    assert first.exit_code == 0
    assert len(_memos(ws.root)) == 1
    _no_compute(monkeypatch)
    again = ws.run(*PREVIEW)
    assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, "")


@pytest.mark.parametrize("change", ["report", "plan", "members", "assignment", "template", "day", "language",
                                    "option"])
def test_any_change_is_computed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    args = list(PREVIEW)
    assert ws.run(*args).exit_code == 0
    memo = _memos(ws.root)[0].read_bytes()
    edits = {"report": ("data/reports/2021/W38/bui-thuy.yaml", "kiểm soát", "kiểm xoát"),
             "plan": ("data/plan.yaml", "Phạm Tất Thắng", "Phạm Tất Thắnh"),
             "members": ("data/members.yaml", "DANH SÁCH", "DANH XÁCH"),  # a comment: same output, new bytes
             "assignment": ("data/assignments/bui-thuy/III.4_2021-09-13.yaml", "[mien-trung, tay-nguyen]",
                            "[tay-nguyen, mien-trung]")}
    if change in edits:
        # same size, same modification time: only the bytes tell the change
        name, old, new = edits[change]
        path = ws.root / name
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_size == before.st_size
    elif change == "template":
        (ws.root / "templates").mkdir()
        (ws.root / "templates" / "ghi-chu.txt").write_text("không phải mẫu\n", encoding="utf-8")
    elif change == "day":
        monkeypatch.setenv("DVCLI_NOW", "2021-09-29T09:00:00+07:00")
    elif change == "language":
        monkeypatch.setenv("DVCLI_LANG", "en")
    else:
        args += ["--template", "bao-cao-ban"]
    calls = _counted(monkeypatch)
    result = ws.run(*args)
    assert len(calls) == 1, "served a memo made for other inputs"
    assert result.exit_code == 0
    if change == "option":
        assert len(_memos(ws.root)) == 2 and memo in [path.read_bytes() for path in _memos(ws.root)]


def test_a_workspace_template_edit_is_computed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    assert ws.run("templates", "copy", "tong-hop-tuan").exit_code == 0
    assert "**BIỂU SỐ LIỆU**<br>\n" in ws.run(*PREVIEW).stdout
    md = ws.root / "templates/_bao-cao.md.j2"
    md.write_text(md.read_text(encoding="utf-8").replace("**BIỂU SỐ LIỆU**", "**BIỂU SỐ LIỆU CHUNG**"), encoding="utf-8")
    assert "**BIỂU SỐ LIỆU CHUNG**<br>\n" in ws.run(*PREVIEW).stdout


@pytest.mark.parametrize("damage", ["truncate", "flip", "header", "empty", "folder"])
def test_a_damaged_memo_is_ignored_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 damage: str) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    expected = ws.run(*PREVIEW).stdout
    memo = _memos(ws.root)[0]
    data = memo.read_bytes()
    if damage == "truncate":
        memo.write_bytes(data[:-10])
    elif damage == "flip":
        memo.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif damage == "header":
        memo.write_bytes(data.replace(b"dvcli-consolidate-memo 1", b"dvcli-consolidate-memo 9", 1))
    elif damage == "empty":
        memo.write_bytes(b"")
    else:
        memo.unlink()
        memo.mkdir()
    result = ws.run(*PREVIEW)
    assert (result.exit_code, result.stdout) == (0, expected)
    if damage != "folder":
        assert memo.read_bytes() == data  # rewritten whole


def test_memos_are_kept_to_a_few_and_never_outside_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    for day in range(1, KEEP + 4):
        assert ws.run("consolidate", "--week", "2021-W38", "--date", f"2021-10-{day:02d}").exit_code == 0
    assert len(_memos(ws.root)) == KEEP
    assert {path.name for path in (ws.root / ".dvcli").iterdir()} == {"cache"}


def test_no_memo_for_a_document_issued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    assert ws.run(*PREVIEW, "--issue", "--no-commit").exit_code == 0
    assert _memos(ws.root) == []


OUT = ("--format", "md,html,docx")


def _written(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_files_written_again_come_from_the_memo_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--out`` twice: the second run computes nothing and writes what an uncached run writes."""
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    first = ws.run(*PREVIEW, *OUT, "--out", str(tmp_path / "first"))
    assert first.exit_code == 0
    assert len(_memos(ws.root)) == 1
    with monkeypatch.context() as patched:
        _no_compute(patched)
        again = ws.run(*PREVIEW, *OUT, "--out", str(tmp_path / "first"), "--force")
        assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, "")
        kept = ws.run(*PREVIEW, *OUT, "--out", str(tmp_path / "first"))  # --force still asked for
        assert kept.exit_code == 1 and "--force" in kept.stderr
        memoised = ws.run(*PREVIEW, *OUT, "--out", str(tmp_path / "memo"))
        assert memoised.exit_code == 0
    shutil.rmtree(ws.root / ".dvcli")  # uncached: parsed and computed again
    monkeypatch.setenv("DVCLI_NOW", NOW.replace("09:00", "09:01"))  # a later minute of the same day
    computed = ws.run(*PREVIEW, *OUT, "--out", str(tmp_path / "computed"))
    assert computed.exit_code == 0
    assert sorted(_written(tmp_path / "memo")) == [f"tong-hop-tuan-2021-W38.{fmt}" for fmt in ("docx", "html", "md")]
    assert _written(tmp_path / "memo") == _written(tmp_path / "computed") == _written(tmp_path / "first")
    # python-docx dates each zip entry when it saves: docx_fill dates them all alike, whenever made
    with zipfile.ZipFile(tmp_path / "computed" / "tong-hop-tuan-2021-W38.docx") as docx:
        assert {info.date_time for info in docx.infolist()} == {docx_fill.ZIP_TIME}


def test_files_memo_follows_its_inputs_and_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    assert ws.run(*PREVIEW, *OUT, "--out", str(tmp_path / "a")).exit_code == 0
    calls = _counted(monkeypatch)
    assert ws.run(*PREVIEW, "--format", "md", "--out", str(tmp_path / "b")).exit_code == 0
    assert len(calls) == 1, "the memo of md,html,docx served md alone"
    assert ws.run(*PREVIEW).exit_code == 0
    assert len(calls) == 2, "the memo of files served stdout"
    report = ws.root / "data/reports/2021/W38/bui-thuy.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("kiểm soát", "kiểm xoát", 1), encoding="utf-8")
    assert ws.run(*PREVIEW, *OUT, "--out", str(tmp_path / "a"), "--force").exit_code == 0
    assert len(calls) == 3, "served files made from other inputs"
    assert "kiểm xoát" in (tmp_path / "a" / "tong-hop-tuan-2021-W38.md").read_text(encoding="utf-8")


def test_the_code_named_by_the_key_holds_the_word_templates() -> None:
    """A package Word template edited (``scripts/make_docx_templates.py``) under the same version
    served the DOCX of the template before: only modules, Jinja templates and catalogs were hashed."""
    package = Path(consolidate_memo.__file__).resolve().parent.parent
    hashed = {Path(path).relative_to(package).as_posix() for path in consolidate_memo._code_files(str(package))}
    assert {"templates/tong-hop-tuan.docx", "templates/bao-cao-ban.docx", "templates/tong-hop-tuan.md.j2"} <= hashed
    assert not any(name.endswith(".pyc") for name in hashed)


def test_another_version_of_a_docx_renderer_is_computed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    version = tmp_path / "docxtpl_version.py"
    version.write_text('__version__ = "0.20.2"\n', encoding="utf-8")
    found = consolidate_memo._version_files
    monkeypatch.setattr(consolidate_memo, "_version_files",
                        lambda name: [str(version)] if name == "docxtpl" else found(name))
    md_key, docx_key = consolidate_memo.code_fingerprint(["md"]), consolidate_memo.code_fingerprint(["docx"])
    assert ws.run(*PREVIEW, "--format", "docx", "--out", str(tmp_path / "a")).exit_code == 0
    assert ws.run(*PREVIEW).exit_code == 0
    calls = _counted(monkeypatch)
    version.write_text('__version__ = "0.21.0"\n', encoding="utf-8")
    assert consolidate_memo.code_fingerprint(["md"]) == md_key  # a Markdown preview does not use docxtpl
    assert consolidate_memo.code_fingerprint(["md", "docx"]) != docx_key
    assert ws.run(*PREVIEW).exit_code == 0
    assert calls == [], "the Markdown preview was computed again for a library it does not use"
    assert ws.run(*PREVIEW, "--format", "docx", "--out", str(tmp_path / "a"), "--force").exit_code == 0
    assert len(calls) == 1, "served a DOCX written by another docxtpl"


def test_files_from_the_memo_say_the_draft_they_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    assert ws.run(*PREVIEW, "--draft", "--no-commit").exit_code == 0
    first = ws.run(*PREVIEW, "--format", "md", "--out", str(tmp_path / "a"))
    assert first.exit_code == 0 and "dự thảo" in first.stderr
    _no_compute(monkeypatch)
    again = ws.run(*PREVIEW, "--format", "md", "--out", str(tmp_path / "a"), "--force")
    assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, first.stderr)


def _number_vi_before(value: object, places: int | None = None) -> str:
    """number_vi as it was before its integer fast path: the reference the fast path must match."""
    number = Decimal(str(value))
    if places is None:
        places = 0 if number == number.to_integral_value() else max(0, -number.normalize().as_tuple().exponent)  # type: ignore[operator]
    text = f"{number:,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@pytest.mark.parametrize("value", ["0", "-0", "0.0", "-0.0", "5.0", "1E+3", "-7E+2", "-1234", "1800000", "19300.5",
                                   "1234567890123456.7", "-0.5", "0.10", "1E-30", "123456789012345678901234567890"])
def test_number_vi_fast_path_prints_what_it_printed_before(value: str) -> None:
    for given in (Decimal(value), value):
        assert render.number_vi(given) == _number_vi_before(given)
        assert render.number_vi(given, 2) == _number_vi_before(given, 2)
    assert render.number_vi(int(Decimal(value))) == _number_vi_before(int(Decimal(value)))


@pytest.mark.parametrize("broken", [False, True])
def test_a_second_process_reads_the_assignments_of_a_big_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   broken: bool) -> None:
    """The split read (thousands of member folders) gives what the plain read gives: output or problems."""
    monkeypatch.setenv("DVCLI_NOW", NOW)
    monkeypatch.setenv("DVCLI_JOBS", "2")
    ws = make(tmp_path)
    if broken:  # an assignment that is no YAML, read by the child: the same problem either way
        (ws.root / "data/assignments/bui-thuy").mkdir(exist_ok=True)
        (ws.root / "data/assignments/bui-thuy/hong.yaml").write_text("member: [\n", encoding="utf-8")
    plain = ws.run(*PREVIEW)
    shutil.rmtree(ws.root / ".dvcli", ignore_errors=True)
    monkeypatch.setattr(reading, "SPLIT_MIN", 0)
    forks: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counted_fork)
    split = ws.run(*PREVIEW)
    # one fork for the split read; a valid workspace gets a second, the background cache save
    assert forks == ([1] if broken else [1, 1])
    assert (split.exit_code, split.stdout, split.stderr) == (plain.exit_code, plain.stdout, plain.stderr)
    assert split.exit_code == (1 if broken else 0)
    if broken:
        assert "data/assignments/bui-thuy/hong.yaml" in split.stderr


@pytest.mark.parametrize("fork_fails", [False, True])
def test_the_cache_saved_in_the_background_serves_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                fork_fails: bool) -> None:
    """The forked save has finished when the command returns: the next run parses nothing. Where
    the fork fails, the cache is saved in this process instead."""
    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    if fork_fails:
        def no_fork() -> int:
            raise OSError(11, "Resource temporarily unavailable")

        with monkeypatch.context() as patched:
            patched.setattr(os, "fork", no_fork)
            first = ws.run(*PREVIEW)
    else:
        first = ws.run(*PREVIEW)
    assert first.exit_code == 0
    shutil.rmtree(ws.root / ".dvcli" / "cache" / "consolidate", ignore_errors=True)  # the memo, not the records

    def no_parse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a cached record was parsed again")

    monkeypatch.setattr(yamlio, "loads", no_parse)
    second = ws.run(*PREVIEW)
    assert (second.exit_code, second.stdout) == (0, first.stdout)


@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize("slow", ["here", "child"])
def test_parsing_shared_with_a_forked_child_gives_what_parsing_here_gives(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        broken: bool, slow: str) -> None:
    """A cold preview parsed partly in a child (parallel.map_shared): the same output, or the same
    problems, whoever parsed which file. ``slow``: the side that holds its first chunk until the
    other has parsed every other file (the broken files among them) — waited for, not slept on,
    so a loaded machine that starts the child late changes nothing."""
    import time

    from dvcli import parallel

    monkeypatch.setenv("DVCLI_NOW", NOW)
    ws = make(tmp_path)
    if broken:  # one problem from YAML, one from the schema
        (ws.root / "data/assignments/bui-thuy").mkdir(exist_ok=True)
        (ws.root / "data/assignments/bui-thuy/a.yaml").write_text("member: [\n", encoding="utf-8")
        (ws.root / "data/reports/2021/W38/vy-tu-lieu.yaml").write_text("member: vy-tu-lieu\nperiod: 2021-W38\n"
                                                                       "khong-co: 1\n", encoding="utf-8")
    real = reading._parse_all
    total: list[int] = []

    def counted(items: Any) -> Any:
        total.append(len(items))
        return real(items)

    monkeypatch.setattr(reading, "_parse_all", counted)
    monkeypatch.setenv("DVCLI_JOBS", "1")
    here = ws.run(*PREVIEW)
    shutil.rmtree(ws.root / ".dvcli", ignore_errors=True)
    monkeypatch.setenv("DVCLI_JOBS", "2")
    monkeypatch.setattr(parallel, "MIN_FILES", 0)
    monkeypatch.setattr(parallel, "CHUNK_MIN", 1)
    first = {"here": True, "child": True}

    def parsed_by(side: str) -> int:
        path = tmp_path / f"{side}.txt"
        return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0

    def noted(items: Any) -> Any:
        side = "child" if parallel.in_worker() else "here"
        other = "here" if side == "child" else "child"
        deadline = time.monotonic() + 60
        if side == slow and first[side]:  # until the other side has parsed everything but this chunk
            (tmp_path / "slow-started").touch()
            while parsed_by(other) + len(items) < sum(total) and time.monotonic() < deadline:
                time.sleep(0.01)
        elif side == "here" and first[side]:  # a child started late must still get its chunk
            while not (tmp_path / "slow-started").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        first[side] = False
        # what each side parsed, told through a file (a child's memory is its own)
        with (tmp_path / f"{side}.txt").open("a", encoding="utf-8") as told:
            told.write("".join(f"{item.display}\n" for item in items))
        return real(items)

    monkeypatch.setattr(reading, "_parse_all", noted)
    split = ws.run(*PREVIEW)
    in_child = (tmp_path / "child.txt").read_text(encoding="utf-8").splitlines()
    assert in_child and "data/plan.yaml" not in in_child  # the plan is read first: its period decides the weeks
    if broken:
        assert ("data/assignments/bui-thuy/a.yaml" in in_child) is (slow == "here")
    assert (split.exit_code, split.stdout, split.stderr) == (here.exit_code, here.stdout, here.stderr)
    assert split.exit_code == (1 if broken else 0)
    if broken:
        assert "data/assignments/bui-thuy/a.yaml:" in split.stderr
        assert "data/reports/2021/W38/vy-tu-lieu.yaml:3: khong-co:" in split.stderr


def test_cumulative_figures_from_each_weeks_figures_are_those_of_all_reports() -> None:
    """``across_weeks`` (each week combined once, then the weeks) gives exactly ``_member_values`` over
    every report: the same values, to the last digit and exponent (5 and 5.0 are told apart)."""
    import random

    from dvcli.consolidation import indicators as figures
    from dvcli.model import Indicator
    from dvcli.snapshot import Figures

    chosen = random.Random(11)
    plan_indicators = [Indicator(id=f"i-{aggregate}", label="x", unit="y", aggregate=aggregate)  # type: ignore[arg-type]
                       for aggregate in ("sum", "max", "last")]
    values = [Decimal(text) for text in ("5", "5.0", "-0", "0.00", "12.5", "7", "1E+3", "0.001")]
    history = []
    for number in range(400):
        week = f"2021-W{chosen.choice((37, 38, 39))}"
        picked = chosen.sample(plan_indicators, chosen.randint(0, 3))
        history.append(Figures(week, f"m{chosen.randint(1, 40)}", f"2021-09-{number // 20 + 1:02d}T10:{number % 60:02d}",
                               {ind.id: chosen.choice(values) for ind in picked}))
    weeks = figures.week_values(plan_indicators, history)
    merged = figures.across_weeks(plan_indicators, list(weeks.values()))
    direct = figures._member_values(plan_indicators, figures._by_member(history))

    def shown(found: dict[str, dict[str, Decimal]]) -> list[tuple[str, list[tuple[str, str]]]]:
        return [(member, [(key, str(value)) for key, value in row.items()]) for member, row in found.items()]

    assert shown(merged) == shown(direct)


def test_a_member_with_one_report_has_the_values_combine_gives() -> None:
    """``_member_values``' path for a member's only report (no lists) gives what ``combine`` of one
    value gives, to the digit and exponent: a sum of one is 0 + value (1E+3 becomes 1000)."""
    from dvcli.consolidation import indicators as figures
    from dvcli.model import Indicator
    from dvcli.snapshot import Figures

    plan_indicators = [Indicator(id=f"i-{aggregate}", label="x", unit="y", aggregate=aggregate)  # type: ignore[arg-type]
                       for aggregate in ("sum", "max", "last")]
    for text in ("5", "5.0", "-0", "0.00", "12.5", "1E+3", "0.001", "123456789012345"):
        value = Decimal(text)
        one = Figures("2021-W38", "m1", "2021-09-20T10:00", {ind.id: value for ind in plan_indicators[::-1]})
        found = figures._member_values(plan_indicators, {"m1": [one]})["m1"]
        expected = {ind.id: figures.combine(ind, [value]) for ind in plan_indicators}
        assert [(key, str(v)) for key, v in found.items()] == [(key, str(v)) for key, v in expected.items()], text
    assert str(figures._member_values(plan_indicators[:1], {"m": [Figures("w", "m", "t", {"i-sum": Decimal("1E+3")})]})[
        "m"]["i-sum"]) == "1000"
