"""The shipped ``.pre-commit-hooks.yaml`` run through the real pre-commit framework.

A temporary repository (the working group's data) lists this repository, at its current commit,
as a hook source; pre-commit clones it, installs dvcli into its own environment and runs
``dvcli check`` on commits that touch ``data/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import DATA, REPO, git, identify

# The reliability suite is long (real processes, kills, clones): CI runs it, the README command does not.
pytestmark = pytest.mark.slow

HOOK_LINE = "dvcli check"


@pytest.fixture(scope="module")
def group_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if not (REPO / ".git").exists():
        pytest.skip("needs this repository as a git checkout (the hook source)")
    base = tmp_path_factory.mktemp("pre-commit")
    root = base / "to-cong-tac"
    shutil.copytree(DATA, root / "data")
    git(base, "init", "--quiet", "--initial-branch=main", str(root))
    identify(root, "thu-ky")
    rev = git(REPO, "rev-parse", "HEAD").stdout.strip()
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: dvcli-check\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("DVCLI_DATA", None)
    install = pre_commit(root, env, "install")
    assert install.returncode == 0, install.stdout + install.stderr
    return root, env


def pre_commit(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def commit(root: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    git(root, "add", "-A")
    return subprocess.run(["git", "commit", "-m", message], cwd=root, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def status_of(output: str) -> str:
    """pre-commit's verdict on our hook's line: ``dvcli check....Passed`` → ``Passed``."""
    line = next(line for line in output.splitlines() if line.startswith(HOOK_LINE))
    return re.split(r"[.)]", line)[-1]


def test_hook_passes_good_data_and_blocks_a_broken_file(group_repo: tuple[Path, dict[str, str]]) -> None:
    root, env = group_repo
    good = commit(root, env, "dữ liệu ban đầu")
    assert good.returncode == 0, good.stdout + good.stderr
    assert status_of(good.stdout + good.stderr) == "Passed"

    members = root / "data" / "members.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace("    name: Vy Tư Liệu\n", "\tname: Vy Tư Liệu\n"),
                       encoding="utf-8")
    head = git(root, "rev-parse", "HEAD").stdout
    bad = commit(root, env, "sửa hỏng")
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0
    assert status_of(output) == "Failed"
    assert "data/members.yaml:52: dòng thụt lề bằng ký tự tab" in output
    assert git(root, "rev-parse", "HEAD").stdout == head  # the broken commit did not happen

    # a commit outside data/ does not run the hook at all
    git(root, "checkout", "--quiet", "HEAD", "--", "data/members.yaml")
    (root / "README.md").write_text("Tổ công tác\n", encoding="utf-8")
    other = commit(root, env, "README")
    assert other.returncode == 0, other.stdout + other.stderr
    assert status_of(other.stdout + other.stderr) == "Skipped"
