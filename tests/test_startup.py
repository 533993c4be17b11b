"""Start-up stays light: the fast commands never import the heavy libraries (issue 6).

Run in a subprocess, as a user would, and read ``sys.modules`` at exit. No timing here — the
benchmarks in bench/ measure time; this test keeps the imports that cost the time out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("rich", "jinja2", "docx", "docxtpl", "pydantic", "pydantic_core", "annotated_types")

# Runs the CLI in-process, then prints which heavy modules ended up imported.
PROBE = """
import atexit, json, sys
watched = set(sys.argv[1].split(","))
def report():
    heavy = sorted({name.split(".")[0] for name in sys.modules} & watched)
    sys.__stderr__.write("HEAVY=" + json.dumps(heavy) + "\\n")
atexit.register(report)
sys.argv = ["dvcli", *sys.argv[2:]]
from dvcli.cli.entry import main
main()
"""


def heavy_imports(*args: str, cwd: Path) -> list[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DVCLI_")}
    done = subprocess.run([sys.executable, "-c", PROBE, ",".join(HEAVY), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)
    line = next((line for line in done.stderr.splitlines() if line.startswith("HEAVY=")), None)
    assert line is not None, done.stderr
    result: list[str] = json.loads(line.removeprefix("HEAVY="))
    return result


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def test_version_imports_nothing_heavy(workspace: Path) -> None:
    assert heavy_imports("--version", cwd=workspace) == []


def test_help_imports_nothing_heavy(workspace: Path) -> None:
    assert heavy_imports("--help", cwd=workspace) == []


def test_status_on_a_warm_cache_imports_nothing_heavy(workspace: Path) -> None:
    heavy_imports("status", "--week", "2021-W38", cwd=workspace)  # fills the cache (may parse: pydantic)
    assert (workspace / ".dvcli" / "cache").is_dir()
    assert heavy_imports("status", "--week", "2021-W38", cwd=workspace) == []


def test_a_cold_status_does_validate_with_pydantic(workspace: Path) -> None:
    """The probe can see pydantic at all: a cold cache must parse, hence validate."""
    assert "pydantic" in heavy_imports("status", "--week", "2021-W38", cwd=workspace)
