"""The command line as a whole: help, version, workspace discovery, exit codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from dvcli import __version__
from dvcli.cli.app import app
from foundation_support import Workspace

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _commands() -> Iterator[tuple[list[str], Any]]:
    def walk(node: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        yield path, node
        for name, child in getattr(node, "commands", {}).items():
            yield from walk(child, [*path, name])

    yield from walk(typer.main.get_command(app), [])


COMMANDS = [path for path, _ in _commands()]


def test_the_walk_sees_the_foundation_commands() -> None:
    assert {("check",), ("init",), ("plan", "show"), ("members", "list"), ("members", "show")} <= {
        tuple(path) for path in COMMANDS}


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "dvcli")
def test_every_command_has_vietnamese_help(path: list[str]) -> None:
    node = dict((tuple(p), n) for p, n in _commands())[tuple(path)]
    assert node.help and VIETNAMESE.search(node.help), f"{path}: no Vietnamese help"
    builtin = {"help", "install_completion", "show_completion"}  # Typer's own: translated when the app runs
    for param in node.params:
        if getattr(param, "param_type_name", "") in {"option", "argument"} and param.name not in builtin:
            text = getattr(param, "help", None)
            assert text and VIETNAMESE.search(text), f"{path}: parameter {param.name} has no Vietnamese help"
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Cách dùng: dvcli {' '.join(path)}".rstrip() + " [TUỲ_CHỌN]")
    first_line = node.help.strip().splitlines()[0]
    assert " ".join(first_line.split()) in " ".join(result.stdout.split())
    for english in ("Show this message and exit.", "Install completion", "Show completion", "Usage:", "Options:",
                    "Arguments:", "Commands:", "[OPTIONS]", "COMMAND [ARGS]", "required]", "env var:", "default:"):
        assert english not in result.stdout


def test_help_says_clicks_own_words_in_vietnamese_and_gives_them_back_under_lang_en() -> None:
    vi = invoke("assign", "--help").stdout
    assert vi.startswith("Cách dùng: dvcli assign [TUỲ_CHỌN] {member}\n")
    assert "\nTham số:\n" in vi and "\nTuỳ chọn:\n" in vi
    assert "Nhiệm vụ trong kế hoạch, ví dụ II.2.  [bắt buộc]" in vi
    root = invoke("--help").stdout
    assert root.startswith("Cách dùng: dvcli [TUỲ_CHỌN] LỆNH [THAM_SỐ]...\n") and "\nLệnh:\n" in root
    assert "[biến môi trường: DVCLI_DATA]" in " ".join(root.split())
    assert "Định dạng kết quả.  [mặc định: text]" in invoke("check", "--help").stdout
    en = invoke("--lang", "en", "assign", "--help").stdout
    assert en.startswith("Usage: dvcli assign [OPTIONS] {member}\n")
    assert "\nArguments:\n" in en and "\nOptions:\n" in en and "  [required]" in en
    en_root = invoke("--lang", "en", "--help").stdout
    assert "\nCommands:\n" in en_root and "[env var: DVCLI_DATA]" in " ".join(en_root.split())


def test_root_help_lists_the_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in ("check", "init", "plan", "members"):
        assert re.search(rf"^\s+{name}\b", result.stdout, re.MULTILINE)


def test_no_arguments_shows_help() -> None:
    result = CliRunner().invoke(app, [])
    assert result.exit_code in (0, 2)
    assert "Cách dùng: dvcli [TUỲ_CHỌN] LỆNH [THAM_SỐ]..." in result.stdout + result.stderr


def test_version() -> None:
    result = invoke("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"dvcli {__version__}\n", "")


# --- workspace discovery ---------------------------------------------------------------------


def test_data_option_with_the_root(workspace: Workspace) -> None:
    assert invoke("--data", str(workspace.root), "check").exit_code == 0


def test_data_option_with_the_data_folder(workspace: Workspace) -> None:
    assert invoke("--data", str(workspace.root / "data"), "check").exit_code == 0


def test_environment_variable(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_DATA", str(workspace.root))
    result = invoke("members", "show", "vy-tu-lieu")
    assert (result.exit_code, result.stdout.splitlines()[1]) == (0, "Id: vy-tu-lieu")


def test_data_option_wins_over_the_environment(workspace: Workspace, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_DATA", str(tmp_path / "nowhere"))
    assert invoke("--data", str(workspace.root), "check").exit_code == 0


def test_walk_up_from_a_subfolder(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = workspace.root / "data" / "reports" / "2021"
    deep.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(deep)
    result = invoke("check")
    assert result.exit_code == 0, result.stderr


def test_no_workspace_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"lỗi: không tìm thấy không gian làm việc: không có data/plan.yaml ở {tmp_path.resolve()} hay thư mục cha nào\n"
        "  gợi ý: chuyển vào thư mục của Tổ công tác, dùng --data THƯ_MỤC, hoặc tạo mới bằng: dvcli init THƯ_MỤC\n")


def test_data_option_naming_no_workspace(tmp_path: Path) -> None:
    result = invoke("--data", str(tmp_path), "check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"lỗi: không tìm thấy data/plan.yaml trong {tmp_path.resolve()} (theo --data)\n"
        "  gợi ý: chỉ đến thư mục chứa data/plan.yaml, hoặc tạo mới bằng: dvcli init THƯ_MỤC\n")


def test_environment_naming_no_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_DATA", str(tmp_path))
    result = invoke("check")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"lỗi: không tìm thấy data/plan.yaml trong {tmp_path.resolve()} (theo DVCLI_DATA)\n")


# --- exit codes ------------------------------------------------------------------------------


def _explode(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("hỏng bất ngờ")


def test_unexpected_exception_exits_3_with_a_please_report_message(workspace: Workspace,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from dvcli.services import check as service

    monkeypatch.setattr(service, "run", _explode)
    result = workspace.run("check")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        "lỗi không mong đợi: RuntimeError: hỏng bất ngờ\n"
        "  gợi ý: đây là lỗi của dvcli — vui lòng báo lại kèm lệnh đã chạy và kết quả khi chạy lại với --debug\n")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from dvcli.services import plan as service

    monkeypatch.setattr(service, "show", _explode)
    result = invoke("--debug", "--data", str(workspace.root), "plan", "show")
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert 'raise RuntimeError("hỏng bất ngờ")' in result.stderr
    assert result.stderr.endswith("lỗi không mong đợi: RuntimeError: hỏng bất ngờ\n"
                                  "  gợi ý: đây là lỗi của dvcli — vui lòng báo lại kèm lệnh đã chạy "
                                  "và kết quả khi chạy lại với --debug\n")


def test_ctrl_c_exits_130(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from dvcli.services import members as service

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "rows", interrupted)
    result = workspace.run("members", "list")
    assert (result.exit_code, result.stderr) == (130, "đã dừng theo yêu cầu (Ctrl-C)\n")


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["no-such-command"], ["members", "show"],
                                  ["plan", "show", "--bogus"]])
def test_usage_error_exits_2(workspace: Workspace, args: list[str]) -> None:
    result = workspace.run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    message, hint = result.stderr.splitlines()  # dvcli's own form (tests/test_usage_errors.py has every wording)
    assert message.startswith("lỗi: ") and hint.startswith("  gợi ý: ")
