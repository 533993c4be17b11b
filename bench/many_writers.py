"""Many writers at once: N clones run ``dvcli sync`` at the same instant over git's smart HTTP.

    python bench/many_writers.py [--sizes 11,50,200] [--src DIR] [--limit SECONDS]

A shared bare repository seeded with the example data is served by ``git http-backend``
behind basic auth on 127.0.0.1 (``tests/reliability/git_http.py``); each of N clones commits
one report of its own, then all N ``python -m dvcli sync --format json`` processes are started
before any is waited for. Reported per size: how many reports are on ``main`` when the storm
is over (``landed``), how many are waiting in the shared repository's inbox
(``refs/dvcli/inbox/*``, when the code under test has one), how many are on ``main`` after one
more ``dvcli sync`` by the secretary, the pushes each clone made (``attempts``: total, max),
how many syncs failed, and the wall time of the storm. Then ``git fsck --strict`` and whether
the history of ``main`` is linear.

``--src`` runs another checkout's code (``DIR/src`` first on ``PYTHONPATH``): the before/after
of a change on the same machine in the same hour. ``--limit`` bounds each storm (processes
still running are killed and counted as failed) — it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

import git_http  # noqa: E402 - the test suite's server, shared with the benchmark

PASSWORD = "mat-khau"
WEEK_DIR = "data/reports/2021/W40"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          check=True).stdout


def seed(base: Path) -> Path:
    bare = base / "shared.git"
    git(base, "init", "--quiet", "--bare", "--initial-branch=main", str(bare))
    work = base / "seed"
    git(base, "clone", "--quiet", str(bare), str(work))
    shutil.copytree(ROOT / "data", work / "data", ignore=shutil.ignore_patterns(".*"))
    (work / ".gitignore").write_text(".dvcli/\n", encoding="utf-8")
    git(work, "add", "data", ".gitignore")
    git(work, "-c", "user.name=thu-ky", "-c", "user.email=thu-ky@example.org", "commit", "--quiet", "-m", "seed")
    git(work, "push", "--quiet", "-u", "origin", "main")
    return work


def clone(base: Path, bare: Path, url: str, name: str) -> Path:
    path = base / name
    git(base, "clone", "--quiet", str(bare), str(path))  # local clone: fast; then talk HTTP
    git(path, "remote", "set-url", "origin", url)
    git(path, "config", "user.name", name)
    git(path, "config", "user.email", f"{name}@example.org")
    report = path / WEEK_DIR / f"{name}.yaml"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(f"member: {name}\nperiod: 2021-W40\n", encoding="utf-8")
    git(path, "add", str(report.relative_to(path)))
    git(path, "commit", "--quiet", "-m", f"{name}: báo cáo tuần 2021-W40")
    return path


def env_for(src: Path | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DVCLI_")}
    env.update({"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "GIT_TERMINAL_PROMPT": "0"})
    if src is not None:
        env["PYTHONPATH"] = str(src / "src")
    return env


def storm(size: int, src: Path | None, limit: float) -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix=f"dvcli-writers-{size}-"))
    try:
        seed(base)
        bare = base / "shared.git"
        users = {f"w{index:03d}": PASSWORD for index in range(size)} | {"thu-ky": PASSWORD}
        with git_http.serve(base, users) as server:
            clones = [clone(base, bare, server.url("shared.git", name), name) for name in sorted(users)
                      if name != "thu-ky"]
            env = env_for(src)
            started = time.monotonic()
            processes = [subprocess.Popen([sys.executable, "-m", "dvcli", "sync", "--format", "json",
                                           "--timeout", str(int(limit))], cwd=path,
                                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                         for path in clones]
            outcomes = []
            for process in processes:
                remaining = max(0.1, limit - (time.monotonic() - started))
                try:
                    stdout, stderr = process.communicate(timeout=remaining)
                except subprocess.TimeoutExpired:
                    process.kill()
                    stdout, stderr = process.communicate()
                outcomes.append((process.returncode, stdout, stderr))
            wall = time.monotonic() - started
            landed = _reports(bare, "main", size)
            inbox = len(git(bare, "for-each-ref", "refs/dvcli/inbox/").splitlines())
            secretary = clone(base, bare, server.url("shared.git", "thu-ky"), "thu-ky")
            git(secretary, "reset", "--quiet", "--hard", "HEAD~1")  # the secretary has nothing of its own
            final = subprocess.run([sys.executable, "-m", "dvcli", "sync", "--format", "json"], cwd=secretary,
                                   env=env, capture_output=True, text=True, check=False, timeout=limit)
            after = _reports(bare, "main", size)
        attempts = [_attempts(code, out, err) for code, out, err in outcomes]
        failed = [err.strip().splitlines()[0] if err.strip() else f"exit {code}"
                  for code, _out, err in outcomes if code != 0]
        fsck = subprocess.run(["git", "fsck", "--strict", "--no-progress"], cwd=bare, capture_output=True,
                              text=True, check=False)
        merges = git(bare, "rev-list", "--merges", "--count", "main").strip()
        return {"size": size, "landed": landed, "inbox": inbox, "after_secretary": after,
                "secretary_ok": final.returncode == 0, "attempts": sum(attempts), "max_attempts": max(attempts),
                "failed": len(failed), "first_failure": failed[0] if failed else "", "wall": wall,
                "fsck": fsck.returncode == 0, "linear": merges == "0"}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _attempts(code: int, stdout: str, stderr: str) -> int:
    """Pushes one sync made: its JSON on success, the count its give-up message names otherwise."""
    if code == 0 and stdout.strip().startswith("{"):
        return int(json.loads(stdout).get("attempts", 1))
    tried = re.search(r"đã thử gửi (\d+) lần", stderr)
    return int(tried[1]) if tried else 0


def _reports(bare: Path, ref: str, size: int) -> int:
    names = git(bare, "ls-tree", "--name-only", f"{ref}:{WEEK_DIR}").split() if size else []
    return sum(1 for name in names if name.startswith("w"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11,50,200")
    parser.add_argument("--src", type=Path, help="a checkout whose src/ to run instead of this one")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds one storm may take")
    args = parser.parse_args()
    print("| clones | landed on main | in inbox | on main after the secretary's sync | pushes (total / max) "
          "| failed | wall | fsck --strict | linear |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in (int(part) for part in args.sizes.split(",")):
        row = storm(size, args.src, args.limit)
        print(f"| {size} | {row['landed']} | {row['inbox']} | {row['after_secretary']} | "
              f"{row['attempts']} / {row['max_attempts']} | {row['failed']} | {row['wall']:.1f} s | "
              f"{'clean' if row['fsck'] else 'ERRORS'} | {'yes' if row['linear'] else 'NO'} |", flush=True)
        if row["first_failure"]:
            print(f"<!-- first failure at {size}: {row['first_failure']} -->", flush=True)


if __name__ == "__main__":
    main()
