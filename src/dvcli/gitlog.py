"""The only git caller: commit exactly the files a command wrote, read history, sync.

Uses the ``git`` command itself (no library): the user's own git config, hooks and
credentials apply, and what dvcli does is what the user could do by hand.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .errors import DvcliError
from .i18n import _


def available() -> bool:
    return shutil.which("git") is not None


def run(root: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``git args`` in ``root``; raise ``DvcliError`` with git's own words on failure."""
    import os

    environment = {**os.environ, "LC_ALL": "C", **(env or {})}
    process = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=environment, check=False)
    if check and process.returncode != 0:
        raise DvcliError(_("lệnh git {a} thất bại: {e}").format(a=args[0], e=process.stderr.strip()),
                         _("xem trạng thái kho bằng: git status"))
    return process


def is_repository(root: Path) -> bool:
    if not available():
        return False
    process = run(root, "rev-parse", "--is-inside-work-tree", check=False)
    return process.returncode == 0 and process.stdout.strip() == "true"


def init_repository(root: Path, paths: Sequence[str], message: str) -> bool:
    """``git init`` a new workspace and commit ``paths``; False when git is unavailable."""
    if not available():
        return False
    if not is_repository(root):
        run(root, "init", "-q")
    commit(root, paths, message)
    return True


def commit(root: Path, paths: Sequence[str], message: str) -> bool:
    """Commit exactly ``paths`` (relative to ``root``), leaving any other change alone.

    ``git commit --only`` takes the named paths from the work tree whatever else is staged, so
    a secretary's unrelated staged or unstaged edits stay exactly as they were. Returns False
    outside a repository (dvcli works without git) or when nothing changed.
    """
    if not paths or not is_repository(root):
        return False
    run(root, "add", "--", *paths)
    if not run(root, "diff", "--cached", "--quiet", "--", *paths, check=False).returncode:
        return False
    identity = _fallback_identity(root)
    run(root, *identity, "commit", "-q", "--only", "-m", message, "--", *paths)
    return True


def _fallback_identity(root: Path) -> list[str]:
    """A committer identity when the user has none configured, so a first commit never fails."""
    if run(root, "config", "user.email", check=False).returncode == 0:
        return []
    return ["-c", "user.name=dvcli", "-c", "user.email=dvcli@localhost"]
