"""What a report file looks like: the pre-filled skeleton a member edits, and the stored text.

The skeleton (the template ``skeleton/report.yaml.j2``) carries Vietnamese guidance comments,
one result per active assignment and every plan indicator at 0. The stored (canonical) text puts identity and ``submitted`` first, since
``status`` reads those lines without parsing YAML; prose is written as literal blocks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import yamlio
from ..i18n import _
from ..model import Report
from ..periods import due
from ..store import Store
from . import assign as assignments

if TYPE_CHECKING:
    from .report import Target


SKELETON = Path(__file__).resolve().parent.parent / "skeleton" / "report.yaml.j2"


def skeleton(store: Store, tgt: Target) -> str:
    """The pre-filled draft: identity, one result per active assignment, every indicator at 0
    (the template ``skeleton/report.yaml.j2``)."""
    import jinja2  # not at import: only ``report new`` and ``form`` draw a skeleton

    plan = store.plan()
    regime = plan.reporting
    start, end = (tgt.period.start, tgt.period.end) if tgt.period else (tgt.date, tgt.date)
    assert start is not None and end is not None
    active = assignments.active_for(assignments.load_all(store), tgt.member.id, start, end)
    rows = []
    for record in active:
        item = plan.item(record.task)
        terms = [(kind, getattr(record, kind)) for kind in ("subjects", "fields", "areas") if getattr(record, kind)]
        rows.append((record.task, item.short if item and item.short else "", terms))
    environment = jinja2.Environment(autoescape=False, keep_trailing_newline=True, trim_blocks=True,  # noqa: S701 - YAML
                                     lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(SKELETON.read_text(encoding="utf-8"))
    said: dict[str, Any] = {"date": tgt.date, "title": tgt.title}
    if tgt.request is not None:
        said["request"] = tgt.request
    identity = "" if tgt.period is not None else yamlio.dumps(said).rstrip("\n")
    return template.render(
        _=_, period=tgt.period, member=tgt.member, deadline=due(tgt.period, regime) if tgt.period else None,
        day=tgt.date.strftime("%d/%m/%Y") if tgt.date else "", identity=identity, active=rows,
        asked=_request_lines(store, tgt.request) if tgt.request is not None else [],
        previous=_previous_tasks(store, tgt), indicators=regime.indicators,
        width=max((len(indicator.id) for indicator in regime.indicators), default=0))


def _request_lines(store: Store, request: str) -> list[str]:
    """What the member is answering: the request, who asks, and by when."""
    from . import requests

    asked = requests.find(store, request)
    due = requests.due_of(asked, store.plan())
    lines = [_("# Trả lời yêu cầu {i}: {t}").format(i=asked.id, t=asked.title),
             _("# của {r}{ref}; hạn trả lời {h} ngày {d}.").format(
                 r=asked.requester, ref=f" ({asked.ref})" if asked.ref else "", h=due.strftime("%H:%M"),
                 d=due.strftime("%d/%m/%Y"))]
    if asked.note:
        lines.append("# " + " ".join(asked.note.split()))
    return lines


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value  # a Decimal keeps every digit


def canonical(report: Report) -> str:
    """The stored text: identity and submitted first (``status`` reads them), prose as blocks."""
    data: dict[str, Any] = {"member": report.member}
    if report.period is not None:
        data["period"] = report.period
    if report.date is not None:
        data["date"] = report.date
    data["submitted"] = report.submitted
    if report.title:
        data["title"] = report.title
    if report.request:
        data["request"] = report.request
    if report.revised is not None:  # optional: files never edited stay byte-identical
        data["revised"] = report.revised
    if report.nothing_to_report:
        data["nothing_to_report"] = True
    data["situation"] = dataclasses.asdict(report.situation)
    data["results"] = [{key: getattr(result, key) for key in ("task", "subjects", "fields", "areas", "text")
                        if getattr(result, key) != []} for result in report.results]
    data["models"] = [{key: value for key, value in dataclasses.asdict(model).items() if value is not None}
                      for model in report.models]
    data["difficulties"] = list(report.difficulties)
    if report.causes:  # optional: files written before the field existed stay byte-identical
        data["causes"] = list(report.causes)
    data["proposals"] = [dataclasses.asdict(proposal) for proposal in report.proposals]
    if report.previous_tasks:  # optional, as causes
        data["previous_tasks"] = [dataclasses.asdict(task) for task in report.previous_tasks]
    data["next_tasks"] = list(report.next_tasks)
    data["indicators"] = {key: _number(value) for key, value in report.indicators.items()}
    if report.received is not None:  # provenance last: status reads the first lines only
        data["received"] = {key: value for key, value in dataclasses.asdict(report.received).items()
                            if value not in (None, [], "", False)}
    return yamlio.dumps(data)


def _previous_tasks(store: Store, tgt: Target) -> list[str]:
    """Last week's "Nhiệm vụ kỳ tới" of this member, as items to mark done, carried or dropped."""
    if tgt.period is None:
        return []
    from ..model import Report
    from ..periods import week_of

    before = week_of(tgt.period.start - dt.timedelta(days=1), store.plan().reporting)
    path = store.ws.report_path(before.year, before.week, tgt.member.id)
    if not path.is_file():
        return []
    loaded = store.read(path, Report)
    if loaded.record is None or not loaded.record.next_tasks:
        return []  # a broken last report is check's to name, not a reason to refuse this one
    items = [{"text": text, "outcome": "carried"} for text in loaded.record.next_tasks]
    listed = yamlio.dumps({"previous_tasks": items}).rstrip("\n").split("\n")
    return [_("# NHIỆM VỤ KỲ TRƯỚC (ghi ở báo cáo {p}) — ghi kết quả từng việc vào outcome: done (đã làm xong),").format(
                p=before.label),
            _("# carried (chuyển sang kỳ này), dropped (thôi, không làm nữa)."),
            *listed, ""]
