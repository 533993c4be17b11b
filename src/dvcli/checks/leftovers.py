"""What an interrupted dvcli leaves behind, named precisely for ``dvcli check``.

Every write goes to a temporary file beside its target (``.NAME.xxxx.tmp``) that is then
linked or renamed into place, so a process killed mid-write leaves at most that temporary
file — never a partial data file. ``check`` lists each one with what to do about it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from ..i18n import _
from ..snapshot.rule import TEMP_NAME
from ..workspace import Workspace

_TEMP = TEMP_NAME  # the listing rule leaves these to this check


def problems(ws: Workspace) -> list[Problem]:
    """One problem per temporary file left under ``data/`` and ``templates/`` by a killed write."""
    found: list[Problem] = []
    for top in (ws.data, ws.templates_dir):
        for folder, _dirs, files in os.walk(top):
            for name in sorted(files):
                match = _TEMP.match(name)
                if match is None:
                    continue
                path = Path(folder) / name
                target = path.with_name(match["target"])
                shown = ws.rel(path)
                if target.exists():
                    hint = _("tệp {t} đã được lưu đầy đủ; xoá tệp tạm: rm '{p}'").format(t=ws.rel(target), p=shown)
                else:
                    hint = _("tệp {t} chưa được lưu; chạy lại lệnh đã bị dừng rồi xoá tệp tạm: rm '{p}'").format(
                        t=ws.rel(target), p=shown)
                found.append(Problem(shown, None, "",
                                     _("tệp tạm còn sót lại do một lệnh dvcli bị dừng giữa chừng"), hint))
    return found
