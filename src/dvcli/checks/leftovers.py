"""What an interrupted dvcli leaves behind, named precisely for ``dvcli check``.

Every write goes to a temporary file beside its target (``.NAME.xxxx.tmp``) that is then
linked or renamed into place, so a process killed mid-write leaves at most that temporary
file — never a partial data file. ``check`` lists each one with what to do about it.
"""

from __future__ import annotations

from ..errors import Problem
from ..i18n import _
from ..snapshot.strays import temp_files
from ..workspace import Workspace


def problems(ws: Workspace) -> list[Problem]:
    """One problem per temporary file left under ``data/`` and ``templates/`` by a killed write."""
    found: list[Problem] = []
    for path, target in temp_files(ws):
        shown = ws.rel(path)
        if target.exists():
            hint = _("tệp {t} đã được lưu đầy đủ; xoá tệp tạm: rm '{p}'").format(t=ws.rel(target), p=shown)
        else:
            hint = _("tệp {t} chưa được lưu; chạy lại lệnh đã bị dừng rồi xoá tệp tạm: rm '{p}'").format(
                t=ws.rel(target), p=shown)
        found.append(Problem(shown, None, "", _("tệp tạm còn sót lại do một lệnh dvcli bị dừng giữa chừng"), hint))
    return found
