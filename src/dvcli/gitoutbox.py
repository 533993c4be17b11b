"""The git side of unit reports: a unit's outbox ref, and a centre fetching it into refs of its own.

A unit publishes each package it exports as a file ``<year>/<folder>.zip`` in the tree of one ref,
``refs/dvcli/outbox``, a history of its own that shares nothing with the workspace's branches (no
member report, no roster is ever in it). The unit pushes that ref to its repository on the
organisation's git host (``git push origin refs/dvcli/outbox``). The centre fetches exactly that
ref, and nothing else, into ``refs/dvcli/units/<unit>/outbox`` — never a branch, never a tag,
never ``FETCH_HEAD`` merged — and reads the packages from there.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from . import gitremote
from .errors import DvcliError
from .gitrepo import rev, run
from .i18n import _

OUTBOX = "refs/dvcli/outbox"


def unit_ref(unit: str) -> str:
    return f"refs/dvcli/units/{unit}/outbox"


def _git_bytes(root: Path, args: list[str], data: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
    process = subprocess.run(["git", *args], cwd=root, input=data, capture_output=True, check=False,
                             env={**os.environ, "LC_ALL": "C", **(env or {})})
    if process.returncode != 0:
        raise DvcliError(_("lệnh git {a} thất bại: {e}").format(a=args[0], e=process.stderr.decode(errors="replace").strip()),
                         _("xem trạng thái kho bằng: git status"))
    return process.stdout


def publish(root: Path, path: str, data: bytes, message: str) -> bool:
    """Put ``data`` at ``path`` in the outbox's tree (one commit); False when it is already there, unchanged."""
    old = rev(root, OUTBOX)
    blob = _git_bytes(root, ["hash-object", "-w", "--stdin"], data).decode().strip()
    if old is not None:
        there = run(root, "rev-parse", "--verify", "--quiet", f"{old}:{path}", check=False).stdout.strip()
        if there == blob:
            return False
    with tempfile.TemporaryDirectory() as folder:
        env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
        if old is not None:
            _git_bytes(root, ["read-tree", old], env=env)
        _git_bytes(root, ["update-index", "--add", "--cacheinfo", f"100644,{blob},{path}"], env=env)
        tree = _git_bytes(root, ["write-tree"], env=env).decode().strip()
    parents = ["-p", old] if old else []
    commit = _git_bytes(root, ["commit-tree", tree, *parents, "-m", message]).decode().strip()
    run(root, "update-ref", OUTBOX, commit, *([old] if old else []))
    return True


def fetch_outbox(root: Path, url: str, unit: str, limits: gitremote.Limits) -> bool:
    """Fetch the unit's outbox (only that ref) into ``unit_ref(unit)``; False when the unit has none yet."""
    process = gitremote.run(root, url, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-recurse-submodules",
                            url, f"+{OUTBOX}:{unit_ref(unit)}", limits=limits)
    if process.returncode != 0:
        if "couldn't find remote ref" in process.stderr:
            return False
        raise gitremote.failure(process.stderr, limits)
    return True


def packages_at(root: Path, ref: str) -> list[tuple[str, bytes]]:
    """Every ``*.zip`` in ``ref``'s tree with its bytes, sorted by path (none when the ref is missing)."""
    if rev(root, ref) is None:
        return []
    listing = _git_bytes(root, ["ls-tree", "-r", "-z", "--full-tree", ref]).split(b"\0")
    found = []
    for line in listing:
        if not line:
            continue
        meta, _tab, name = line.partition(b"\t")
        mode, kind, obj = meta.decode().split()
        path = name.decode("utf-8", errors="replace")
        if kind == "blob" and mode in ("100644", "100755") and path.endswith(".zip"):
            found.append((path, obj))
    return [(path, _git_bytes(root, ["cat-file", "blob", obj])) for path, obj in sorted(found)]
