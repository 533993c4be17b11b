"""``dvcli consolidate``: compute the period's consolidated report, render it, and issue it.

Preview: the rendered documents are returned (Markdown for stdout) or written into ``--out``.
Issue (one step, for groups that sign on paper): refused when not ready (``issuing.ready``), the
sources sealed at their commit (``seal.py``), then released by ``issuing.release``: the next
number for its type and issuer within the term (or the one asked for, if free), the folder
``data/issued/<year>/<nn>-<type>-<issuer>/`` with ``issued.yaml``, one commit — or nothing. The
two-step path (prepare for signature, register the signed original) is ``issue_prepare`` and
``issue_register``. Inputs come from the workspace's snapshot (``dvcli.snapshot``), documents rendered by
``consolidate_output``, and a printed preview memoised by ``consolidate_memo``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import periods, snapshot
from ..errors import DvcliError, NotFoundError
from ..i18n import _, language
from ..model import Issued, OutputDocument, Plan, Report
from ..store import Store
from . import seal
from .consolidate_output import FORMATS, render_all, template_context, write_preview

if TYPE_CHECKING:  # render (Jinja2) and consolidation are imported where used: a memoised preview needs neither
    from ..consolidation import ConsolidatedReport, Heading
    from ..consolidation.synthesis import Synthesis
    from ..periods import Period
    from .consolidate_memo import Memo

@dataclass(frozen=True)
class Request:
    week: str | None = None
    month: str | None = None
    start: str | None = None
    end: str | None = None
    ad_hoc: str | None = None
    template: str = "tong-hop-tuan"
    formats: tuple[str, ...] = ()
    out: Path | None = None
    force: bool = False
    issue: bool = False
    number: int | None = None
    date: dt.date | None = None
    commit: bool = True
    draft: bool = False
    """Write (or merge into) the period's editable draft instead of rendering (``consolidate_draft``)."""
    accepted_only: bool = False
    replaces: str | None = None
    answers: str | None = None
    """A request's id (``consolidate --request``): its answer, made from the reports filed against it."""


@dataclass
class Outcome:
    """What the command produced: stdout text (preview) and/or the files written."""

    report: ConsolidatedReport | None  # None: the preview came from the verified memo
    heading: Heading | None
    printed: list[bytes | memoryview] | None = None
    """The preview for stdout: UTF-8, ending in exactly one newline (as ``out`` prints text)."""
    written: list[str] = field(default_factory=list)
    drafted: Any = None
    """``draft.Drafted`` when ``--draft`` wrote the draft."""
    from_draft: str | None = None
    """The draft the document was rendered from, if any."""
    issued: Issued | None = None
    built: tuple[object, ...] = ()
    """What the computation built (inputs, template context): the caller decides how long it lives."""
    folder: str | None = None
    committed: bool = False
    replaced: str | None = None
    """The symbol of the document this one replaces."""

    @property
    def stdout(self) -> str | None:
        return None if self.printed is None else b"".join(self.printed).decode("utf-8")


Inputs = snapshot.ValidSnapshot  # every input of a consolidated report, all valid


# --- the use case ------------------------------------------------------------------------------


def run(store: Store, request: Request, today: dt.date | None = None) -> Outcome:
    request = for_request(store, request)
    formats = _formats(request)
    if not request.issue and request.out is None and not request.draft:
        return _print(store, request, today)
    if not request.issue and not request.draft and "pdf" not in formats:
        return _write(store, request, formats, today)
    from .. import consolidation  # imported here: a preview served from the memo needs neither (60 ms)
    from . import consolidate_draft

    inputs, received = _selected(store, snapshot.take(store, weeks=period_weeks(request, today)).require(), request)
    if today is None:
        from .writes import today as local_today

        today = local_today(inputs.plan.reporting)
    date = request.date or today
    output = _output(inputs.plan, request.template)
    period, kind = choose_period(request, inputs.plan, today)
    report = answering(store, request, compute(store, inputs, period, kind, request.ad_hoc, received))
    if request.draft:
        drafted = consolidate_draft.make(store, request, inputs, output, report, period, kind, date)
        return Outcome(report, None, written=drafted.written, drafted=drafted, committed=drafted.committed,
                       built=(inputs,))
    text = consolidate_draft.text_for(store, request, period, report, issuing=request.issue)
    if not request.issue:
        head = consolidation.heading(inputs.plan, inputs.roster, output, report, None, date)
        context = template_context(inputs.plan, report, head, text)
        assert request.out is not None
        base = preview_name(request.template, period, request.ad_hoc)
        files = render_all(store, request.template, formats, context)
        written = write_preview(request.out, base, files, request.force, store.ws.root)
        return Outcome(report, head, written=written, built=(inputs, context),
                       from_draft=_draft_shown(store, request, period, text))
    outcome = _issue(store, request, inputs, output, report, formats, date, text)
    outcome.built = (inputs,)
    return outcome


def _draft_shown(store: Store, request: Request, period: Period, text: object) -> str | None:
    from .draft import path_for

    return None if text is None else store.ws.rel(path_for(store.ws, preview_name(request.template, period,
                                                                                  request.ad_hoc)))


def preview_name(template: str, period: Period, title: str | None) -> str:
    """``tong-hop-tuan-2021-W38``; an ad-hoc report is named for what it is about:
    ``dot-xuat-mua-lu-tai-mien-trung-2021-09-20_2021-09-22``."""
    label = period.label.replace("..", "_")
    if title:
        from ..names import fold

        return f"dot-xuat-{fold(title)[:50].rstrip('-') or 'bao-cao'}-{label}"
    return f"{template}-{label}"


def _print(store: Store, request: Request, today: dt.date | None) -> Outcome:
    """The Markdown preview for stdout — from the verified memo when nothing it depends on changed."""
    # The GC is paused for the whole preview by the CLI edge (cli/consolidate.py).
    # every file's bytes kept (no weeks=…): the memo's key needs only digests, and a memo hit must not
    # pay for looking up 52 weeks of figures first; on a miss ``take`` uses the figures all the same
    read = snapshot.read_files(store)
    memo, key = _memo(store, request, read, None)
    if not read.problems:
        body = memo.get(key, today)
        if body is not None:
            return Outcome(None, None, printed=[body])
    from .. import render

    made = _made(store, request, read, today)
    del read
    chunks = render.render_encoded(f"{request.template}.md.j2", made.context, store.ws.templates_dir)
    _end_with_one_newline(chunks)
    printed: list[bytes | memoryview] = [*chunks]
    memo.put(key, made.today, made.inputs.plan.reporting.utc_offset, printed)
    return Outcome(made.report, made.head, printed=printed, built=(made.inputs, made.context))


def _write(store: Store, request: Request, formats: tuple[str, ...], today: dt.date | None) -> Outcome:
    """``--out`` without issuing: the files written from the verified memo when nothing they depend on
    changed (the same bytes a computed run writes: ``docx_fill`` dates no zip entry), else computed
    and memoised. Not PDF: LibreOffice stamps each PDF with the time it made it."""
    from .consolidate_memo import bundle, unbundle

    assert request.out is not None
    read = snapshot.read_files(store)
    memo, key = _memo(store, request, read, formats)
    if not read.problems:
        kept = unbundle(memo.get(key, today))
        if kept is not None:
            written = write_preview(request.out, kept.base, kept.files, request.force, store.ws.root)
            return Outcome(None, None, written=written, from_draft=kept.draft)
    made = _made(store, request, read, today)
    del read
    base = preview_name(request.template, made.period, request.ad_hoc)
    files = render_all(store, request.template, formats, made.context)
    written = write_preview(request.out, base, files, request.force, store.ws.root)
    shown = _draft_shown(store, request, made.period, made.text)
    memo.put(key, made.today, made.inputs.plan.reporting.utc_offset, bundle(base, shown, files))
    return Outcome(made.report, made.head, written=written, built=(made.inputs, made.context), from_draft=shown)


def _memo(store: Store, request: Request, read: snapshot.Files, formats: tuple[str, ...] | None) -> tuple[Memo, str]:
    """The memo slot of these options (and the ``formats`` written, None: the preview printed) and
    the key naming everything the document depends on (``consolidate_memo``)."""
    from ..snapshot.digests import draft_digests, folder_digests, review_digests, unit_digests
    from .consolidate_memo import Memo, code_fingerprint, make_key

    ws = store.ws
    options = [f"template={request.template}", f"week={request.week}", f"month={request.month}",
               f"from={request.start}", f"to={request.end}", f"ad_hoc={request.ad_hoc}",
               f"date={request.date}", f"lang={language()}", f"accepted_only={request.accepted_only}",
               f"answers={request.answers}", *([] if formats is None else [f"files={','.join(formats)}"])]
    memo = Memo(None if store.cache.directory is None else store.cache.directory / "consolidate", options)
    reviews = review_digests(ws) if request.accepted_only else []  # what --accepted-only also depends on
    key = make_key([code_fingerprint(formats or ("md",)), *options, *folder_digests(ws.templates_dir), *reviews,
                    *draft_digests(ws),  # a draft, when there is one, is the text
                    *(folder_digests(ws.requests_dir) if request.answers else []),  # who asked, by which document
                    *unit_digests(ws),  # the units' reports received (and units.yaml)
                    *(f"{item.display}\0{item.kind.__name__}\0{item.digest.hex()}" for item in read.files)])
    return memo, key


@dataclass(frozen=True)
class _Made:
    """A preview's consolidated report and the templates' context, computed (a memo miss)."""

    inputs: Inputs
    today: dt.date
    period: Period
    report: ConsolidatedReport
    head: Heading
    text: Synthesis | None
    context: dict[str, Any]


def _made(store: Store, request: Request, read: snapshot.Files, today: dt.date | None) -> _Made:
    from .. import consolidation
    from .consolidate_draft import text_for

    # save_early: the parse cache is pickled in a forked child while this process computes
    inputs, received = _selected(store, snapshot.take(store, read, save_early=True,
                                                      weeks=period_weeks(request, today)).require(), request)
    if today is None:
        from .writes import today as local_today

        today = local_today(inputs.plan.reporting)
    output = _output(inputs.plan, request.template)
    period, kind = choose_period(request, inputs.plan, today)
    report = answering(store, request, compute(store, inputs, period, kind, request.ad_hoc, received))
    head = consolidation.heading(inputs.plan, inputs.roster, output, report, None, request.date or today)
    text = text_for(store, request, period, report)
    return _Made(inputs, today, period, report, head, text, template_context(inputs.plan, report, head, text))


def compute(store: Store, inputs: Inputs, period: Period, kind: str, title: str | None,
            received: list[tuple[str, Report]] | None = None) -> ConsolidatedReport:
    """The consolidated report of ``period``: the members' reports and, at a centre, the reports its
    reporting units sent for the period (``services/rollup.py``)."""
    from .. import consolidation
    from .rollup import unit_inputs

    units, missing = unit_inputs(store, inputs.plan, period)
    return consolidation.consolidate(inputs.plan, inputs.roster, inputs.reports, inputs.assignments, period, kind,
                                     title, received=received, figures=inputs.figures, units=units,
                                     missing_units=missing)


def _end_with_one_newline(chunks: list[bytes]) -> None:
    """What ``out(text.rstrip("\\n"))`` prints: the text without its trailing newlines, then one."""
    while chunks and not chunks[-1].rstrip(b"\n"):
        chunks.pop()
    if chunks:
        chunks[-1] = chunks[-1].rstrip(b"\n")
    chunks.append(b"\n")


def _formats(request: Request) -> tuple[str, ...]:
    chosen = request.formats or (("md", "html", "docx") if request.out is not None or request.issue else ("md",))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise DvcliError(_("không có định dạng \"{f}\"").format(f=unknown[0]),
                         _("chọn trong: {all}, cách nhau bằng dấu phẩy, ví dụ --format md,html,docx").format(
                             all=", ".join(FORMATS)))
    if request.out is None and not request.issue and chosen != ("md",):
        raise DvcliError(_("định dạng {f} cần thư mục ghi tệp").format(f=",".join(chosen)),
                         _("thêm --out THƯ_MỤC (chỉ Markdown mới in ra màn hình)"))
    return tuple(dict.fromkeys(chosen))


def _output(plan: Plan, template: str) -> OutputDocument:
    output = plan.reporting.documents.get(template)
    if output is None:
        names = ", ".join(plan.reporting.documents) or _("(chưa có)")
        raise NotFoundError(_("kế hoạch không khai mẫu báo cáo \"{t}\" (reporting.documents)").format(t=template),
                            _("dùng một mẫu đã khai: {n}; hoặc thêm mục {t} vào reporting.documents "
                              "trong data/plan.yaml").format(n=names, t=template))
    return output


def choose_period(request: Request, plan: Plan, today: dt.date) -> tuple[Period, str]:
    from .. import consolidation

    chosen = periods.select(plan.reporting, today, week=request.week, month=request.month,
                            start=request.start, end=request.end)
    kind = consolidation.KIND_AD_HOC if request.ad_hoc else None
    if chosen is not None and chosen.kind != "week":
        return chosen, kind or (consolidation.KIND_MONTH if chosen.kind == "month" else consolidation.KIND_RANGE)
    if request.ad_hoc:
        raise DvcliError(_("báo cáo đột xuất cần khoảng thời gian"),
                         _("thêm --from NGÀY --to NGÀY, ví dụ --from 2021-09-20 --to 2021-09-22"))
    return chosen or periods.parse_week("last", plan.reporting, today), consolidation.KIND_WEEK


def _selected(store: Store, inputs: Inputs, request: Request) -> tuple[Inputs, list[tuple[str, Report]] | None]:
    """The inputs with only the reports this consolidated report is made from (``consolidate_select``),
    and every report received when that is not all of them (who reported is counted from those)."""
    from .consolidate_select import accepted, answering_request, select

    if request.answers:
        chosen = answering_request(store, list(inputs.reports), request.answers)
        return dataclasses.replace(inputs, reports=tuple(chosen), figures=()), None
    chosen = select(store, list(inputs.reports), request.accepted_only)
    received = list(inputs.reports) if request.accepted_only else None
    figures = accepted(store, list(inputs.figures)) if request.accepted_only else inputs.figures
    return dataclasses.replace(inputs, reports=tuple(chosen), figures=tuple(figures)), received


def period_weeks(request: Request, today: dt.date | None) -> Callable[[Plan], set[str] | None]:
    """The weeks whose reports a consolidated report needs in full (``snapshot.take(weeks=…)``):
    those of its period; of every other week only the figures (the cumulative totals)."""

    def weeks(plan: Plan) -> set[str] | None:
        from ..consolidation.submissions import weeks_in
        from .writes import today as local_today

        try:
            period, _kind = choose_period(request, plan, today or local_today(plan.reporting))
        except DvcliError:
            return None  # said after the snapshot's own problems, as always
        return {window.label for window in weeks_in(period, plan)}

    return weeks


def for_request(store: Store, request: Request) -> Request:
    """``--request ID``: the request's title, dates and template become the options (refused with others)."""
    if not request.answers:
        return request
    from . import requests

    given = [name for name, value in (("--week", request.week), ("--month", request.month), ("--from", request.start),
                                      ("--to", request.end), ("--ad-hoc", request.ad_hoc)) if value]
    if given:
        raise DvcliError(_("--request không dùng cùng {o}").format(o=", ".join(given)),
                         _("tiêu đề, khoảng thời gian và mẫu lấy từ yêu cầu: dvcli consolidate --request {i}").format(
                             i=request.answers))
    if request.accepted_only:
        raise DvcliError(_("--accepted-only không dùng cùng --request"),
                         _("chỉ báo cáo tuần mới được duyệt; báo cáo trả lời yêu cầu là báo cáo đột xuất"))
    asked = requests.find(store, request.answers)
    period = requests.period_of(asked)
    return dataclasses.replace(request, answers=asked.id, ad_hoc=asked.title, start=period.start.isoformat(),
                               end=period.end.isoformat(), template=request.template or asked.template)


def answering(store: Store, request: Request, report: ConsolidatedReport) -> ConsolidatedReport:
    """The report with what answering a request adds: the request's document as basis, its requester as addressee."""
    if not request.answers:
        return report
    from . import requests

    asked = requests.find(store, request.answers)
    return dataclasses.replace(report, answers=asked.id, basis=requests.basis(asked), addressee=asked.requester)


def load_inputs(store: Store) -> Inputs:
    """Plan, roster, every assignment and report — all valid, or a DataError listing every problem."""
    return snapshot.take(store).require()


# --- issuing -----------------------------------------------------------------------------------


def _issue(store: Store, request: Request, inputs: Inputs, output: OutputDocument, report: ConsolidatedReport,
           formats: tuple[str, ...], date: dt.date, text: Synthesis | None = None) -> Outcome:
    """One step (groups that sign on paper): number and date now, dvcli's rendering is the original."""
    from .. import consolidation
    from . import issuing

    plan, ws = inputs.plan, store.ws
    if request.number is not None and request.number < 1:
        raise DvcliError(_("số văn bản phải từ 1 trở lên"), _("bỏ --number để lấy số tiếp theo"))
    sources = source_paths(store, inputs, report, draft_path(store, request, report.period, text))
    issuing.ready(store, sources, len(report.reports), _("ban hành"))
    sealed = seal.seal_sources(ws, sources)
    records = issuing.all_issued(store)
    replaced = issuing.check_replaces(store, records, request.template, report.period.start, report.period.end,
                                      request.replaces)
    heads: list[Heading] = []

    def build(number: int) -> tuple[dict[str, bytes], dict[str, object]]:
        head = consolidation.heading(plan, inputs.roster, output, report, number, date)
        heads.append(head)
        context = template_context(plan, report, head, text)
        rendered = render_all(store, request.template, formats, context)
        stem = f"{number:02d}-{output.type_code}-{output.issuer_code}"
        files = {f"{stem}.{fmt}": data for fmt, data in rendered.items()}
        original = f"{stem}.docx" if "docx" in rendered else next(iter(files))
        fields = record_fields(head, request.template, report, date, sealed, number=number, output=output,
                               release="one-step", original=original, prepared=None,
                               replaces=replaced.folder_id if replaced else None)
        return files, fields

    released = issuing.release(ws, store, plan, type_code=output.type_code, issuer_code=output.issuer_code,
                               requested=request.number, date=date, build=build, commit=request.commit,
                               message=lambda rec: issue_message(rec, heads[-1].number_line))
    return Outcome(report, heads[-1], written=released.written, issued=released.record, folder=released.folder,
                   committed=released.committed, replaced=replaced.record.symbol if replaced else None)


def source_paths(store: Store, inputs: Inputs, report: ConsolidatedReport, draft: str | None = None) -> list[str]:
    """What the document is made from: plan, roster, every assignment, the reports it used, and its draft."""
    ws = store.ws
    return [ws.rel(ws.plan_file), ws.rel(ws.members_file), *sorted(p for p, _a in inputs.assignments), *report.sources,
            *([draft] if draft else [])]


def draft_path(store: Store, request: Request, period: Period, text: object) -> str | None:
    """The workspace draft the document renders from, if any (it is a source like the reports)."""
    return _draft_shown(store, request, period, text)


def record_fields(head: Heading, template: str, report: ConsolidatedReport, date: dt.date | None, sealed: seal.Sealed,
                  **extra: object) -> dict[str, object]:
    """The issued (or prepared) record's fields, in the order docs/issued-record.md lists them."""
    from .. import consolidation

    output = extra.pop("output", None)
    number = extra.pop("number", None)
    assert output is None or isinstance(output, OutputDocument)
    title = f"{head.kind_title.capitalize()} {head.subject} {head.period_text}"
    fields: dict[str, object] = {}
    if number is not None and output is not None:
        fields.update(number=number, type_code=output.type_code, issuer_code=output.issuer_code, symbol=head.symbol)
    fields.update({"template": template})
    if date is not None:
        fields["date"] = date.isoformat()
    fields.update({
        "start": report.period.start.isoformat(), "end": report.period.end.isoformat(), "title": title,
        "ad_hoc": report.kind == consolidation.KIND_AD_HOC,
        **({"request": report.answers} if report.answers else {}),
        **{key: value for key, value in extra.items()},
        "commit": sealed.commit,
        "signer_title": " ".join(part for part in (head.authority, head.signer_title) if part) or None,
        "signer_name": head.signer_name or None,
        "recipients": list(head.recipients), "copies": len(head.recipients),
        "sources": [{"path": path, "blob": blob} for path, blob in sealed.blobs.items()],
    })
    return fields


def issue_message(record: Issued, number_line: str) -> str:
    replaced = _(" (thay thế {r})").format(r=record.replaces) if record.replaces else ""
    return _("ban hành: {n} — {t}").format(n=number_line, t=record.title) + replaced
