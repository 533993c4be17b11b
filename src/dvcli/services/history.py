"""``dvcli history [PATH | MEMBER]``: the git trail of one record, one member, or all data."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import history, snapshot
from ..errors import DvcliError
from ..history import Change
from ..periods import zone
from ..store import Store
from .members import find_member


@dataclass
class History:
    subject: str
    changes: list[Change]


def trail(store: Store, query: str | None = None, limit: int | None = None) -> History:
    """The changes, their times in the plan's time zone (as reports and status show times), newest first."""
    found = _trail(store, query, limit)
    try:
        plan_zone: dt.tzinfo | None = zone(store.plan().reporting)
    except DvcliError:  # a plan that cannot be read: history is how one finds out who broke it
        plan_zone = None
    if plan_zone is not None:
        found.changes = [dataclasses.replace(change, date=change.date.astimezone(plan_zone)) for change in found.changes]
    return found


def _trail(store: Store, query: str | None, limit: int | None) -> History:
    ws = store.ws
    if not query:
        return History("data/", history.log(ws.root, ["data"], limit=limit))
    path = _as_path(ws.root, query)
    if path is not None:
        shown = ws.rel(path)
        return History(shown, history.log(ws.root, [shown], follow=True, limit=limit))
    member = find_member(store.roster(), query)
    specs = [f"{ws.rel(ws.assignments_dir)}/{member.id}/",
             f":(glob){ws.rel(ws.reports_dir)}/*/W*/{member.id}.yaml",
             f":(glob){ws.rel(ws.reports_dir)}/*/W*/{snapshot.AD_HOC_DIR}/*-{member.id}-*.yaml"]
    return History(member.id, history.log(ws.root, specs, limit=limit))


def _as_path(root: Path, query: str) -> Path | None:
    """A file or folder named by ``query`` (from the cwd or the workspace root), if it is one."""
    looks_like_path = "/" in query or query.endswith((".yaml", ".yml"))
    for candidate in (Path(query), root / query):
        if candidate.exists() or (looks_like_path and candidate.parent.exists() and candidate == root / query):
            resolved = candidate.resolve()
            if resolved.is_relative_to(root.resolve()):
                return resolved
    return None
