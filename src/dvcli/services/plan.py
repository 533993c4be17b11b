"""``dvcli plan show``: the plan rendered back into the text of the signed document."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..i18n import _
from ..model import Plan, Roster
from ..store import Store

ROLE_LABELS = {"to-truong": "Tổ trưởng", "thanh-vien": "Thành viên", "thu-ky": "Thư ký"}


def role_label(role: str) -> str:
    return _(ROLE_LABELS[role])


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a prose field: blank-line separated; single line breaks are wrapping."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def show(store: Store, fmt: str) -> str | dict[str, Any]:
    plan, roster = store.plan(), store.roster()
    if fmt == "json":
        return {"plan": dataclasses.asdict(plan), "members": dataclasses.asdict(roster)["members"]}
    from .. import render

    name = "plan.md.j2" if fmt == "markdown" else "plan.txt.j2"
    return render.render(name, _context(plan, roster), store.ws.templates_dir)


def _context(plan: Plan, roster: Roster) -> dict[str, Any]:
    """The annex lists the group as it is today; members who have left are listed apart, with the day."""
    from .writes import today

    day = today(plan.reporting)
    current = [member for member in roster.members if member.active(day)]
    left = [member for member in roster.members if not member.active(day)]
    return {"plan": plan, "members": current, "left": left, "paragraphs": paragraphs, "role_label": role_label}
