"""The ``dvcli`` console script (``dvcli.cli.entry:main``): a bare ``--version`` before typer (issue 6).

The answer must be byte-identical to the Typer app's own ``--version`` option, and every other
command line must reach the Typer app unchanged.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dvcli import __version__
from dvcli.cli.app import app

REPO = Path(__file__).resolve().parent.parent

# Runs the entry point in-process and reports, on stderr, which of the watched modules it imported.
PROBE = """
import sys
sys.argv = ["dvcli", *sys.argv[1:]]
from dvcli.cli.entry import main
try:
    main()
finally:
    loaded = sorted(name for name in ("typer", "click", "yaml", "dvcli.cli.app") if name in sys.modules)
    sys.__stderr__.write("LOADED=" + ",".join(loaded) + "\\n")
"""


def run_entry(*args: str, module: str = "dvcli.cli.entry") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DVCLI_")} | {"COLUMNS": "100"}
    probe = PROBE.replace("dvcli.cli.entry", module)
    return subprocess.run([sys.executable, "-c", probe, *args], cwd=REPO, env=env, capture_output=True, text=True,
                          check=False)


def loaded(done: subprocess.CompletedProcess[str]) -> str:
    return next(line for line in done.stderr.splitlines() if line.startswith("LOADED=")).removeprefix("LOADED=")


def test_the_console_script_is_the_entry_module() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"dvcli": "dvcli.cli.entry:main"}


def test_version_is_answered_without_typer_and_matches_the_option() -> None:
    done = run_entry("--version")
    assert (done.returncode, done.stdout) == (0, f"dvcli {__version__}\n")
    assert loaded(done) == ""
    option = CliRunner().invoke(app, ["--version"])
    assert (option.exit_code, option.stdout) == (0, done.stdout)


def test_other_command_lines_reach_the_typer_app() -> None:
    done = run_entry("--version", "--help")  # not a bare --version: the app answers (its eager option)
    assert (done.returncode, done.stdout) == (0, f"dvcli {__version__}\n")
    assert "typer" in loaded(done).split(",")
    helped = run_entry("--help")
    assert helped.returncode == 0
    assert helped.stdout == run_entry("--help", module="dvcli.cli.app").stdout
    assert helped.stdout.startswith("Cách dùng: dvcli [TUỲ_CHỌN] LỆNH [THAM_SỐ]...\n")


def test_python_dash_m_uses_the_entry() -> None:
    done = subprocess.run([sys.executable, "-m", "dvcli", "--version"], cwd=REPO, capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"dvcli {__version__}\n", "")


# --- ending without the interpreter's teardown (rawio.keep_until_exit) ---------------------------


def test_a_consolidation_ends_without_teardown_and_prints_everything(tmp_path: Path) -> None:
    from consolidate_support import make

    ws = make(tmp_path)
    args = ("--data", str(ws.root), "consolidate", "--week", "2021-W38", "--date", "2021-09-28")
    done = run_entry(*args)
    assert done.returncode == 0
    assert "LOADED=" not in done.stderr  # the probe's ``finally`` never ran: os._exit ended the process
    in_process = CliRunner().invoke(app, list(args))
    assert (done.stdout, done.stderr) == (in_process.stdout, "")
    (ws.root / "data/reports/2021/W38/vy-tu-lieu.yaml").write_text("member: [\n", encoding="utf-8")
    broken = run_entry(*args)  # nothing kept before the error: the usual exit, with its code
    assert broken.returncode == 1
    assert "data/reports/2021/W38/vy-tu-lieu.yaml:" in broken.stderr and "LOADED=" in broken.stderr


@pytest.mark.parametrize(("code", "status", "said"), [(None, 0, ""), (0, 0, ""), (3, 3, ""), ("hỏng", 1, "hỏng\n")])
def test_exit_now_exits_as_system_exit_would(code: object, status: int, said: str, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from dvcli.cli import entry

    ended: list[int] = []

    def fake_exit(value: int) -> None:
        ended.append(value)

    monkeypatch.setattr(os, "_exit", fake_exit)
    print("đã in", end="")  # still buffered: exit_now must flush it
    entry.exit_now(code)
    assert ended == [status]
    assert capsys.readouterr() == ("đã in", said)


def test_nothing_is_kept_in_a_process_that_goes_on() -> None:
    from dvcli import rawio

    rawio.keep_until_exit(object())  # no exit_after_command() here: freeing as usual is not wasted
    assert not rawio.anything_kept()
