"""What a new user met on the way (issue 12's list): each through the CLI, each failing on the old behaviour."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from dvcli.cli.app import app
from foundation_support import Workspace
from records_support import git, git_init, last_commit_files, last_message


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="dvcli", env=env, catch_exceptions=False)


# --- report list: an ad-hoc report's title --------------------------------------------------------------------


def test_report_list_shows_the_title_of_an_ad_hoc_report(full_workspace: Workspace) -> None:
    rows = json.loads(full_workspace.run("report", "list", "--week", "2021-W39", "--format", "json").stdout)
    ad_hoc = [row for row in rows if row["ad_hoc"]]
    assert [row["title"] for row in ad_hoc] == [
        "Tình hình người lao động từ TP. Hồ Chí Minh và các tỉnh phía Nam về quê"]
    table = full_workspace.run("report", "list", "--week", "2021-W39")
    assert "đột xuất: Tình hình người lao động" in table.stdout


def test_a_title_yaml_wrapped_onto_two_lines_is_listed_whole(full_workspace: Workspace) -> None:
    folder = "data/reports/2021/W39/dot-xuat"
    name = next((full_workspace.root / folder).iterdir()).name
    full_workspace.edit(f"{folder}/{name}", "title: Tình hình người lao động từ TP. Hồ Chí Minh và các tỉnh phía Nam về quê",
                        "title: Tình hình người lao động từ TP. Hồ Chí Minh\n  và các tỉnh phía Nam về quê")
    rows = json.loads(full_workspace.run("report", "list", "--week", "2021-W39", "--format", "json").stdout)
    assert [row["title"] for row in rows if row["ad_hoc"]] == [
        "Tình hình người lao động từ TP. Hồ Chí Minh và các tỉnh phía Nam về quê"]


# --- "did you mean" with several suggestions ---------------------------------------------------------------------


def test_did_you_mean_reads_naturally_with_two_suggestions() -> None:
    result = run("reprot")
    assert (result.exit_code, result.stderr) == (
        2, 'lỗi: không có lệnh "reprot"\n  gợi ý: ý bạn là dvcli report hay dvcli export? '
           "Hoặc xem cách dùng: dvcli -h\n")
    one = run("statu")
    assert "ý bạn là dvcli status? Hoặc" in one.stderr
    english = run("--lang", "en", "reprot")
    assert english.stderr == ('error: no such command "reprot"\n  hint: did you mean dvcli report or dvcli export? '
                              "Or see how to use it: dvcli -h\n")


# --- --install-completion SHELL ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("shell", "installed", "marker"), [
    ("zsh", ".zfunc/_dvcli", "compdef"),
    ("fish", ".config/fish/completions/dvcli.fish", "complete --command dvcli"),
    ("bash", ".bash_completions/dvcli.sh", "complete -o default -F"),
])
def test_install_completion_installs_the_shell_named(tmp_path: Path, shell: str, installed: str, marker: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run("--install-completion", shell, env={"HOME": str(home)})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"Đã cài gợi ý lệnh (Tab) cho {shell} vào {home / installed}.\n"
                             "Mở lại cửa sổ dòng lệnh để bắt đầu dùng.\n")
    assert marker in (home / installed).read_text(encoding="utf-8")
    others = {".zfunc/_dvcli", ".config/fish/completions/dvcli.fish", ".bash_completions/dvcli.sh"} - {installed}
    assert not any((home / other).exists() for other in others)


def test_an_unknown_shell_is_refused_and_nothing_is_installed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run("--install-completion", "foo", env={"HOME": str(home)})
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ('lỗi: dvcli chưa hỗ trợ gợi ý lệnh cho shell "foo"\n'
                             "  gợi ý: chọn một trong: bash, zsh, fish, powershell, pwsh; "
                             "ví dụ: dvcli --install-completion bash\n")
    assert list(home.iterdir()) == []
    english = run("--lang", "en", "--show-completion", "foo", env={"HOME": str(home)})
    assert english.stderr.startswith('error: dvcli has no completion for the shell "foo"\n')


def test_show_completion_prints_the_named_shell_script() -> None:
    result = run("--show-completion", "zsh")
    assert result.exit_code == 0
    assert result.stdout.startswith("#compdef dvcli")


# --- plurals -----------------------------------------------------------------------------------------------------


def test_english_counts_use_the_singular_for_one(full_workspace: Workspace) -> None:
    full_workspace.write({"data/reports/2021/W38/zz.yaml": "x: [\n"})
    english = full_workspace.run("--lang", "en", "check")
    assert english.stdout == "1 problem.\n"
    assert full_workspace.run("check").stdout == "Có 1 lỗi.\n"
    (full_workspace.root / "data/reports/2021/W38/zz.yaml").unlink()
    assert full_workspace.run("--lang", "en", "check").stdout.startswith("Data is valid: 11 members, 6 tasks, ")


def test_a_late_note_says_one_hour_not_one_hours(full_workspace: Workspace) -> None:
    result = full_workspace.run("--lang", "en", "status", "--week", "2021-W38", "--format", "table")
    assert "1 hour 40 minutes after the deadline" in result.stdout
    assert "1 hours" not in result.stdout


# --- status and remind in one language ---------------------------------------------------------------------------


def test_status_header_is_in_one_language(full_workspace: Workspace) -> None:
    english = full_workspace.run("--lang", "en", "status", "--week", "2021-W38").stdout.splitlines()[0]
    assert english == "Period 2021-W38 (week from 20/9 to 26/9/2021) — due 10:00 on 27/09/2021"
    vietnamese = full_workspace.run("status", "--week", "2021-W38").stdout.splitlines()[0]
    assert vietnamese == "Kỳ 2021-W38 (tuần từ ngày 20/9 đến ngày 26/9/2021) — hạn 10:00 ngày 27/09/2021"


def test_remind_names_the_member_without_contact_not_the_roster(full_workspace: Workspace) -> None:
    result = full_workspace.run("remind", "--week", "2021-W38")
    first = result.stdout.splitlines()[0]
    assert first == ("=== Nguyễn Minh Đức (nguyen-minh-duc) — đồng chí này chưa có điện thoại, thư điện tử trong "
                     "danh sách (thêm bằng: dvcli members edit nguyen-minh-duc --phone SỐ --email THƯ)")
    english = full_workspace.run("--lang", "en", "remind", "--week", "2021-W38").stdout.splitlines()[0]
    assert english == ("=== Nguyễn Minh Đức (nguyen-minh-duc) — this member has no phone number or e-mail address "
                       "in the roster (add them with: dvcli members edit nguyen-minh-duc --phone NUMBER "
                       "--email ADDRESS)")


# --- Click's own messages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "said"), [
    (["sync", "--retries", "1000"],
     "lỗi: giá trị không hợp lệ cho --retries: 1000 nằm ngoài khoảng cho phép (từ 0 đến 100)\n"
     "  gợi ý: xem cách dùng: dvcli sync -h\n"),
    (["--lang", "en", "sync", "--timeout", "0"],
     "error: invalid value for --timeout: 0 is outside the allowed range (from 1 to 3600)\n"
     "  hint: see how to use it: dvcli sync -h\n"),
    (["sync", "--timeout", "mot"],
     'lỗi: giá trị không hợp lệ cho --timeout: "mot" không phải số nguyên\n  gợi ý: xem cách dùng: dvcli sync -h\n'),
])
def test_clicks_range_and_number_messages_are_translated(args: list[str], said: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_the_range_and_date_sentences_are_read_whatever_the_bounds() -> None:
    from types import SimpleNamespace

    from typer._click import exceptions as click_errors
    from typer._click import types

    from dvcli.cli.usage import describe

    for kind, value, words in ((types.IntRange(min=1), "0", "0 nằm ngoài khoảng cho phép (ít nhất 1)"),
                               (types.FloatRange(max=5, max_open=True), "7", "7.0 nằm ngoài khoảng cho phép (nhỏ hơn 5)")):
        option: Any = SimpleNamespace(type=kind, opts=["--n"], param_type_name="option")
        try:
            kind.convert(value, option, None)
        except click_errors.BadParameter as error:
            assert words in describe(error, None, ["x"])[0]
        else:  # pragma: no cover - the value is out of range
            raise AssertionError(value)
    try:
        types.DateTime(["%Y-%m-%d"]).convert("hôm qua", None, None)
    except click_errors.BadParameter as error:
        assert describe(error, None, ["x"])[0].endswith('"hôm qua" không đúng dạng ngày giờ (%Y-%m-%d)')


# --- --lang -------------------------------------------------------------------------------------------------------


def test_an_unknown_lang_is_refused(full_workspace: Workspace) -> None:
    result = full_workspace.run("--lang", "fr", "status")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ('lỗi: dvcli không có ngôn ngữ "fr" (--lang)\n'
                             "  gợi ý: chọn một trong: vi, en; ví dụ: dvcli --lang en status\n")


def test_an_unknown_dvcli_lang_is_refused(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_LANG", "fr")
    result = full_workspace.run("status")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ('lỗi: dvcli không có ngôn ngữ "fr" (biến môi trường DVCLI_LANG)\n'
                             "  gợi ý: đặt DVCLI_LANG là một trong: vi, en, hoặc bỏ biến này (mặc định: vi)\n")


def test_a_locale_style_language_is_understood(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_LANG", "en_US.UTF-8")
    assert full_workspace.run("status", "--week", "2021-W38").stdout.startswith("Period 2021-W38")
    assert full_workspace.run("--lang", "vi-VN", "status", "--week", "2021-W38").stdout.startswith("Kỳ 2021-W38")


# --- templates copy commits --------------------------------------------------------------------------------------


def test_templates_copy_commits_what_it_copied(full_workspace: Workspace) -> None:
    git_init(full_workspace.root)
    result = full_workspace.run("templates", "copy", "tong-hop-tuan")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "đã ghi vào git: chép mẫu về để sửa: tong-hop-tuan\n"
    assert last_message(full_workspace.root) == "chép mẫu về để sửa: tong-hop-tuan"
    assert sorted(last_commit_files(full_workspace.root)) == [
        "templates/_bao-cao.html.j2", "templates/_bao-cao.md.j2", "templates/tong-hop-tuan.docx",
        "templates/tong-hop-tuan.html.j2", "templates/tong-hop-tuan.md.j2"]
    assert git(full_workspace.root, "status", "--porcelain") == ""
    again = full_workspace.run("templates", "copy", "tong-hop-tuan")
    assert again.exit_code == 0 and again.stderr == ""  # nothing copied, nothing committed
    assert last_message(full_workspace.root) == "chép mẫu về để sửa: tong-hop-tuan"


def test_templates_copy_no_commit_only_saves(full_workspace: Workspace) -> None:
    git_init(full_workspace.root)
    head = git(full_workspace.root, "rev-parse", "HEAD")
    result = full_workspace.run("templates", "copy", "bao-cao-ban", "--no-commit")
    assert result.exit_code == 0 and result.stderr == ""
    assert git(full_workspace.root, "rev-parse", "HEAD") == head
    assert (full_workspace.root / "templates" / "bao-cao-ban.md.j2").is_file()


def test_templates_copy_refused_by_a_hook_leaves_nothing(full_workspace: Workspace) -> None:
    git_init(full_workspace.root)
    hook = full_workspace.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'không cho commit' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    result = full_workspace.run("templates", "copy", "tong-hop-tuan")
    assert result.exit_code == 1
    assert "không gian làm việc vẫn như trước khi chạy lệnh" in result.stderr
    assert not (full_workspace.root / "templates").exists() or not any((full_workspace.root / "templates").iterdir())
    assert git(full_workspace.root, "status", "--porcelain") == ""


# --- one rule for the current period ---------------------------------------------------------------------------


# Reports of 2021-W38 (20/9–26/9) are due on Monday 27/9 at 10:00, those of 2021-W39 on Monday 4/10.
MOMENTS = [
    ("2021-09-23T12:00:00+07:00", "2021-W37"),  # Thursday noon: 2021-W37's due time is nearer
    ("2021-09-24T16:00:00+07:00", "2021-W38"),  # Friday: members write the week's report
    ("2021-09-27T09:00:00+07:00", "2021-W38"),  # Monday morning before the deadline
    ("2021-09-27T11:00:00+07:00", "2021-W38"),  # Monday after the deadline: late reports are for the week just due
    ("2021-09-30T12:00:00+07:00", "2021-W38"),  # Thursday noon
    ("2021-09-30T23:00:00+07:00", "2021-W39"),  # Thursday night: the next due time is now the nearer
]


@pytest.mark.parametrize(("moment", "expected"), MOMENTS, ids=[moment for moment, _ in MOMENTS])
def test_status_remind_and_report_new_agree_on_the_current_week(full_workspace: Workspace,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                moment: str, expected: str) -> None:
    monkeypatch.setenv("DVCLI_NOW", moment)
    assert json.loads(full_workspace.run("status", "--format", "json").stdout)["period"] == expected
    assert json.loads(full_workspace.run("remind", "--format", "json").stdout)["period"] == expected
    made = full_workspace.run("report", "new", "hoang-ba-hai", "--nothing-to-report", "--no-commit")
    year, week = expected.split("-W")
    path = f"data/reports/{year}/W{week}/hoang-ba-hai.yaml"
    if made.exit_code == 0:
        assert made.stdout == f"đã lưu báo cáo hoang-ba-hai {expected}: {path}\n"
    else:  # the week already has hoang-ba-hai's report: the message names that week
        assert f"hoang-ba-hai {expected}" in made.stderr
    shown = full_workspace.run("report", "show", "hoang-ba-hai")
    assert shown.exit_code == 0, shown.stderr
    assert f"\nperiod: {expected}\n" in shown.stdout


def test_the_rule_is_the_same_function_for_every_moment_of_a_week() -> None:
    """Over a whole fortnight, minute by minute on the hour: the current week changes exactly twice, mid-week."""
    from dvcli.model import Reporting
    from dvcli.periods import current, due

    regime = Reporting(start=dt.date(2021, 9, 13), indicators=[])  # weeks from Monday, due Monday 10:00
    zone = dt.timezone(dt.timedelta(hours=7))
    start = dt.datetime(2021, 9, 20, tzinfo=zone)
    seen = [current(regime, start + dt.timedelta(hours=h)).label for h in range(14 * 24)]
    changes = [h for h in range(1, len(seen)) if seen[h] != seen[h - 1]]
    assert [seen[0], *(seen[h] for h in changes)] == ["2021-W37", "2021-W38", "2021-W39"]
    for h in changes:
        moment = start + dt.timedelta(hours=h)
        this = current(regime, moment)
        assert abs(due(this, regime) - moment) <= dt.timedelta(days=3, hours=12)


# --- history in the plan's zone ----------------------------------------------------------------------------------


def test_history_shows_times_in_the_plans_zone(full_workspace: Workspace) -> None:
    root = full_workspace.root
    git_init(root)
    path = "data/reports/2021/W38/vy-tu-lieu.yaml"
    full_workspace.write({path: full_workspace.text(path) + "# sửa\n"})
    git(root, "add", path)
    subprocess.run(["git", "commit", "-q", "-m", "sửa báo cáo"], cwd=root, check=True,
                   env={"PATH": "/usr/bin:/bin", "HOME": str(root), "GIT_AUTHOR_DATE": "2021-09-27T01:10:00+00:00",
                        "GIT_COMMITTER_DATE": "2021-09-27T01:10:00+00:00", "GIT_AUTHOR_NAME": "Vy Tư Liệu",
                        "GIT_AUTHOR_EMAIL": "vy@example.vn", "GIT_COMMITTER_NAME": "Vy Tư Liệu",
                        "GIT_COMMITTER_EMAIL": "vy@example.vn"})
    shown = full_workspace.run("history", path, "--limit", "1")
    assert shown.stdout.startswith("2021-09-27 08:10  Vy Tư Liệu  sửa báo cáo  [")
    data = json.loads(full_workspace.run("history", path, "--limit", "1", "--format", "json").stdout)
    assert data["changes"][0]["date"] == "2021-09-27T08:10:00+07:00"
