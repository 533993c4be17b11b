"""Issued reports for ``dvcli check``: every sealed source still holds, numbers are unique per term.

An issued report lives in ``data/issued/<year>/<nn>-<type>-<issuer>/`` with an ``issued.yaml``
that seals every input file by sha256. Numbers run per term (Party profile, from ``term_start``)
or per calendar year (State profile); ``term_key`` is that rule, shared with the numbering in
``services/issued.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .. import gitrepo, snapshot
from ..errors import Problem
from ..i18n import _
from ..model import Issued, Plan
from ..store import Store


def term_key(plan: Plan, date: dt.date) -> str:
    """Numbers run per term (Party: from ``term_start``) or per calendar year (State)."""
    if plan.reporting.profile != "dang":
        return str(date.year)
    start = plan.reporting.term_start
    if start is None:
        return "term"
    return "term" if date >= start else "before"


def issued_records(store: Store) -> list[tuple[Path, Issued | None, list[Problem]]]:
    found = []
    for path in snapshot.issued_files(store.ws):
        loaded = store.read(path, Issued)
        found.append((path, loaded.record, loaded.problems))
    return found


# --- dvcli check: sealed sources -----------------------------------------------------------------


def check_issued(store: Store, plan: Plan | None) -> list[Problem]:
    """Every issued report's sources still have their sealed digest; numbers are unique per term."""
    ws = store.ws
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str, int], str] = {}
    git = gitrepo.is_repository(ws.root)
    for path, record, found in issued_records(store):
        problems += found
        if record is None:
            continue
        shown = ws.rel(path)
        for index, source in enumerate(record.sources):
            target = ws.root / source.path
            loc: list[str | int] = ["sources", index, "sha256"]
            if not target.is_file():
                problems.append(Problem(shown, store.line(path, loc), f"sources[{index}]",
                                        _("nguồn {p} của báo cáo Số {s} không còn").format(p=source.path, s=record.symbol),
                                        _("khôi phục tệp bằng: git checkout {c} -- {p}").format(
                                            c=_issue_commit(ws.root, shown) if git else "HEAD", p=source.path)))
                continue
            if hashlib.sha256(target.read_bytes()).hexdigest() == source.sha256:
                continue
            change = _change(ws.root, source.path) if git else _("ngoài git")
            problems.append(Problem(
                shown, store.line(path, loc), f"sources[{index}]",
                _("nguồn {p} đã bị sửa sau khi ban hành báo cáo Số {s} ({c})").format(
                    p=source.path, s=record.symbol, c=change),
                _("báo cáo đã ban hành không đổi theo: khôi phục nguồn bằng git checkout {i} -- {p}, "
                  "hoặc ban hành báo cáo mới").format(i=_issue_commit(ws.root, shown) if git else "HEAD",
                                                      p=source.path)))
        if plan is not None:
            key = (record.type_code, record.issuer_code, term_key(plan, record.date), record.number)
            if key in seen:
                problems.append(Problem(shown, store.line(path, ["number"]), "number",
                                        _("số {s} trùng với {o}").format(s=record.symbol, o=seen[key]),
                                        _("mỗi số chỉ cấp một lần cho một loại văn bản trong nhiệm kỳ")))
            else:
                seen[key] = shown
    return problems


def _change(root: Path, path: str) -> str:
    """Which commit changed ``path`` — or that the change is not committed yet."""
    if gitrepo.run(root, "diff", "--quiet", "HEAD", "--", path, check=False).returncode != 0:
        return _("sửa chưa commit")
    commit = gitrepo.run(root, "log", "-1", "--format=%h", "--", path, check=False).stdout.strip()
    return _("commit {c}").format(c=commit) if commit else _("chưa commit")


def _issue_commit(root: Path, path: str) -> str:
    return gitrepo.run(root, "log", "-1", "--format=%h", "--", path, check=False).stdout.strip() or "HEAD"
