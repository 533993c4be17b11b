"""Rules on requests for reports (``data/requests/<id>.yaml``).

Each file must be a valid request whose ``id`` is its file name (commands find a request by its
file), whose members are in the roster, whose template the plan declares, whose dates are in
order, and whose ``answer`` (written by ``dvcli request close``) names an issued document.
Every file of the folder that is no request (hidden, a backup, another extension, a sub-folder)
is named by the listing rule (``snapshot.request_listing``) and never read.
"""

from __future__ import annotations

from pathlib import Path

from .. import snapshot
from ..errors import Problem
from ..i18n import _
from ..model import Plan, ReportRequest, Roster
from ..snapshot.issued import RECORD as ISSUED_RECORD
from ..store import Store
from .plan_roster import Finder, suggest

MAX_ID = 64


def check_requests(store: Store, plan: Plan | None, roster: Roster | None) -> tuple[list[Problem], int, list[str]]:
    """Every request file's problems, how many are valid, and the strays named (their paths)."""
    strays: list[snapshot.Stray] = []
    files = snapshot.request_listing(store.ws, strays)
    problems = [snapshot.stray_problem(store.ws, stray) for stray in strays]
    count = 0
    for path in files:
        loaded = store.read(path, ReportRequest)
        problems += loaded.problems
        if loaded.record is None:
            continue
        count += 1
        problems += _rules(store, path, loaded.record, plan, roster)
    return problems, count, [stray.path for stray in strays]


def _rules(store: Store, path: Path, record: ReportRequest, plan: Plan | None, roster: Roster | None) -> list[Problem]:
    found = Finder(store, path)
    if path.name != f"{record.id}.yaml":
        found.add(("id",), _("tên tệp không khớp mã yêu cầu: phải là data/requests/{i}.yaml").format(i=record.id),
                  _("đổi tên tệp (git mv) hoặc sửa id cho khớp nhau"))
    if len(record.id) > MAX_ID:
        found.add(("id",), _("mã yêu cầu dài quá {n} ký tự").format(n=MAX_ID), _("đặt mã ngắn hơn (và đổi tên tệp)"))
    if roster is not None:
        known = {member.id for member in roster.members}
        for index, member in enumerate(record.members):
            if member not in known:
                found.add(("members", index), _("không có thành viên \"{m}\"").format(m=member),
                          suggest(member, known, "data/members.yaml"))
    if plan is not None and record.template not in plan.reporting.documents:
        found.add(("template",), _("kế hoạch không khai mẫu báo cáo \"{t}\" (reporting.documents)").format(
            t=record.template), _("dùng một mẫu đã khai: {n}").format(n=", ".join(plan.reporting.documents)))
    if record.due.date() < record.received:
        found.add(("due",), _("hạn trả lời trước ngày nhận yêu cầu ({r})").format(r=record.received.isoformat()),
                  _("sửa due hoặc received"))
    if record.first_day > record.last_day:
        found.add(("end",), _("khoảng thời gian báo cáo ngược: từ {s} đến {e}").format(
            s=record.first_day.isoformat(), e=record.last_day.isoformat()), _("start phải trước end"))
    if record.answer is not None:
        folder = store.ws.issued_dir / record.answer
        if ".." in Path(record.answer).parts or not (folder / ISSUED_RECORD).is_file():
            found.add(("answer",), _("không có văn bản đã ban hành \"{a}\"").format(a=record.answer),
                      _("ghi thư mục của văn bản, ví dụ 2021/05-BC-BDVTW (xem: dvcli issued list); "
                        "nên ghi bằng: dvcli request close MÃ --issued SỐ"))
    return found.problems
