"""Symbolic links in the folders dvcli reads, each named for ``dvcli check``.

Anyone may push a symbolic link: to a file of the secretary's machine, to a folder outside the
workspace. dvcli never reads through one (the listing rule leaves links out and data files are
opened with ``O_NOFOLLOW``), and ``check`` names every link under ``data/`` and ``templates/`` so
that nobody wonders why a file is not counted.
"""

from __future__ import annotations

from pathlib import Path

from .. import snapshot
from ..errors import Problem
from ..i18n import _
from ..workspace import Workspace


def problems(ws: Workspace, named: set[str]) -> list[Problem]:
    """One problem per symbolic link under ``data/`` and ``templates/`` not among ``named`` already."""
    found: list[Problem] = []
    for path in snapshot.symlinks(ws):
        if path in named:
            continue
        if path.startswith(str(ws.data)):
            found.append(snapshot.stray_problem(ws, snapshot.Stray(path, snapshot.SYMLINK)))
            continue
        shown = ws.rel(Path(path))
        found.append(Problem(shown, None, "", _("liên kết tượng trưng (symlink) trong mẫu: dvcli không đọc nó"),
                             _("thay liên kết bằng chính tệp mẫu (hoặc xoá nó: git rm '{p}')").format(p=shown)))
    return found
