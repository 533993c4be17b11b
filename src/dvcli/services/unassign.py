"""``dvcli unassign``: remove an assignment made by mistake — the file goes, the reason is in git.

An assignment that simply ends is not removed (``assign --update --to DATE`` keeps its history as
data); ``unassign`` is for one that should never have existed. The commit says why, and git keeps
the removed file, so ``dvcli history MEMBER`` still shows it. ``status`` and ``assignments
--coverage`` read the assignment files, so they follow at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import atomic
from ..errors import DvcliError, NotFoundError
from ..i18n import _
from ..store import Store
from .assign import find_task, load_all
from .members import find_member
from .writes import Written, locked_write


@dataclass
class Unassigned:
    path: str
    written: Written


def unassign(store: Store, member_query: str, task_query: str, start: dt.date, reason: str,
             commit: bool = True) -> Unassigned:
    reason = " ".join(reason.split())
    if not reason:
        raise DvcliError(_("cần lý do bỏ phân công"),
                         _("thêm --reason \"...\", ví dụ --reason \"Phân công nhầm người\""))
    plan, roster = store.plan(), store.roster()
    member = find_member(roster, member_query)
    task = find_task(plan, task_query)
    path = store.ws.assignment_path(member.id, task, start.isoformat())
    display = store.ws.rel(path)
    if not path.is_file():
        have = [f"{record.task} {_('từ')} {record.start.isoformat()}" for _path, record in load_all(store)
                if record.member == member.id]
        raise NotFoundError(_("không có phân công {t} cho {m} từ {s} ({p})").format(
            t=task, m=member.id, s=start.isoformat(), p=display),
            _("các phân công của {m}: {l}").format(m=member.id, l="; ".join(have)) if have else
            _("{m} chưa có phân công nào (xem: dvcli assignments)").format(m=member.id))
    message = _("bỏ phân công: {m} {t} từ {s} — lý do: {r}").format(m=member.id, t=task, s=start.isoformat(),
                                                                    r=reason)

    def write() -> list[Path]:
        atomic.remove(path)  # watched: a refused commit puts the assignment back
        return [path]

    written = locked_write(store.ws, message, commit, write)
    return Unassigned(display, written)
