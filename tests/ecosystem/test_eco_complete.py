"""Completion: the completers themselves, and through the shell protocol (_DVCLI_COMPLETE)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dvcli.cli import complete
from dvcli.cli.app import app


def test_members_by_id_prefix_and_by_name_without_accents(eco_ws: Path) -> None:
    assert complete.members("vy") == [("vy-tu-lieu", "Vy Tư Liệu")]
    assert [value for value, _help in complete.members("Hưng")] == ["tran-viet-hung", "cao-hong-hung"]
    assert [value for value, _help in complete.members("hung")] == ["tran-viet-hung", "cao-hong-hung"]


def test_weeks_from_data_and_recent(eco_ws: Path) -> None:
    (eco_ws / "data" / "reports" / "2020" / "W53").mkdir(parents=True)
    (eco_ws / "data" / "reports" / "2020" / "W53" / "vy-tu-lieu.yaml").write_text("member: vy-tu-lieu\n")
    found = [value for value, _help in complete.weeks("", today=dt.date(2021, 10, 6))]
    assert found[:8] == ["2021-W40", "2021-W39", "2021-W38", "2021-W37", "2021-W36", "2021-W35", "2021-W34",
                         "2021-W33"]
    assert found[-3:] == ["2020-W53", "this", "last"]
    assert [value for value, _help in complete.weeks("2021-W38", today=dt.date(2026, 1, 1))] == ["2021-W38"]


def test_months_tasks_vocabulary_templates_kinds(eco_ws: Path) -> None:
    assert complete.months("", today=dt.date(2021, 11, 2)) == [("2021-11", ""), ("2021-10", ""), ("2021-09", "")]
    assert [value for value, _help in complete.tasks("ii.")] == ["II.1", "II.2", "II.3", "II.4"]
    assert complete.kinds("re")[0][0] == "report"
    assert "tong-hop-tuan" in [value for value, _help in complete.templates("")]
    areas = complete.COMPLETERS["area"]("tay", None)
    assert ("tay-nguyen", "Tây Nguyên") in areas


def test_completers_never_raise_outside_a_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DVCLI_DATA", raising=False)
    assert complete.safely(complete.members, "", None) == []
    assert complete.safely(complete.tasks, "", None) == []
    assert [value for value, _help in complete.safely(complete.weeks, "this", None)] == ["this"]


def test_broken_plan_gives_no_completion(eco_ws: Path) -> None:
    (eco_ws / "data" / "plan.yaml").write_text("sections: [\n", encoding="utf-8")
    assert complete.safely(complete.tasks, "", None) == []


def _complete(runner: CliRunner, env: dict[str, str]) -> str:
    result = runner.invoke(app, [], env=env, prog_name="dvcli")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_bash_protocol_completes_member_argument(eco_ws: Path, runner: CliRunner) -> None:
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_bash", "COMP_WORDS": "dvcli members show tran",
                                "COMP_CWORD": "3"})
    assert output.split() == ["tran-viet-hung", "tran-vuong-viet"]


def test_zsh_protocol_completes_task_option_with_descriptions(eco_ws: Path, runner: CliRunner) -> None:
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_zsh",
                                "_TYPER_COMPLETE_ARGS": "dvcli assign vy-tu-lieu --task II.2"})
    assert '"II.2":"Dân vận chính quyền' in output


def test_fish_protocol_completes_week_option(eco_ws: Path, runner: CliRunner) -> None:
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                                "_TYPER_COMPLETE_ARGS": "dvcli search dich --week las"})
    assert output.strip() == "last"


def test_data_option_is_honoured_during_completion(eco_ws: Path, runner: CliRunner,
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_bash",
                                "COMP_WORDS": f"dvcli --data {eco_ws} report new vy", "COMP_CWORD": "5"})
    assert output.split() == ["vy-tu-lieu"]


def _git(root: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def test_set_aside_completes_the_commits_not_yet_sent(eco_ws: Path, runner: CliRunner, tmp_path: Path) -> None:
    _git(eco_ws, "init", "-q", "-b", "main")
    _git(eco_ws, "add", "-A")
    _git(eco_ws, "commit", "-q", "-m", "khởi tạo")
    bare = tmp_path / "shared.git"
    _git(tmp_path, "clone", "-q", "--bare", str(eco_ws), str(bare))
    _git(eco_ws, "remote", "add", "origin", str(bare))
    _git(eco_ws, "fetch", "-q", "origin")
    _git(eco_ws, "branch", "-q", "--set-upstream-to=origin/main")
    (eco_ws / "data" / "ghi-chu.txt").write_text("x\n", encoding="utf-8")
    _git(eco_ws, "add", "-A")
    _git(eco_ws, "commit", "-q", "-m", "báo cáo chưa gửi")
    unsent = _git(eco_ws, "rev-parse", "HEAD").strip()
    assert complete.unsent("") == [(unsent[:12], "báo cáo chưa gửi")]
    assert complete.unsent("zz") == []
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_bash", "COMP_WORDS": "dvcli sync --set-aside ",
                                "COMP_CWORD": "3"})
    assert output.split() == [unsent[:12]]


def test_no_upstream_completes_no_commit(eco_ws: Path) -> None:
    assert complete.safely(complete.unsent, "", None) == []


def test_draft_edit_completes_the_periods_that_have_a_draft_first(eco_ws: Path, runner: CliRunner) -> None:
    drafts = eco_ws / "data" / "drafts"
    drafts.mkdir()
    for name in ("tong-hop-tuan-2021-W38", "bao-cao-ban-2021-10", "tong-hop-tuan-2021-W37"):
        (drafts / f"{name}.yaml").write_text("intro: x\n", encoding="utf-8")
    found = complete.draft_weeks("2021-W3", today=dt.date(2021, 10, 6))
    assert found[:2] == [("2021-W38", "đã có dự thảo"), ("2021-W37", "đã có dự thảo")]
    assert [value for value, _help in found[2:]] == ["2021-W39", "2021-W36", "2021-W35", "2021-W34", "2021-W33"]
    assert complete.draft_months("", today=dt.date(2021, 11, 2))[:2] == [("2021-10", "đã có dự thảo"),
                                                                       ("2021-11", "")]
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_zsh",
                                "_TYPER_COMPLETE_ARGS": "dvcli draft edit --week 2021-W3"})
    assert '(("2021-W38":"đã có dự thảo"\n"2021-W37":"đã có dự thảo"\n"2021-W39"' in output
    # report edit keeps the plain week completer: the drafts mean nothing there
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_zsh",
                                "_TYPER_COMPLETE_ARGS": "dvcli report edit vy-tu-lieu --week 2021-W38"})
    assert "dự thảo" not in output


def test_a_hidden_copy_or_a_backup_of_a_draft_is_no_draft(eco_ws: Path) -> None:
    """The listing rule (issue 11): ``.x.yaml`` and ``x.yaml~`` in data/drafts/ are never drafts."""
    drafts = eco_ws / "data" / "drafts"
    drafts.mkdir()
    (drafts / "tong-hop-tuan-2021-W38.yaml").write_text("intro: x\n", encoding="utf-8")
    (drafts / ".tong-hop-tuan-2021-W36.yaml").write_text("intro: x\n", encoding="utf-8")
    (drafts / "tong-hop-tuan-2021-W35.yaml~").write_text("intro: x\n", encoding="utf-8")
    found = complete.draft_weeks("2021-W3", today=dt.date(2021, 10, 6))
    assert [choice for choice in found if choice[1]] == [("2021-W38", "đã có dự thảo")]


def test_draft_edit_completes_ad_hoc_titles_without_accents(eco_ws: Path, runner: CliRunner) -> None:
    title = "Tình hình người lao động từ TP. Hồ Chí Minh và các tỉnh phía Nam về quê"
    assert complete.ad_hoc_titles("tinh hinh") == [(title, "2021-10-02")]  # folded, from the start
    assert complete.ad_hoc_titles("lao") == [(title, "2021-10-02")]  # or from any word
    assert complete.ad_hoc_titles("mưa") == []
    output = _complete(runner, {"_DVCLI_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                                "_TYPER_COMPLETE_ARGS": "dvcli draft edit --ad-hoc Tình"})
    assert output.strip().split("\t")[0] == title
