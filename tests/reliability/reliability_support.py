"""Helpers of the reliability suite: real git repositories and real dvcli processes.

Every test here uses the ``git`` program and, where processes matter, runs dvcli as a separate
process (``python -m dvcli``) — what a member's machine does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"

# Filled in by the tests; printed once at the end of the session.
COUNTS: Counter[str] = Counter()


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    process = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    if check and process.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed in {cwd}:\n{process.stdout}\n{process.stderr}")
    return process


def dvcli_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DVCLI_")}
    env.update({"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "GIT_TERMINAL_PROMPT": "0", **extra})
    return env


def dvcli(cwd: Path, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """Run dvcli as its own process, as a user would, in ``cwd``."""
    return subprocess.run([sys.executable, "-m", "dvcli", *args], cwd=cwd, capture_output=True, text=True,
                          env=dvcli_env(**env), timeout=timeout, check=False)


def identify(clone: Path, name: str) -> None:
    git(clone, "config", "user.name", name)
    git(clone, "config", "user.email", f"{name}@example.org")


def seeded_workspace(root: Path) -> Path:
    """A git repository at ``root`` holding a copy of the example data, committed by the secretary."""
    shutil.copytree(DATA, root / "data")
    (root / ".gitignore").write_text(".dvcli/\n", encoding="utf-8")
    git(root, "init", "--quiet", "--initial-branch=main")
    identify(root, "thu-ky")
    git(root, "add", "data", ".gitignore")
    git(root, "commit", "--quiet", "-m", "seed")
    return root


def workspace_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` except git's and dvcli's machine state."""
    digests: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith((".git/", ".dvcli/")) or not path.is_file():
            continue
        digests[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


class Shared:
    """A bare 'shared' repository seeded with this repository's data/, and clones of it."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.bare = base / "shared.git"
        git(base, "init", "--quiet", "--bare", "--initial-branch=main", str(self.bare))
        seed = base / "seed"
        git(base, "clone", "--quiet", str(self.bare), str(seed))
        identify(seed, "seed")
        shutil.copytree(DATA, seed / "data", ignore=shutil.ignore_patterns(".*"))
        (seed / ".gitignore").write_text(".dvcli/\n", encoding="utf-8")
        git(seed, "add", "data", ".gitignore")
        git(seed, "commit", "--quiet", "-m", "seed")
        git(seed, "push", "--quiet", "-u", "origin", "main")
        shutil.rmtree(seed)

    def clone(self, name: str) -> Path:
        path = self.base / name
        git(self.base, "clone", "--quiet", str(self.bare), str(path))
        identify(path, name)
        return path

    def files(self, ref: str = "main") -> list[str]:
        return git(self.bare, "ls-tree", "-r", "--name-only", ref).stdout.split()

    def fsck(self) -> str:
        process = git(self.bare, "fsck", "--full", "--strict", check=False)
        assert process.returncode == 0, process.stderr
        return process.stderr




def member_ids() -> list[str]:
    """The 11 members of the seed roster, in roster order."""
    from dvcli.store import Store
    from dvcli.workspace import Workspace

    return [member.id for member in Store(Workspace(REPO), use_cache=False).roster().members]


def report_text(member: str, week: str = "2021-W40", note: str = "") -> str:
    """A valid weekly report of ``member``, as dvcli writes it."""
    from dvcli import yamlio

    return yamlio.dumps({
        "member": member,
        "submitted": "2021-10-04 09:30",
        "period": week,
        "situation": {"overview": f"Tình hình nhân dân trên địa bàn ổn định. {note}".strip(),
                      "thoughts": "Nhân dân mong sớm được tiêm vắc-xin."},
        "indicators": {},
    })


def report_path(member: str, week: str = "2021-W40") -> str:
    year, number = week.split("-W")
    return f"data/reports/{year}/W{number}/{member}.yaml"


def record_report(clone: Path, member: str, week: str = "2021-W40") -> subprocess.CompletedProcess[str]:
    """Record ``member``'s report in ``clone`` as a member does: ``dvcli report new --from-file``."""
    source = clone.parent / f"{clone.name}-{member}-{week}.yaml"
    source.write_text(report_text(member, week), encoding="utf-8")
    return dvcli(clone, "report", "new", member, "--week", week, "--from-file", str(source))
