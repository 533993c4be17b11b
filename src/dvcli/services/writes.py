"""How every writing command writes: under the workspace lock, atomically, then one git commit.

``locked_write`` takes the lock, runs the command's write (which returns the files it wrote),
and commits exactly those files with the record's message — unless ``--no-commit`` or the
workspace is not a git repository. The clock lives here too, so tests and documentation can
pin "now" with ``DVCLI_NOW``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import gitrepo, lock
from ..errors import DvcliError
from ..i18n import _
from ..model import Reporting
from ..periods import now as periods_now
from ..periods import zone
from ..workspace import Workspace


@dataclass
class Written:
    """What a writing command did: files (relative to the root) and whether git recorded them."""

    paths: list[str] = field(default_factory=list)
    committed: bool = False
    message: str = ""


def locked_write(ws: Workspace, message: str, commit: bool, write: Callable[[], list[Path]]) -> Written:
    with lock.hold(ws.state_dir):
        paths = [ws.rel(path) for path in write()]
        try:
            committed = commit and bool(paths) and gitrepo.commit(ws.root, paths, message)
        except DvcliError as exc:  # the files are saved; say so, so nobody writes them again
            files = " ".join(paths)
            raise DvcliError(_("đã lưu {f} nhưng chưa ghi vào git: {e}").format(f=files, e=exc.message),
                             (f"{exc.hint}; " if exc.hint else "") + _("sau đó ghi lại bằng: git add {f} && "
                                                                       "git commit").format(f=files)) from None
    return Written(paths, committed, message)


def now(regime: Reporting) -> dt.datetime:
    """The current time in the plan's zone, to the second (``DVCLI_NOW`` overrides it: ``periods.now``)."""
    return periods_now(zone(regime))


def today(regime: Reporting) -> dt.date:
    return now(regime).date()
