"""Helpers for the assignment/report/status/history tests: git repositories and a scripted editor."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from foundation_support import Workspace

EDITOR_SCRIPT = '''
import json, os, sys
from pathlib import Path
state = Path(os.environ["EDITOR_STATE"])
steps = json.loads(state.read_text(encoding="utf-8"))
step = steps.pop(0)
state.write_text(json.dumps(steps), encoding="utf-8")
path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
if step == "empty":
    text = ""
elif step == "fail":
    sys.exit(3)
else:
    for old, new in step:
        assert old in text, old
        text = text.replace(old, new, 1)
path.write_text(text, encoding="utf-8")
'''

Step = Sequence[tuple[str, str]] | str


def scripted_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: Sequence[Step]) -> Path:
    """Make $EDITOR a script that applies ``steps`` one per call; returns the state file (left steps)."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    state = tmp_path / "editor-state.json"
    state.write_text(json.dumps([step if isinstance(step, str) else [list(pair) for pair in step]
                                 for step in steps]), encoding="utf-8")
    monkeypatch.setenv("EDITOR_STATE", str(state))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setattr("dvcli.cli.report.interactive", lambda: True)
    return state


def run_input(ws: Workspace, text: str, *args: str) -> Result:
    """``dvcli --data ROOT ARGS`` with ``text`` on stdin (answers to questions)."""
    from dvcli.cli.app import app

    return CliRunner().invoke(app, ["--data", str(ws.root), *args], input=text, catch_exceptions=False)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def git_init(root: Path) -> None:
    """A repository holding the workspace, with the machine state ignored as ``dvcli init`` does."""
    (root / ".gitignore").write_text(".dvcli/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "config", "user.name", "Trần Vương Việt")
    git(root, "config", "user.email", "tran.vuong.viet@example.vn")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "khởi tạo")


def last_commit_files(root: Path) -> list[str]:
    return git(root, "show", "--name-only", "--format=", "HEAD").split()


def last_message(root: Path) -> str:
    return git(root, "log", "-1", "--format=%s").strip()
