"""``dvcli report new``: a member's report for a period, validated, then stored once and committed.

``report new`` works like ``git commit``: a pre-filled draft in ``.dvcli/drafts/`` is edited,
validated, and only then stored (``atomic.create``: an existing report is never overwritten).
The draft is deleted once the report is stored and kept otherwise, so typed text is never lost.
The CLI runs the editor and asks the questions; this module only prepares, validates, saves.
The file's text (skeleton, canonical form) is ``report_text``'s; listing and showing, ``report_list``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import atomic, paths, snapshot, yamlio
from ..errors import ConflictError, DataError, DvcliError, NotFoundError, Problem
from ..i18n import _
from ..model import Member, Plan, Report
from ..model.common import MAX_FILE_BYTES
from ..names import fold
from ..periods import Period, current, parse_date, parse_week, week_of
from ..rawio import read_bytes
from ..store import Store
from .members import find_member
from .report_text import canonical, skeleton
from .writes import Written, locked_write, now

SLUG_LENGTH = 60


@dataclass(frozen=True)
class Target:
    """The report being written: whose, for which period (or ad-hoc date and title), where."""

    member: Member
    period: Period | None
    date: dt.date | None
    title: str | None
    path: Path
    draft: Path
    request: str | None = None
    """The request (``data/requests/<id>.yaml``) an ad-hoc report answers (``report new --request``)."""

    @property
    def label(self) -> str:
        if self.period is not None:
            return f"{self.member.id} {self.period.label}"
        return f"{self.member.id} {self.date} {_('đột xuất')}"


def _slug(title: str) -> str:
    """The file-name part of an ad-hoc title: its slug, at most ``SLUG_LENGTH`` characters.

    A longer slug keeps its start and ends in 7 hex digits of the whole slug's SHA-256, so two
    titles that differ only after the 60th character never share a file (nor a draft).
    """
    slug = fold(title)
    if len(slug) > SLUG_LENGTH:
        import hashlib

        digest = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:7]
        slug = f"{slug[:SLUG_LENGTH - 8].strip('-')}-{digest}"
    return slug or "bao-cao"


def default_week(plan: Plan, moment: dt.datetime) -> Period:
    """The week a report is being written for when none is named: the current period (``periods.current``)."""
    return current(plan.reporting, moment)


def _period_of(text: str, plan: Plan, moment: dt.datetime) -> Period:
    return parse_week(text, plan.reporting, moment.date())


def target(store: Store, member_query: str, week_text: str | None = None, date_text: str | None = None,
           ad_hoc: bool = False, title: str | None = None, given: dict[str, Any] | None = None,
           request: str | None = None) -> Target:
    """Resolve who and which period from the options (and a given file's own fields)."""
    plan, roster = store.plan(), store.roster()
    member = find_member(roster, member_query)
    moment = now(plan.reporting)
    given = given or {}
    ws = store.ws
    if request is not None:
        return _answering(store, member, request, week_text, date_text, title, moment.date())
    file_title = given.get("title") if isinstance(given.get("title"), str) else None
    if ad_hoc or title or (not given.get("period") and file_title and not week_text):
        title = (title or file_title or "").strip()
        if not title:
            raise DvcliError(_("báo cáo đột xuất cần tiêu đề"),
                             _("thêm --title \"Tình hình ...\", ví dụ: dvcli report new {m} --ad-hoc --title "
                               "\"Tình hình tại khu công nghiệp\"").format(m=member.id))
        day_text = date_text or (given.get("date") if isinstance(given.get("date"), str) else None)
        day = parse_date(day_text) if day_text else moment.date()
        period = week_of(day, plan.reporting)
        path = snapshot.ad_hoc_path(ws, day, period.year, period.week, member.id, _slug(title))
        draft = ws.state_dir / "drafts" / f"{day.isoformat()}-{member.id}-{_slug(title)}.yaml"
        return Target(member, None, day, title, path, draft)
    if week_text:
        period = _period_of(week_text, plan, moment)
    elif isinstance(given.get("period"), str):
        period = _period_of(given["period"], plan, moment)
    elif date_text:
        period = week_of(parse_date(date_text), plan.reporting)
    else:
        period = default_week(plan, moment)
    path = ws.report_path(period.year, period.week, member.id)
    return Target(member, period, None, None, path, ws.state_dir / "drafts" / f"{period.label}-{member.id}.yaml")


def _answering(store: Store, member: Member, request: str, week_text: str | None, date_text: str | None,
               title: str | None, today: dt.date) -> Target:
    """The ad-hoc report ``member`` files against a request: the request's title, dated today (or ``--date``)."""
    from . import requests

    if week_text:
        raise DvcliError(_("--week không dùng cùng --request"),
                         _("báo cáo trả lời yêu cầu là báo cáo đột xuất: bỏ --week (có thể thêm --date NGÀY)"))
    asked = requests.find(store, request)
    if title and " ".join(title.split()) != asked.title:
        raise DvcliError(_("--title không dùng cùng --request: tiêu đề lấy từ yêu cầu \"{t}\"").format(t=asked.title),
                         _("bỏ --title"))
    day = parse_date(date_text) if date_text else today
    period = week_of(day, store.plan().reporting)
    slug = _slug(asked.title)
    path = snapshot.ad_hoc_path(store.ws, day, period.year, period.week, member.id, slug)
    draft = store.ws.state_dir / "drafts" / f"{day.isoformat()}-{member.id}-{slug}.yaml"
    return Target(member, None, day, asked.title, path, draft, asked.id)


def refuse_existing(store: Store, tgt: Target) -> None:
    if tgt.path.exists():
        shown = store.ws.rel(tgt.path)
        raise ConflictError(
            _("đã có báo cáo {label} ({p}); dvcli không ghi đè báo cáo đã nộp").format(label=tgt.label, p=shown),
            _("để sửa báo cáo đã nộp: dvcli report edit {m} {w}").format(m=tgt.member.id, w=period_option(tgt)))


def period_option(tgt: Target) -> str:
    """How ``report edit`` is told which report ``tgt`` is."""
    if tgt.period is not None:
        return f"--week {tgt.period.label}"
    return f"--date {tgt.date.isoformat() if tgt.date else ''} --title \"{tgt.title}\""


# --- validating and saving -----------------------------------------------------------------


@dataclass
class Checked:
    """A file read as a report for ``tgt``: the record and its canonical text, or the problems."""

    record: Report | None
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    empty: bool = False


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _drop_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_drop_nulls(item) for item in value]
    if isinstance(value, str):
        lines = [line.rstrip() for line in value.strip().split("\n")]
        return "\n".join(lines)
    return value


def read_plain(path: Path, display: str) -> Any:
    return yamlio.loads(read_bytes(path, MAX_FILE_BYTES), display)


def check_file(store: Store, tgt: Target, path: Path) -> Checked:
    """Validate ``path`` as the report ``tgt``, filling member, period and submitted if absent."""
    from .. import schema
    from ..checks import records as record_rules

    plan, roster = store.plan(), store.roster()
    display = store.ws.rel(path)
    try:
        data = read_plain(path, display)
    except DataError as exc:
        return Checked(None, problems=exc.problems)
    if data is None:
        return Checked(None, empty=True)
    if not isinstance(data, dict):
        return Checked(None, problems=[Problem(display, 1, "", _("báo cáo phải là bảng các trường (member: …)"),
                                               _("bắt đầu lại từ khung: xoá tệp này rồi chạy lại lệnh"))])
    data = _drop_nulls(data)
    problems = _identity(store, tgt, path, data, plan)
    data.setdefault("submitted", now(plan.reporting).isoformat(sep=" "))
    record, errors = schema.validate(Report, data)
    if record is None:
        problems += [Problem(display, yamlio.line_of(path, list(error.loc)), error.field, error.message, error.hint)
                     for error in errors]
        return Checked(None, problems=problems)
    problems += record_rules.report_rules(store, path, record, plan, roster, now(plan.reporting).date())
    if problems:
        return Checked(None, problems=problems)
    return Checked(record, canonical(record))


def _identity(store: Store, tgt: Target, path: Path, data: dict[str, Any], plan: Plan) -> list[Problem]:
    display = store.ws.rel(path)
    problems: list[Problem] = []

    def expect(key: str, value: str) -> None:
        if key not in data:
            data[key] = value
        elif data[key] != value:
            problems.append(Problem(display, yamlio.line_of(path, [key]), key,
                                    _("báo cáo này là của {label} nhưng {k} là \"{v}\"").format(
                                        label=tgt.label, k=key, v=data[key]),
                                    _("sửa {k}: {want}, hoặc chọn đúng thành viên và kỳ trong lệnh").format(
                                        k=key, want=value)))

    expect("member", tgt.member.id)
    if tgt.period is not None:
        expect("period", tgt.period.label)
    else:
        expect("date", tgt.date.isoformat() if tgt.date else "")
        expect("title", tgt.title or "")
        if tgt.request is not None:
            expect("request", tgt.request)
    return problems


@dataclass
class Saved:
    path: str
    label: str
    written: Written
    record: Report


def save(store: Store, tgt: Target, checked: Checked, commit: bool) -> Saved:
    assert checked.record is not None
    plan = store.plan()
    label = tgt.period.label if tgt.period else f"{tgt.date} {_('đột xuất')}"
    message = _("báo cáo: {m} {p}").format(m=tgt.member.id, p=label)
    shown = store.ws.rel(tgt.path)

    def write() -> list[Path]:
        if not atomic.create(tgt.path, checked.text.encode("utf-8")):
            refuse_existing(store, tgt)
        return [tgt.path]

    written = locked_write(store.ws, message, commit, write)
    del plan
    return Saved(shown, tgt.label, written, checked.record)


def from_file(store: Store, member: str, source: Path, week_text: str | None, date_text: str | None,
              ad_hoc: bool, title: str | None, commit: bool, request: str | None = None) -> Saved:
    """Store the report in ``source`` (validated; its member and period must match or are filled)."""
    if not source.is_file():
        raise NotFoundError(_("không có tệp {p}").format(p=source), _("kiểm tra đường dẫn của --from-file"))
    given = read_plain(source, str(source))
    tgt = target(store, member, week_text, date_text, ad_hoc, title, given if isinstance(given, dict) else None,
                 request)
    refuse_existing(store, tgt)
    checked = check_file(store, tgt, source)
    if checked.empty:
        raise DvcliError(_("tệp {p} trống").format(p=source), _("viết báo cáo vào tệp, hoặc bỏ --from-file"))
    if checked.record is None:
        raise DataError(checked.problems)
    return save(store, tgt, checked, commit)


# --- the draft session (the CLI runs the editor in between) --------------------------------


@dataclass
class Session:
    target: Target
    draft: Path
    draft_shown: str
    original: str | None  # the skeleton as written; None when an earlier draft was resumed

    @property
    def resumed(self) -> bool:
        return self.original is None


def start(store: Store, member: str, week_text: str | None, date_text: str | None, ad_hoc: bool,
          title: str | None, request: str | None = None) -> Session:
    """Resolve the target, refuse an existing report, and write (or resume) the draft."""
    tgt = target(store, member, week_text, date_text, ad_hoc, title, request=request)
    refuse_existing(store, tgt)
    shown = store.ws.rel(tgt.draft)
    if tgt.draft.exists():
        return Session(tgt, tgt.draft, shown, None)
    text = skeleton(store, tgt)
    if tgt.draft.is_relative_to(store.ws.root):
        paths.inside(store.ws.root, tgt.draft)  # a draft is never written through a symlink either
    atomic.write_text(tgt.draft, text)
    return Session(tgt, tgt.draft, shown, text)


def unchanged(session: Session) -> bool:
    return session.original is not None and session.draft.read_text(encoding="utf-8") == session.original


def discard(session: Session) -> None:
    session.draft.unlink(missing_ok=True)


def no_edit(store: Store, member: str, week_text: str | None, date_text: str | None, ad_hoc: bool,
            title: str | None, commit: bool, request: str | None = None) -> Saved:
    """Store the pre-filled skeleton as it is (when it is a valid report)."""
    session = start(store, member, week_text, date_text, ad_hoc, title, request)
    checked = check_file(store, session.target, session.draft)
    from ..checks.records import empty_message

    if checked.record is None and [problem.message for problem in checked.problems] == [empty_message()]:
        if not session.resumed:
            discard(session)
        raise DvcliError(_("khung báo cáo chưa có nội dung nên không lưu"),
                         _("viết báo cáo: dvcli report new {m} (mở trình soạn thảo) hoặc --from-file TỆP; nếu kỳ "
                           "này không có gì để báo cáo: --nothing-to-report").format(m=session.target.member.id))
    if checked.record is None:
        raise DataError(checked.problems or [Problem(session.draft_shown, None, "", _("bản nháp trống"), None)])
    saved = save(store, session.target, checked, commit)
    discard(session)
    return saved


def nothing_to_report(store: Store, member: str, week_text: str | None, date_text: str | None, ad_hoc: bool,
                      title: str | None, commit: bool, request: str | None = None) -> Saved:
    """Store a report that states, explicitly, that there is nothing to report for the period."""
    tgt = target(store, member, week_text, date_text, ad_hoc, title, request=request)
    refuse_existing(store, tgt)
    identity: dict[str, Any] = {"member": tgt.member.id}
    if tgt.period is not None:
        identity["period"] = tgt.period.label
    else:
        identity |= {"date": tgt.date, "title": tgt.title}
        if tgt.request is not None:
            identity["request"] = tgt.request
    draft = tgt.draft.with_name("khong-co-noi-dung-" + tgt.draft.name)  # never the member's own draft
    atomic.write_text(draft, yamlio.dumps({**identity, "nothing_to_report": True}))
    try:
        checked = check_file(store, tgt, draft)
        if checked.record is None:
            raise DataError(checked.problems)
        return save(store, tgt, checked, commit)
    finally:
        draft.unlink(missing_ok=True)
