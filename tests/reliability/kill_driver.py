"""Run dvcli, SIGKILL-ing itself at a chosen point of the write path (test harness only).

``python kill_driver.py STEP -- dvcli arguments…`` wraps the functions the write path calls
and, when it reaches STEP, kills its own process (``self``) or its whole process group —
dvcli and the git child it is waiting for (``group`` steps). Nothing in dvcli knows about
this: the kill is as real as ``kill -9`` or a power cut, only placed precisely.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def die(group: bool = False) -> None:
    if group:
        os.killpg(0, signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def install(step: str) -> None:
    from dvcli import gitrepo, lock

    real_fdopen, real_link, real_run = os.fdopen, os.link, gitrepo.run
    real_commit, real_try_create = gitrepo.commit, lock._try_create

    if step == "lock-empty":  # the lock file exists, its owner line not yet written
        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            if Path(f"/proc/self/fd/{fd}").readlink().as_posix().endswith(("/.dvcli/lock", "/.git/dvcli/lock")):
                die()
            return real_fdopen(fd, *args, **kwargs)
        lock.os.fdopen = fdopen  # type: ignore[attr-defined]
    if step == "locked":
        def try_create(path: Any) -> bool:
            taken = real_try_create(path)
            if taken:
                die()
            return taken
        lock._try_create = try_create
    if step in ("temp-written", "linked"):
        def link(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            if step == "temp-written" and str(target).endswith(".yaml"):
                die()
            real_link(source, target, *args, **kwargs)
            if str(target).endswith(".yaml"):
                die()
        os.link = link
    if step in ("before-commit", "during-commit", "during-add"):
        def run(root: Any, *args: str, check: bool = True, env: Any = None) -> Any:
            verb = next((arg for arg in args if arg in ("add", "commit")), None)
            if verb == "commit" and step == "before-commit":
                die()
            if (verb == "commit" and step == "during-commit") or (verb == "add" and step == "during-add"):
                child = subprocess.Popen(["git", *args], cwd=root)
                time.sleep(float(os.environ.get("KILL_DELAY", "0.005")))
                del child
                die(group=True)
            return real_run(root, *args, check=check, env=env)
        gitrepo.run = run
    if step == "committed":
        def commit(*args: Any, **kwargs: Any) -> bool:
            done = real_commit(*args, **kwargs)
            die()
            return done
        gitrepo.commit = commit


if __name__ == "__main__":
    step, separator, *arguments = sys.argv[1:]
    assert separator == "--"
    install(step)
    sys.argv = ["dvcli", *arguments]
    from dvcli.cli.app import main

    main()
