"""``dvcli draft edit``: the secretary edits the period's draft; it is checked before it replaces
the committed one (like ``report new``), so a draft that does not parse is never saved."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import atomic
from ..errors import DataError, NotFoundError, Problem
from ..i18n import _
from ..model import Plan
from ..store import Store
from . import draft as drafts
from .writes import Written, locked_write


@dataclass(frozen=True)
class Session:
    target: Path
    display: str
    copy: Path
    """The copy the editor opens, in the machine's state folder (never committed)."""


def start(store: Store, request: Any) -> Session:
    from .consolidate import choose_period, preview_name
    from .writes import today

    loaded = store.read(store.ws.plan_file, Plan)
    if loaded.record is None:
        raise DataError(loaded.problems)
    plan: Plan = loaded.record
    period, _kind = choose_period(request, plan, today(plan.reporting))
    target = drafts.path_for(store.ws, preview_name(request.template, period, request.ad_hoc))
    display = store.ws.rel(target)
    if not target.is_file():
        raise NotFoundError(_("chưa có dự thảo {p}").format(p=display),
                            _("tạo dự thảo trước: dvcli consolidate --week {w} --template {t} --draft").format(
                                w=period.label, t=request.template))
    store.ws.state_dir.mkdir(parents=True, exist_ok=True)
    copy = store.ws.state_dir / f"draft-{target.name}"
    shutil.copyfile(target, copy)
    return Session(target, display, copy)


def unchanged(session: Session) -> bool:
    return session.copy.read_bytes() == session.target.read_bytes()


def check(session: Session) -> list[Problem]:
    """The edited copy's problems, named as the draft file (empty: it may be saved)."""
    try:
        drafts.load(session.copy, session.display)
    except DataError as error:
        return list(error.problems)
    return []


def save(store: Store, session: Session, commit: bool) -> Written:
    data = session.copy.read_bytes()

    def write() -> list[Path]:
        atomic.write_bytes(session.target, data)
        return [session.target]

    written = locked_write(store.ws, _("sửa dự thảo: {p}").format(p=session.display), commit, write)
    discard(session)
    return written


def discard(session: Session) -> None:
    session.copy.unlink(missing_ok=True)
