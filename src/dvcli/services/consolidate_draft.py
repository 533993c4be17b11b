"""``consolidate … --draft`` and the rendering from a draft: the use cases around ``draft.py``.

``make`` writes (or merges into) the period's draft and commits it; ``text_for`` gives the
secretary's text for a render when a draft exists (previews and ``--issue``), and refuses to issue
one whose figures no longer match the sources; ``stale_problems`` is ``check``'s rule for drafts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import snapshot, yamlio
from ..errors import ConflictError, DataError, DvcliError, Problem
from ..i18n import _
from . import draft as drafts
from .consolidate_output import basis_text, synthesis
from .writes import locked_write

if TYPE_CHECKING:
    from ..consolidation import ConsolidatedReport
    from ..consolidation.synthesis import Synthesis
    from ..model import OutputDocument
    from ..periods import Period
    from ..snapshot import ValidSnapshot
    from ..store import Store


def make(store: Store, request: Any, inputs: ValidSnapshot, output: OutputDocument, report: ConsolidatedReport,
         period: Period, kind: str, date: dt.date) -> drafts.Drafted:
    from .. import consolidation
    from .consolidate import preview_name

    ws, plan = store.ws, inputs.plan
    name = preview_name(request.template, period, request.ad_hoc)
    head = consolidation.heading(plan, inputs.roster, output, report, None, date)
    made = synthesis(plan, report, head, basis_text(plan, report))
    sources = {path: inputs.digests.get(path) or snapshot.stored_digest(ws, ws.root / path) for path in report.sources}
    path = drafts.path_for(ws, name)
    baseline = None
    if path.exists():
        old = drafts.load(path, ws.rel(path))
        before = {item["path"]: item["sha256"] for item in old["sources"] if isinstance(item, dict)}
        fresh = {p for p, sha in sources.items() if before.get(p) != sha}
        from .rollup import unit_inputs

        units, missing = unit_inputs(store, plan, period)
        earlier = consolidation.consolidate(plan, inputs.roster, [r for r in inputs.reports if r[0] not in fresh],
                                            inputs.assignments, period, kind, request.ad_hoc,
                                            figures=[f for f in inputs.figures if f[0] not in fresh],
                                            units=[unit for unit in units if unit.path not in fresh],
                                            missing_units=missing)
        baseline = synthesis(plan, earlier, head, basis_text(plan, report))
    meta = {"template": request.template, "week": request.week, "month": request.month, "from": request.start,
            "to": request.end, "ad_hoc": request.ad_hoc, "period": period.label}
    drafted: list[drafts.Drafted] = []

    def write() -> list[Any]:
        drafted.append(drafts.write(ws, name, meta, made, baseline, report, sources))
        return [path]

    message = _("dự thảo: {t} {p}").format(t=request.template, p=period.label)
    written = locked_write(ws, message, request.commit, write)
    result = drafted[0]
    result.written, result.committed = written.paths, written.committed
    return result


def text_for(store: Store, request: Any, period: Period, report: ConsolidatedReport, *,
             issuing: bool = False) -> Synthesis | None:
    """The draft's text for this period and template, or None (the synthesis is used)."""
    from .consolidate import preview_name

    path = drafts.path_for(store.ws, preview_name(request.template, period, request.ad_hoc))
    if not path.is_file():
        return None
    data = drafts.load(path, store.ws.rel(path))
    if issuing:
        stale = drafts.stale(data, report)
        if stale:
            raise ConflictError(
                _("dự thảo {p} có số liệu khác nguồn: {f}").format(p=store.ws.rel(path),
                                                                   f=", ".join(key for key, _a, _b in stale)),
                _("chạy lại lệnh với --draft để cập nhật số liệu, đọc lại dự thảo, rồi ban hành"))
    return drafts.synthesis_of(data)


def stale_problems(store: Store) -> list[Problem]:
    """Every draft whose figures no longer match its sources (``check``); a draft that does not
    parse is named too. Nothing to do (and nothing read) when there is no draft."""
    files = drafts.draft_files(store.ws)
    if not files:
        return []
    from .consolidate import Request, choose_period, load_inputs
    from .writes import today

    try:
        inputs = load_inputs(store)
    except DataError:
        return []  # the records' own problems are what check reports
    problems: list[Problem] = []
    for path in files:
        display = store.ws.rel(path)
        try:
            data = drafts.load(path, display)
            request = Request(week=data.get("week"), month=data.get("month"), start=data.get("from"),
                              end=data.get("to"), ad_hoc=data.get("ad_hoc"), template=str(data.get("template")))
            period, kind = choose_period(request, inputs.plan, today(inputs.plan.reporting))
        except DataError as error:
            problems += error.problems
            continue
        except DvcliError as error:
            problems.append(Problem(display, None, "", error.message, error.hint))
            continue
        from .consolidate import compute

        report = compute(store, inputs, period, kind, request.ad_hoc)
        for key, old, new in drafts.stale(data, report):
            problems.append(Problem(
                display, yamlio.line_of(path, ["figures", key]), f"figures.{key}",
                _("số liệu trong dự thảo ({o}) khác số liệu từ các báo cáo hiện nay ({n})").format(
                    o=_shown(old), n=_shown(new)),
                _("chạy lại: dvcli consolidate --week {p} --template {t} --draft (phần đã sửa được giữ)").format(
                    p=data.get("period"), t=data.get("template"))))
    return problems


def _shown(value: Any) -> str:
    from ..render import number_vi

    if not isinstance(value, dict):
        return "-"
    period = value.get("period")
    return "-" if period is None else number_vi(period)
