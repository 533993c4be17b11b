"""Rules on the correction records: withdrawals (``data/withdrawn/``) and reviews (``data/reviews/``).

Each file must be a valid record of its kind, name a member of the roster, and lie where its own
fields say it belongs (the place of the report it is about), so that ``status`` — which finds them
by path — and the file agree.
"""

from __future__ import annotations

from pathlib import Path

from .. import snapshot
from ..errors import Problem
from ..i18n import _
from ..model import Review, Roster, Withdrawal
from ..store import Store
from .plan_roster import Finder


def check_corrections(store: Store, roster: Roster | None) -> tuple[list[Problem], int]:
    """Every withdrawal and review file: its problems, and how many are valid."""
    ws = store.ws
    problems: list[Problem] = []
    count = 0
    for kind, folder in ((Withdrawal, ws.withdrawn_dir), (Review, ws.reviews_dir)):
        for path in snapshot.all_files(folder):
            loaded = store.read(path, kind)
            problems += loaded.problems
            if loaded.record is None:
                continue
            count += 1
            problems += _rules(store, path, loaded.record, roster)
    return problems, count


def _rules(store: Store, path: Path, record: Withdrawal | Review, roster: Roster | None) -> list[Problem]:
    found = Finder(store, path)
    ws = store.ws
    if roster is not None and roster.member(record.member) is None:
        found.add(("member",), _("không có thành viên \"{m}\"").format(m=record.member),
                  _("dùng id trong data/members.yaml (xem: dvcli members list)"))
    expected = _place(store, record)
    if expected is not None and expected != path:
        found.add(("member",), _("tên tệp không khớp nội dung: phải là {p}").format(p=ws.rel(expected)),
                  _("đổi tên tệp (git mv) cho khớp member và period trong tệp"))
    return found.problems


def _place(store: Store, record: Withdrawal | Review) -> Path | None:
    ws = store.ws
    if record.period is None:
        return None  # an ad-hoc withdrawal: named after the report's own file, which is gone
    year, week = int(record.period[:4]), int(record.period[6:])
    if isinstance(record, Review):
        return snapshot.review_path(ws, year, week, record.member)
    return snapshot.withdrawal_path(ws, ws.report_path(year, week, record.member))
