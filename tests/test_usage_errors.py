"""Click's usage errors in the user's language (``cli/usage.py``): every message, exit code 2.

Each case is the whole stderr, as a user typing the command would see it, in Vietnamese and, for
a few, under ``--lang en``; stdout stays empty.
"""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from dvcli.cli.app import app
from dvcli.cli.usage import describe
from foundation_support import Workspace


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), prog_name="dvcli", catch_exceptions=False)


CASES = [
    (["assign", "vy-tu-lieu"], "lỗi: thiếu tuỳ chọn --task\n  gợi ý: xem cách dùng: dvcli assign -h\n"),
    (["members", "show"], "lỗi: thiếu tham số member\n  gợi ý: xem cách dùng: dvcli members show -h\n"),
    (["members", "list", "--bogus"], "lỗi: không có tuỳ chọn --bogus\n  gợi ý: xem cách dùng: dvcli members list -h\n"),
    (["status", "--formt", "json"],
     "lỗi: không có tuỳ chọn --formt\n  gợi ý: ý bạn là --format? Hoặc xem cách dùng: dvcli status -h\n"),
    (["status", "--format", "xml"],
     "lỗi: giá trị không hợp lệ cho --format: \"xml\" không phải một trong: table, json\n"
     "  gợi ý: xem cách dùng: dvcli status -h\n"),
    (["consolidate", "--number", "ba"],
     "lỗi: giá trị không hợp lệ cho --number: \"ba\" không phải số nguyên\n"
     "  gợi ý: xem cách dùng: dvcli consolidate -h\n"),
    (["status", "thua", "nua"], "lỗi: thừa tham số: thua nua\n  gợi ý: xem cách dùng: dvcli status -h\n"),
    (["statu"], "lỗi: không có lệnh \"statu\"\n  gợi ý: ý bạn là dvcli status? Hoặc xem cách dùng: dvcli -h\n"),
    (["khong-co"], "lỗi: không có lệnh \"khong-co\"\n  gợi ý: xem các lệnh: dvcli -h\n"),
    (["--data", "."], "lỗi: thiếu lệnh\n  gợi ý: xem các lệnh: dvcli -h\n"),
    (["assign", "vy-tu-lieu", "--task"], "lỗi: tuỳ chọn --task cần một giá trị\n  gợi ý: xem cách dùng: dvcli assign -h\n"),
    (["report", "show", "vy-tu-lieu", "--week"],
     "lỗi: tuỳ chọn --week cần một giá trị\n  gợi ý: xem cách dùng: dvcli report show -h\n"),
]


@pytest.mark.parametrize(("args", "said"), CASES, ids=[" ".join(args) for args, _said in CASES])
def test_a_usage_error_is_said_in_vietnamese(args: list[str], said: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


@pytest.mark.parametrize(("args", "said"), [
    (["assign", "vy-tu-lieu"], "error: missing option --task\n  hint: see how to use it: dvcli assign -h\n"),
    (["status", "--format", "xml"],
     "error: invalid value for --format: \"xml\" is not one of: table, json\n  hint: see how to use it: dvcli status -h\n"),
    (["statu"], "error: no such command \"statu\"\n  hint: did you mean dvcli status? Or see how to use it: dvcli -h\n"),
])
def test_and_in_english_under_lang_en(args: list[str], said: str) -> None:
    result = run("--lang", "en", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_a_group_run_bare_still_shows_its_help() -> None:
    result = run("members")  # as Click shows it: on stderr, exit code 2
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Cách dùng: dvcli members [TUỲ_CHỌN] LỆNH [THAM_SỐ]...\n")
    assert "  list    Liệt kê thành viên" in result.stderr


def test_a_prompt_ended_by_ctrl_d_says_cancelled(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from dvcli.services import members as service

    def abort(*_args: Any, **_kwargs: Any) -> Any:
        raise typer.Abort

    monkeypatch.setattr(service, "rows", abort)
    result = workspace.run("members", "list")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "đã huỷ\n")


def test_a_value_sentence_no_pattern_knows_is_kept_as_click_wrote_it() -> None:
    from typer._click import exceptions as click_errors

    error = click_errors.BadParameter("'x' is not a valid path.", param=None)
    assert describe(error, None, [])[0] == "giá trị không hợp lệ cho : 'x' is not a valid path."
    other = click_errors.UsageError("Something new.")
    assert describe(other, typer.main.get_command(app), ["members"]) == (
        "Something new.", "xem cách dùng: dvcli members -h")


def test_the_other_value_sentences_click_writes() -> None:
    from typer._click import exceptions as click_errors

    assert describe(click_errors.BadParameter("'1,5' is not a valid float."), None, [])[0] == (
        "giá trị không hợp lệ cho : \"1,5\" không phải số")
    assert describe(click_errors.BadParameter("'co' is not a valid boolean. Recognized values: 1, 0"), None, [])[0] == (
        "giá trị không hợp lệ cho : \"co\" không hợp lệ")
    assert describe(click_errors.BadOptionUsage("--to", "Option '--to' requires 2 arguments."), None, [])[0] == (
        "tuỳ chọn --to cần 2 giá trị")
    assert describe(click_errors.BadOptionUsage("--force", "Option '--force' does not take a value."), None, [])[0] == (
        "tuỳ chọn --force không nhận giá trị")
    assert describe(click_errors.MissingParameter(), None, [])[0] == "thiếu tham số"
