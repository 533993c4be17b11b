"""Placeholders ``dvcli init`` leaves in the plan and the roster (``[CQ]``, ``[Tên cơ quan ban hành]``…).

A fresh workspace is valid YAML but not yet the group's plan: every ``[bracketed text]`` of the
skeleton is a place to fill in, and so are its illustrative members (names, e-mails).
What counts as a placeholder is read from the skeleton files themselves, so the rule follows the
skeleton as it changes. ``check`` names each one; issuing refuses while any is left.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..i18n import _
from ..model import Plan, Roster
from ..store import Store
from .plan_roster import Finder

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
_BRACKETED = re.compile(r"\[[^\[\]\n]+\]")

Loc = tuple[str | int, ...]


@functools.cache
def placeholders() -> frozenset[str]:
    """Every bracketed segment of the skeleton's values, and its illustrative members' names and contacts."""
    from .. import yamlio

    found: set[str] = set()
    for name in ("plan.yaml", "members.yaml"):
        data = yamlio.loads((SKELETON / name).read_bytes(), name)
        for _loc, text in _strings(data, ()):
            found.update(_BRACKETED.findall(text))
    roster = yamlio.loads((SKELETON / "members.yaml").read_bytes(), "members.yaml")
    for member in roster.get("members", []):
        found.update(str(member[key]) for key in ("name", "email") if member.get(key))
    return frozenset(found)


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, str(key)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _strings(getattr(value, item.name), (*loc, item.name))


def found_in(record: Any) -> list[tuple[Loc, str]]:
    """(field path, placeholder) for each placeholder left in ``record``."""
    known = placeholders()
    hits: list[tuple[Loc, str]] = []
    for loc, text in _strings(record, ()):
        for segment in [*_BRACKETED.findall(text), text]:
            if segment in known:
                hits.append((loc, segment))
                break
    return hits


def check_placeholders(store: Store, plan: Plan | None, roster: Roster | None) -> list[Problem]:
    problems: list[Problem] = []
    hints = {store.ws.plan_file: _("thay bằng nội dung thật của kế hoạch"),
             store.ws.members_file: _("thay bằng thông tin thật của Tổ công tác")}
    for path, record in ((store.ws.plan_file, plan), (store.ws.members_file, roster)):
        if record is None:
            continue
        finder = Finder(store, path)
        for loc, segment in found_in(record):
            finder.add(loc, _("còn chỗ cần điền từ dvcli init: \"{p}\"").format(p=segment), hints[path])
        problems += finder.problems
    return problems
