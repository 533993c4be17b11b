"""Issued reports: numbers per term, and the check that every issued report's sources still hold.

An issued report lives in ``data/issued/<year>/<nn>-<type>-<issuer>/`` with an ``issued.yaml``
that seals every input file by sha256. Numbers run per term (Party profile, from ``term_start``)
or per calendar year (State profile) and are never given twice; ``check_issued`` is the rule
``dvcli check`` runs over every issued report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .. import gitlog
from ..errors import ConflictError, DvcliError, Problem
from ..i18n import _
from ..model import Issued, OutputDocument, Plan
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
    for path in sorted(store.ws.issued_dir.glob("**/issued.yaml")):
        loaded = store.read(path, Issued)
        found.append((path, loaded.record, loaded.problems))
    return found


def next_number(plan: Plan, records: list[Issued], type_code: str, issuer_code: str, date: dt.date) -> int:
    key = term_key(plan, date)
    used = [rec.number for rec in records if rec.type_code == type_code and rec.issuer_code == issuer_code
            and term_key(plan, rec.date) == key]
    return max(used, default=0) + 1


def choose_number(store: Store, plan: Plan, output: OutputDocument, requested: int | None, date: dt.date) -> int:
    """The next free number for ``output``'s type and issuer in ``date``'s term, or ``requested`` if free."""
    records = [rec for _path, rec, _problems in issued_records(store) if rec is not None]
    if requested is None:
        return next_number(plan, records, output.type_code, output.issuer_code, date)
    if requested < 1:
        raise DvcliError(_("số văn bản phải từ 1 trở lên"), _("bỏ --number để lấy số tiếp theo"))
    key = term_key(plan, date)
    clash = next((rec for rec in records if rec.number == requested and rec.type_code == output.type_code
                  and rec.issuer_code == output.issuer_code and term_key(plan, rec.date) == key), None)
    if clash is not None:
        from ..render import short_date

        free = next_number(plan, records, output.type_code, output.issuer_code, date)
        raise ConflictError(
            _("số {n} đã cấp cho báo cáo Số {s}, ngày {d}").format(n=requested, s=clash.symbol, d=short_date(clash.date)),
            _("mỗi số chỉ cấp một lần cho loại {t} của {i}; bỏ --number để lấy số tiếp theo ({f})").format(
                t=output.type_code, i=output.issuer_code, f=free))
    return requested


# --- dvcli check: sealed sources -----------------------------------------------------------------


def check_issued(store: Store, plan: Plan | None) -> list[Problem]:
    """Every issued report's sources still have their sealed digest; numbers are unique per term."""
    ws = store.ws
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str, int], str] = {}
    git = gitlog.is_repository(ws.root)
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
    if gitlog.run(root, "diff", "--quiet", "HEAD", "--", path, check=False).returncode != 0:
        return _("sửa chưa commit")
    commit = gitlog.run(root, "log", "-1", "--format=%h", "--", path, check=False).stdout.strip()
    return _("commit {c}").format(c=commit) if commit else _("chưa commit")


def _issue_commit(root: Path, path: str) -> str:
    return gitlog.run(root, "log", "-1", "--format=%h", "--", path, check=False).stdout.strip() or "HEAD"
