"""Helpers shared by the consolidate tests: the fixed fixture workspace, optionally under git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "consolidate"
GOLDEN = Path(__file__).resolve().parent / "golden" / "consolidate"


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root

    def run(self, *args: str) -> Result:
        from dvcli.cli.app import app

        return CliRunner().invoke(app, ["--data", str(self.root), *args], catch_exceptions=False)


def make(tmp_path: Path, git: bool = False) -> Workspace:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURE / "data", root / "data")
    if git:
        env_args = ["-c", "user.name=Thư ký", "-c", "user.email=thu-ky@example.vn"]
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        subprocess.run(["git", "add", "data"], cwd=root, check=True)
        subprocess.run(["git", *env_args, "commit", "-q", "-m", "dữ liệu"], cwd=root, check=True)
    return Workspace(root)


def git(root: Path, *args: str) -> str:
    env_args = ["-c", "user.name=Thư ký", "-c", "user.email=thu-ky@example.vn"]
    return subprocess.run(["git", *env_args, *args], cwd=root, check=True, capture_output=True, text=True).stdout
