"""Vietnamese by default, English with --lang en or DVCLI_LANG=en — messages, hints and help."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from dvcli.cli.app import app
from dvcli.cli.language import requested_language

from .conftest import REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", REPO / "scripts" / "update_translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalog_files() -> dict[Path, bytes]:
    files: dict[Path, bytes] = _script().expected_files()
    return files


def test_catalog_files_are_current(catalog_files: dict[Path, bytes]) -> None:
    """The committed .pot/.po/.mo equal a fresh extraction and compilation."""
    stale = [str(path.relative_to(REPO)) for path, content in catalog_files.items()
             if not path.is_file() or path.read_bytes() != content]
    assert not stale, "run: python scripts/update_translations.py"


def test_every_message_has_an_english_translation_with_the_same_placeholders(
        catalog_files: dict[Path, bytes]) -> None:
    script = _script()
    catalog = read_po(io.BytesIO(catalog_files[script.po_path("en")]))
    assert len(catalog) > 300
    assert script.untranslated(catalog) == []
    assert script.mismatched(catalog) == []


def test_placeholder_comparison_catches_a_mismatch() -> None:
    script = _script()
    assert script.placeholders("có {n} lỗi ở {p:>4}") == {"n:", "p:>4"}
    assert script.placeholders("{n} problems") != script.placeholders("có {n} lỗi ở {p}")


def test_broken_file_in_english(eco_ws: Path, runner: CliRunner) -> None:
    members = eco_ws / "data" / "members.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace("    role: to-truong", "    role: chu-tich", 1),
                       encoding="utf-8")
    vietnamese = runner.invoke(app, ["check"])
    assert 'members[0].role: "chu-tich" không phải giá trị được phép' in vietnamese.stderr
    assert "gợi ý: chọn một trong: 'to-truong', 'thanh-vien' hoặc 'thu-ky'" in vietnamese.stderr
    english = runner.invoke(app, ["check"], env={"DVCLI_LANG": "en"})
    assert english.exit_code == 1
    assert english.stderr == (
        'data/members.yaml:55: members[0].role: "chu-tich" is not an allowed value\n'
        "  gợi ý: choose one of: 'to-truong', 'thanh-vien' hoặc 'thu-ky'\n"
        .replace("gợi ý", "hint").replace(" hoặc ", " or "))
    assert english.stdout == "1 problem.\n"


def test_lang_option_switches_messages(eco_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--lang", "en", "check"])
    assert result.stdout == "Data is valid: 11 members, 6 tasks, 13 assignments, 29 reports.\n"
    result = runner.invoke(app, ["--lang=vi", "check"])
    assert result.stdout == "Dữ liệu hợp lệ: 11 thành viên, 6 nhiệm vụ, 13 phân công, 29 báo cáo.\n"


def test_help_is_english_with_lang_en(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--lang", "en", "members", "list", "--help"])
    assert result.exit_code == 0
    assert "List the members in the order of the roster attached to the plan." in result.stdout
    assert "Example: dvcli members list --format csv" in result.stdout
    assert "table, json or csv." in result.stdout
    assert "Show this help and exit." in result.stdout


def test_help_is_vietnamese_by_default_even_after_english(runner: CliRunner) -> None:
    runner.invoke(app, ["--lang", "en", "--help"])
    os.environ.pop("DVCLI_LANG", None)
    result = runner.invoke(app, ["members", "list", "--help"])
    assert "Liệt kê thành viên theo thứ tự trong danh sách kèm kế hoạch." in result.stdout
    assert "In hướng dẫn này rồi thoát." in result.stdout


def test_root_help_lists_commands_in_english(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env={"DVCLI_LANG": "en"})
    assert "Check every data file and every cross-reference; list all" in result.stdout
    assert "Language: vi (default) or en." in result.stdout


def test_help_english_in_a_fresh_process_importing_under_english() -> None:
    """Modules imported with DVCLI_LANG=en, then --lang vi: help maps back to Vietnamese."""
    import subprocess

    env = {**os.environ, "DVCLI_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv=['dvcli','--lang','vi','check','--help'];"
                               "from dvcli.cli.app import main; main()"],
        capture_output=True, text=True, env=env, check=False)
    assert "Kiểm tra mọi tệp dữ liệu và mọi tham chiếu chéo" in result.stdout, result.stderr


@pytest.mark.parametrize(("args", "lang"), [
    (["--lang", "en", "check"], "en"),
    (["--lang=en"], "en"),
    (["check"], None),
    (["--", "--lang", "en"], None),
    (["--lang"], None),
])
def test_requested_language(args: list[str], lang: str | None) -> None:
    assert requested_language(args) == lang
