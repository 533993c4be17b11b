"""What a consolidated report shows, computed as plain data — no rendering, no printing, no I/O.

``consolidate`` takes the plan, the roster, every report and assignment (already read and
validated, each with its workspace-relative path) and a period, and returns a
``ConsolidatedReport``: the reports in the period, the results grouped by plan task and by
area, the people's situation, effective models, difficulties, proposals by the body addressed,
next period's tasks, the indicator totals (this period and cumulative since the plan began),
the per-member annex, and who reported on time, late or not at all. ``heading`` builds the
document's formal parts (number line, place-date, signature, recipients) for one template and
profile. Templates only lay these out.

Rules (docs/architecture/consolidate.md):
- a weekly report belongs to a range when its week's last day lies in the range, so that
  consecutive months (15th–14th) count every week exactly once; an ad-hoc report when its date does;
- indicators: per member, values across periods are combined by the indicator's ``aggregate``
  (sum, max, or the last one); the totals add the members up. Only weekly reports carry
  indicators into the totals — an ad-hoc report usually repeats figures of its week.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from . import periods
from .i18n import _
from .model import Assignment, Indicator, OutputDocument, Plan, Report, Result, Roster
from .names import fold
from .periods import Period

KIND_WEEK, KIND_MONTH, KIND_RANGE, KIND_AD_HOC = "tuần", "tháng", "khoảng", "đột xuất"
NEXT_LABEL = {KIND_WEEK: "tuần tới", KIND_MONTH: "tháng tới", KIND_RANGE: "thời gian tới", KIND_AD_HOC: "thời gian tới"}
NO_AREA = "khong-dia-ban"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """Prose as printed paragraphs: a blank line separates paragraphs, a single newline only wraps."""
    return [" ".join(block.split()) for block in _BLANK_LINE.split(text.strip()) if block.strip()]


# --- the result types -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRef:
    """One member report used by the consolidated report."""

    path: str
    member_id: str
    member: str
    period: str | None
    date: dt.date | None
    title: str | None
    submitted: dt.datetime
    late: bool = False

    @property
    def ad_hoc(self) -> bool:
        return self.period is None


@dataclass(frozen=True)
class Entry:
    """One result text from one member, with the vocabulary labels it carries."""

    member_id: str
    member: str
    task: str
    text: str
    subjects: list[str]
    fields: list[str]
    areas: list[str]
    """Area labels (from the result, else from the member's assignment for the task)."""
    area_ids: list[str]

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)


@dataclass(frozen=True)
class TaskGroup:
    id: str
    short: str
    entries: list[Entry]


@dataclass(frozen=True)
class AreaGroup:
    id: str
    label: str
    entries: list[Entry]

    @property
    def tasks(self) -> list[str]:
        """The plan tasks reported in this area, first-seen order."""
        return list(dict.fromkeys(entry.task for entry in self.entries))

    @property
    def members(self) -> list[str]:
        return list(dict.fromkeys(entry.member for entry in self.entries))


@dataclass(frozen=True)
class SituationEntry:
    member_id: str
    member: str
    areas: list[str]
    overview: str
    thoughts: str

    @property
    def overview_paragraphs(self) -> list[str]:
        return paragraphs(self.overview)

    @property
    def thoughts_paragraphs(self) -> list[str]:
        return paragraphs(self.thoughts)


@dataclass(frozen=True)
class ModelEntry:
    name: str
    place: str
    description: str
    area: str | None
    replicate: bool
    reporters: list[str]

    @property
    def description_paragraphs(self) -> list[str]:
        return paragraphs(self.description)


@dataclass(frozen=True)
class Said:
    """A sentence (difficulty, next task, proposal) and the members who wrote it."""

    text: str
    members: list[str]

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)


@dataclass(frozen=True)
class ProposalGroup:
    to: str
    items: list[Said]


@dataclass(frozen=True)
class IndicatorTotal:
    id: str
    label: str
    unit: str
    type: str
    aggregate: str
    period: Decimal | None
    cumulative: Decimal | None


@dataclass(frozen=True)
class MemberFigures:
    """The annex row block of one member: the indicators with a non-zero figure this period or
    cumulative (none: the member reported only zeros — the annex prints "không có số liệu")."""

    member_id: str
    member: str
    areas: list[str]
    rows: list[IndicatorTotal]


@dataclass(frozen=True)
class WeekStatus:
    period: Period
    due: dt.datetime
    on_time: list[str]
    late: list[str]
    missing: list[str]
    on_leave: list[str]


@dataclass(frozen=True)
class Submission:
    expected: int
    received: int
    late: int
    missing: int
    weeks: list[WeekStatus]


@dataclass(frozen=True)
class ConsolidatedReport:
    period: Period
    kind: str
    title: str | None
    next_label: str
    reports: list[ReportRef]
    by_task: list[TaskGroup]
    by_area: list[AreaGroup]
    situation: list[SituationEntry]
    models: list[ModelEntry]
    difficulties: list[Said]
    causes: list[Said]
    """Causes of the shortcomings and difficulties, as the members wrote them (never invented)."""
    proposals: list[ProposalGroup]
    next_tasks: list[Said]
    indicators: list[IndicatorTotal]
    members: list[MemberFigures]
    submission: Submission
    sources: list[str] = field(default_factory=list)
    """Workspace-relative paths of the reports that fed any figure or text (period and cumulative)."""

    @property
    def replicate_count(self) -> int:
        return sum(1 for model in self.models if model.replicate)

    @property
    def highlights(self) -> list[IndicatorTotal]:
        """The indicators with a figure this period (for the evaluation's summary sentence)."""
        return [total for total in self.indicators if total.period]


# --- computing ---------------------------------------------------------------------------------


def week_of_report(report: Report, plan: Plan) -> Period | None:
    if report.period is None:
        return None
    year, number = report.period.split("-W")
    return periods.week(int(year), int(number), plan.reporting)


def in_range(report: Report, plan: Plan, start: dt.date, end: dt.date) -> bool:
    window = week_of_report(report, plan)
    if window is not None:
        return start <= window.end <= end
    day = report.date or report.submitted.date()
    return start <= day <= end


def consolidate(plan: Plan, roster: Roster, reports: Iterable[tuple[str, Report]],
                assignments: Iterable[tuple[str, Assignment]], period: Period, kind: str,
                title: str | None = None) -> ConsolidatedReport:
    """Everything the consolidated report for ``period`` shows (see the module docstring)."""
    everything = sorted(reports, key=lambda item: (item[1].submitted.isoformat(), item[0]))
    chosen = [(path, rep) for path, rep in everything if in_range(rep, plan, period.start, period.end)]
    start = min(plan.reporting.start, period.start)
    history = [(path, rep) for path, rep in everything
               if rep.period is not None and in_range(rep, plan, start, period.end)]
    names = {member.id: member.name for member in roster.members}
    assignments = list(assignments)
    active = [a for _path, a in assignments if a.active(period.start, period.end)]
    vocab = _Vocabulary(plan)
    status = submission(plan, roster, [rep for _p, rep in everything], [a for _p, a in assignments], period)
    late = {(name, week.period.label) for week in status.weeks for name in week.late}
    refs = [_ref(path, rep, names, late) for path, rep in chosen]
    entries = [_entry(rep, result, names, vocab, active) for _p, rep in chosen for result in rep.results]
    used = sorted({path for path, _r in chosen} | {path for path, _r in history})
    # each member's figures, combined once for both the totals and the annex
    weekly, earlier = [rep for _p, rep in chosen if rep.period], [rep for _p, rep in history]
    now = _member_values(plan.reporting.indicators, _by_member(weekly))
    # the plan's first period: the cumulative figures are this period's (same reports, same order)
    past = now if earlier == weekly else _member_values(plan.reporting.indicators, _by_member(earlier))
    return ConsolidatedReport(
        period=period, kind=kind, title=title, next_label=_(NEXT_LABEL[kind]), reports=refs,
        by_task=_by_task(plan, entries), by_area=_by_area(vocab, entries),
        situation=_situation(chosen, names, vocab, active), models=_models(chosen, names, vocab),
        difficulties=_said((names.get(rep.member, rep.member), text) for _p, rep in chosen for text in rep.difficulties),
        causes=_said((names.get(rep.member, rep.member), text) for _p, rep in chosen for text in rep.causes),
        proposals=_proposals(chosen, names),
        next_tasks=_said((names.get(rep.member, rep.member), text) for _p, rep in chosen for text in rep.next_tasks),
        indicators=_totals(plan.reporting.indicators, now, past),
        members=_member_figures(plan, roster, now, past, vocab, active),
        submission=status, sources=used,
    )


class _Vocabulary:
    def __init__(self, plan: Plan) -> None:
        vocab = plan.vocabulary
        self.subjects = {term.id: term.label for term in vocab.subjects}
        self.fields = {term.id: term.label for term in vocab.fields}
        self.areas = {term.id: term.label for term in vocab.areas}
        self.area_order = [term.id for term in vocab.areas]
        self._active: list[Assignment] | None = None
        self._by_member: dict[str, list[Assignment]] = {}

    def area_ids(self, member: str, task: str | None, own: list[str], active: list[Assignment]) -> list[str]:
        """The areas a text is about: its own, else those of the member's assignment(s)."""
        if own:
            return own
        if self._active is not active:  # index by member once, not a scan per text (10,000 members)
            self._active, self._by_member = active, {}
            for assignment in active:
                self._by_member.setdefault(assignment.member, []).append(assignment)
        found: list[str] = []
        for assignment in self._by_member.get(member, ()):
            if task is None or assignment.task == task:
                found += [area for area in assignment.areas if area not in found]
        return found


def _ref(path: str, rep: Report, names: dict[str, str], late: set[tuple[str, str]]) -> ReportRef:
    member = names.get(rep.member, rep.member)
    return ReportRef(path, rep.member, member, rep.period, rep.date, rep.title, rep.submitted,
                     (member, rep.period or "") in late)


def _entry(rep: Report, result: Result, names: dict[str, str], vocab: _Vocabulary,
           active: list[Assignment]) -> Entry:
    areas = vocab.area_ids(rep.member, result.task, result.areas, active)
    return Entry(rep.member, names.get(rep.member, rep.member), result.task, result.text.strip(),
                 [vocab.subjects.get(s, s) for s in result.subjects], [vocab.fields.get(f, f) for f in result.fields],
                 [vocab.areas.get(a, a) for a in areas], areas)


def _by_task(plan: Plan, entries: list[Entry]) -> list[TaskGroup]:
    groups = [TaskGroup(task.id, task.short or task.text.split(".")[0], [e for e in entries if e.task == task.id])
              for task in plan.tasks()]
    known = {task.id for task in plan.tasks()}
    others = [e for e in entries if e.task not in known]
    if others:
        groups.append(TaskGroup("", _("Công việc khác"), others))
    return [group for group in groups if group.entries]


def _by_area(vocab: _Vocabulary, entries: list[Entry]) -> list[AreaGroup]:
    groups: list[AreaGroup] = []
    for area in [*vocab.area_order, *sorted({a for e in entries for a in e.area_ids} - set(vocab.area_order))]:
        chosen = [e for e in entries if area in e.area_ids]
        if chosen:
            groups.append(AreaGroup(area, vocab.areas.get(area, area), chosen))
    loose = [e for e in entries if not e.area_ids]
    if loose:
        groups.append(AreaGroup(NO_AREA, _("Không ghi địa bàn"), loose))
    return groups


def _situation(chosen: list[tuple[str, Report]], names: dict[str, str], vocab: _Vocabulary,
               active: list[Assignment]) -> list[SituationEntry]:
    found = []
    for _path, rep in chosen:
        overview, thoughts = rep.situation.overview.strip(), rep.situation.thoughts.strip()
        if overview or thoughts:
            areas = [vocab.areas.get(a, a) for a in vocab.area_ids(rep.member, None, [], active)]
            found.append(SituationEntry(rep.member, names.get(rep.member, rep.member), areas, overview, thoughts))
    return found


def _models(chosen: list[tuple[str, Report]], names: dict[str, str], vocab: _Vocabulary) -> list[ModelEntry]:
    """Models reported by several members (same name and place, any spelling) appear once."""
    merged: dict[tuple[str, str], ModelEntry] = {}
    for _path, rep in chosen:
        for model in rep.models:
            key = (fold(model.name), fold(model.place))
            who = names.get(rep.member, rep.member)
            old = merged.get(key)
            if old is None:
                merged[key] = ModelEntry(model.name, model.place, model.description.strip(),
                                         vocab.areas.get(model.area, model.area) if model.area else None,
                                         model.replicate, [who])
            else:
                merged[key] = ModelEntry(old.name, old.place, old.description or model.description.strip(), old.area,
                                         old.replicate or model.replicate,
                                         old.reporters if who in old.reporters else [*old.reporters, who])
    return list(merged.values())


def _said(pairs: Iterable[tuple[str, str]]) -> list[Said]:
    """Sentences in first-seen order; the same sentence from several members appears once.

    The text keeps its paragraphs (blank lines); line wrapping and spacing do not make a difference.
    """
    merged: dict[str, tuple[str, dict[str, None]]] = {}  # members as an ordered set: linear, not quadratic
    for member, text in pairs:
        key = " ".join(text.split()).casefold()
        old = merged.get(key)
        if old is None:
            merged[key] = ("\n\n".join(paragraphs(text)), {member: None})
        else:
            old[1].setdefault(member, None)
    return [Said(text, list(members)) for text, members in merged.values()]


def _proposals(chosen: list[tuple[str, Report]], names: dict[str, str]) -> list[ProposalGroup]:
    bodies: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for _path, rep in chosen:
        for proposal in rep.proposals:
            key = fold(proposal.to)
            label, items = bodies.setdefault(key, (proposal.to.strip(), []))
            items.append((names.get(rep.member, rep.member), proposal.text))
    return [ProposalGroup(label, _said(items)) for label, items in bodies.values()]


# --- figures ------------------------------------------------------------------------------------


def combine(indicator: Indicator, values: list[Decimal]) -> Decimal | None:
    """One member's values for ``indicator`` across periods (oldest first), by its aggregate."""
    if not values:
        return None
    if indicator.aggregate == "max":
        return max(values)
    if indicator.aggregate == "last":
        return values[-1]
    return sum(values, Decimal(0))


def _by_member(reports: list[Report]) -> dict[str, list[Report]]:
    """Each member's reports, oldest first — grouped once, not filtered per member and indicator."""
    grouped: dict[str, list[Report]] = {}
    for rep in sorted(reports, key=lambda rep: (rep.period or "", rep.submitted)):
        grouped.setdefault(rep.member, []).append(rep)
    return grouped


def _member_values(indicators: list[Indicator], grouped: dict[str, list[Report]]) -> dict[str, dict[str, Decimal]]:
    """Per member, each indicator's value combined over the member's reports (oldest first).

    One pass over each report's figures, not one scan of the reports per member and indicator;
    an indicator the member never reported is absent (its value is None).
    """
    values: dict[str, dict[str, Decimal]] = {}
    for member, ordered in grouped.items():
        collected: dict[str, list[Decimal]] = {}
        for rep in ordered:
            for key, value in rep.indicators.items():
                found = collected.get(key)
                if found is None:
                    collected[key] = [value]
                else:
                    found.append(value)
        combined: dict[str, Decimal] = {}
        for ind in indicators:
            figure = combine(ind, collected.get(ind.id, []))
            if figure is not None:
                combined[ind.id] = figure
        values[member] = combined
    return values


def _sums(indicators: list[Indicator], values: dict[str, dict[str, Decimal]]) -> dict[str, Decimal]:
    """Per indicator, the members' values added up in member order; absent when nobody reported it."""
    found: dict[str, list[Decimal]] = {ind.id: [] for ind in indicators}
    for member in sorted(values):
        for key, figure in values[member].items():
            found[key].append(figure)
    return {key: sum(figures, Decimal(0)) for key, figures in found.items() if figures}


def _totals(indicators: list[Indicator], now: dict[str, dict[str, Decimal]],
            past: dict[str, dict[str, Decimal]]) -> list[IndicatorTotal]:
    period = _sums(indicators, now)
    cumulative = period if past is now else _sums(indicators, past)
    return [IndicatorTotal(ind.id, ind.label, ind.unit, ind.type, ind.aggregate,
                           period.get(ind.id), cumulative.get(ind.id)) for ind in indicators]


def _member_figures(plan: Plan, roster: Roster, now: dict[str, dict[str, Decimal]],
                    past: dict[str, dict[str, Decimal]], vocab: _Vocabulary,
                    active: list[Assignment]) -> list[MemberFigures]:
    indicators = plan.reporting.indicators
    nothing: dict[str, Decimal] = {}
    found = []
    for member in roster.members:
        current, cumulative = now.get(member.id, nothing), past.get(member.id, nothing)
        if not current and not cumulative:  # members who never reported a figure are not in the annex
            continue
        rows = []
        for ind in indicators:
            period, total = current.get(ind.id), cumulative.get(ind.id)
            if period or total:  # only the non-zero figures
                rows.append(IndicatorTotal(ind.id, ind.label, ind.unit, ind.type, ind.aggregate, period, total))
        areas = [vocab.areas.get(a, a) for a in vocab.area_ids(member.id, None, [], active)]
        found.append(MemberFigures(member.id, member.name, areas, rows))
    return found


# --- who reported -------------------------------------------------------------------------------


def weeks_in(period: Period, plan: Plan) -> list[Period]:
    """The reporting weeks whose last day lies in ``period`` (for a week: itself)."""
    if period.kind == "week":
        return [period]
    found = []
    current = periods.week_of(period.start, plan.reporting)
    while current.start <= period.end:
        if period.start <= current.end <= period.end:
            found.append(current)
        current = periods.week_of(current.end + dt.timedelta(days=1), plan.reporting)
    return found


def submission(plan: Plan, roster: Roster, reports: list[Report], assignments: list[Assignment],
               period: Period) -> Submission:
    """For every reporting week in ``period``: who reported on time, late, not at all, or was on leave.

    The same rule as ``dvcli status``: a member is expected when an assignment is active in the
    week and no leave covers it; a report from anyone counts as received.
    """
    weeks = []
    assigned: dict[str, list[Assignment]] = {}
    for assignment in assignments:
        assigned.setdefault(assignment.member, []).append(assignment)
    for window in weeks_in(period, plan):
        deadline = periods.due(window, plan.reporting)
        weekly = {rep.member: rep for rep in reports if rep.period == window.label}
        on_time: list[str] = []
        late: list[str] = []
        missing: list[str] = []
        leave: list[str] = []
        for member in roster.members:
            rep = weekly.get(member.id)
            if rep is not None:
                (late if periods.aware(rep.submitted, plan.reporting) > deadline else on_time).append(member.name)
            elif not any(a.active(window.start, window.end) for a in assigned.get(member.id, ())):
                continue
            elif member.on_leave(window.start, window.end):
                leave.append(member.name)
            else:
                missing.append(member.name)
        weeks.append(WeekStatus(window, deadline, on_time, late, missing, leave))
    return Submission(
        expected=sum(len(w.on_time) + len(w.late) + len(w.missing) for w in weeks),
        received=sum(len(w.on_time) + len(w.late) for w in weeks),
        late=sum(len(w.late) for w in weeks), missing=sum(len(w.missing) for w in weeks), weeks=weeks)


# --- the document's formal parts ------------------------------------------------------------------

_STATE_AUTHORITY = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "T/U/Q": "TUQ."}


@dataclass(frozen=True)
class Heading:
    """The formal parts of the document for one template and profile (DOCUMENT-FORMAT.md)."""

    profile: str
    parent_header: str
    issuer_header: str
    national: list[str]
    number_line: str
    symbol: str
    place: str
    date: dt.date
    kind_title: str
    subject: str
    period_text: str
    draft: bool
    authority: str
    signer_title: str
    signer_name: str
    recipients_label: str
    recipients: list[str]


def symbol(profile: str, number: int | None, type_code: str, issuer_code: str) -> str:
    """``25-BC/BDVTW`` (Party) or ``25/BC-BDVTW`` (State); a blank number in a preview."""
    shown = f"{number:02d}" if number is not None else "     "
    return f"{shown}-{type_code}/{issuer_code}" if profile == "dang" else f"{shown}/{type_code}-{issuer_code}"


def number_line(profile: str, number: int | None, type_code: str, issuer_code: str) -> str:
    text = symbol(profile, number, type_code, issuer_code)
    return f"Số {text}" if profile == "dang" else f"Số: {text}"


def heading(plan: Plan, roster: Roster, output: OutputDocument, report: ConsolidatedReport,
            number: int | None, date: dt.date) -> Heading:
    profile = plan.reporting.profile
    doc = plan.document
    leader = roster.member(plan.group.leader)
    signer = output.signature.name or (leader.name if leader else "")
    authority = output.signature.authority
    if profile != "dang":
        for party, state in _STATE_AUTHORITY.items():
            authority = authority.replace(party + " ", state + " ")
    period_text = report.period.describe()
    if report.kind == KIND_AD_HOC and report.title:
        period_text = f"{report.title}, {period_text}"
    national = [doc.party_header] if profile == "dang" else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                            "Độc lập - Tự do - Hạnh phúc"]
    return Heading(
        profile=profile, parent_header=doc.parent_header, issuer_header=output.issuer_header or doc.issuer_header,
        national=national, number_line=number_line(profile, number, output.type_code, output.issuer_code),
        symbol=symbol(profile, number, output.type_code, output.issuer_code).strip(),
        place=doc.place, date=date, kind_title=_("BÁO CÁO"), subject=output.subject, period_text=f"({period_text})",
        draft=output.draft, authority=authority, signer_title=output.signature.title, signer_name=signer,
        recipients_label=_("Nơi nhận:"), recipients=recipient_lines(profile, output.recipients),
    )


def recipient_lines(profile: str, recipients: list[str]) -> list[str]:
    """Printed lines: Party ``- X,`` … ``- Lưu VT.``; State ``- X;`` … ``- Lưu: VT, ….``"""
    lines = []
    for index, text in enumerate(recipients):
        text = text.strip().rstrip(",;.")
        last = index == len(recipients) - 1
        if profile != "dang" and last and text.startswith("Lưu") and not text.startswith("Lưu:"):
            text = "Lưu: " + ", ".join(part.strip() for part in text[3:].split(","))
        lines.append(f"- {text}{'.' if last else (',' if profile == 'dang' else ';')}")
    return lines
