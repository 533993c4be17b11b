"""``dvcli report import``: received files (forms, YAML, e-mails) → validated reports, originals kept.

All or nothing: every file is read and validated first; only when all are good are the originals
(``data/received/<year>/W<ww>/<member>/<sha256 prefix>-<name>``) and the reports written, under
the workspace lock, in one commit. The same file imported again is a no-op that says so; a
different file for a report that exists is refused unless ``--replace`` (``report.replace``:
the report is rewritten and git keeps the earlier version).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import atomic, snapshot
from ..errors import ConflictError, DataError, DvcliError, NotFoundError, Problem
from ..i18n import _
from ..model import Report, Roster
from ..periods import zone
from ..store import Store
from .report import Target, target
from .report_read import read
from .report_text import canonical
from .writes import Written, locked_write, now

VIAS = ("email", "paper", "zalo", "hand", "file")


@dataclass
class Incoming:
    """One thing to import: a file's bytes and how it came."""

    display: str
    name: str
    data: bytes
    via: str
    at: dt.datetime | None = None
    sender: str | None = None
    message_id: str | None = None
    member: str | None = None
    """The member a message's sender was matched to."""
    body: str | None = None
    """An e-mail's text when it had no attachment."""


@dataclass
class Outcome:
    display: str
    label: str
    path: str
    state: str  # "saved", "same" (already imported), "replaced"
    notes: list[str] = field(default_factory=list)
    review: bool = False


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    written: Written | None = None


@dataclass
class _Planned:
    outcome: Outcome
    tgt: Target
    text: str
    original: Path
    data: bytes
    replace: bool
    digest: str = ""  # the stored report's SHA-256 when it is replaced (report_edit.replace_stored)


def parse_received_at(text: str | None, regime: Any) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise DvcliError(_("--received-at \"{v}\" không phải thời điểm").format(v=text),
                         _("viết dạng 2021-09-27 09:30 hoặc 2021-09-27T09:30+07:00")) from None
    return local(moment, regime)


def local(moment: dt.datetime, regime: Any) -> dt.datetime:
    """``moment`` as the plan's wall-clock time, without a zone (as reports write ``submitted``)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone(regime)).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def safe_name(name: str) -> str:
    from slugify import slugify

    suffix = Path(name).suffix.lower()
    stem = slugify(Path(name).stem, max_length=60) or "tep"
    return stem + (suffix if suffix[1:].isalnum() and len(suffix) <= 6 else "")


def _received_path(store: Store, tgt: Target, sha: str, name: str) -> Path:
    week = tgt.period or None
    if week is not None:
        folder = store.ws.data / "received" / f"{week.year}" / f"W{week.week:02d}" / tgt.member.id
    else:
        assert tgt.date is not None
        folder = store.ws.data / "received" / f"{tgt.date.year}" / "dot-xuat" / tgt.member.id
    return folder / f"{sha[:12]}-{safe_name(name)}"


def _plan(store: Store, item: Incoming, member: str | None, week: str | None, as_text: bool,
          replace: bool) -> _Planned | None:
    from .. import schema
    from ..checks import records as rules

    plan, roster = store.plan(), store.roster()
    if item.body is not None:
        from .report_read import as_text_report

        got = as_text_report(item.body.split("\n\n"))
        got.notes = [_("thư không có tệp đính kèm: nhập nội dung thư, cần xem lại")]
    else:
        got = read(plan, item.display, item.name, item.data, as_text)
    data = got.data
    who = member or item.member or (data.get("member") if isinstance(data.get("member"), str) else None)
    if not who:
        raise DvcliError(_("{f}: không biết báo cáo của ai").format(f=item.display),
                         _("thêm --member THÀNH_VIÊN"))
    ad_hoc = not data.get("period") and bool(data.get("title")) and not week
    tgt = target(store, who, week, data.get("date") if ad_hoc else None, ad_hoc, None, data)
    problems = []
    for key, want in (("member", tgt.member.id), ("period", tgt.period.label if tgt.period else None)):
        given = data.get(key)
        if want is not None and given not in (None, "", want):
            problems.append(Problem(item.display, None, key,
                                    _("tệp là của {v} nhưng đang nhập cho {w}").format(v=given, w=want),
                                    _("bỏ --member/--week để nhập theo tệp, hoặc chọn đúng tệp")))
        if want is not None:
            data[key] = want
    sha = hashlib.sha256(item.data).hexdigest()
    moment = local(item.at or now(plan.reporting), plan.reporting)
    original = _received_path(store, tgt, sha, item.name)
    received: dict[str, Any] = {"file": store.ws.rel(original), "sha256": sha, "via": item.via, "at": moment,
                                "name": item.name}
    if item.sender:
        received["sender"] = item.sender
    if item.message_id:
        received["message_id"] = item.message_id
    if got.review:
        received["review"] = True
    if got.notes:
        received["notes"] = got.notes
    data.pop("received", None)
    data["received"] = received
    if got.kind != "yaml" or "submitted" not in data:
        data["submitted"] = moment
    record, errors = schema.validate(Report, data)
    if record is None:
        raise DataError(problems + [Problem(item.display, None, error.field, error.message, error.hint)
                                    for error in errors])
    problems += [Problem(item.display, None, p.field, p.message, p.hint)
                 for p in rules.report_rules(store, Path(item.display), record, plan, roster, moment.date())]
    if problems:
        raise DataError(problems)
    outcome = Outcome(item.display, tgt.label, store.ws.rel(tgt.path), "saved", got.notes, got.review)
    if snapshot.stored_file(store.ws, tgt.path):
        existing = store.load(tgt.path, Report)
        if existing.received is not None and existing.received.sha256 == sha:
            outcome.state = "same"
            return _Planned(outcome, tgt, "", original, item.data, False)
        if not replace:
            raise ConflictError(
                _("{f}: đã có báo cáo {l} ({p}) từ {src}; dvcli không ghi đè").format(
                    f=item.display, l=tgt.label, p=store.ws.rel(tgt.path),
                    src=existing.received.name if existing.received else _("tệp YAML")),
                _("để thay bằng tệp này (lịch sử vẫn giữ trong git): thêm --replace"))
        outcome.state = "replaced"
        # as report edit does: the first submission time stays, the correction is dated
        record = dataclasses.replace(record, submitted=existing.submitted, revised=moment)
        return _Planned(outcome, tgt, canonical(record), original, item.data, True,
                        snapshot.stored_digest(store.ws, tgt.path))
    return _Planned(outcome, tgt, canonical(record), original, item.data, False)


def run(store: Store, items: list[Incoming], member: str | None, week: str | None, as_text: bool,
        replace: bool, commit: bool, unattributed: list[str] | None = None) -> Result:
    planned: list[_Planned] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for item in items:
        try:
            step = _plan(store, item, member, week, as_text, replace)
        except DataError as exc:
            problems += exc.problems
            continue
        if step is None:
            continue
        key = str(step.tgt.path)
        if key in seen and step.outcome.state != "same":
            raise ConflictError(_("{a} và {b} cùng là báo cáo {l}").format(a=seen[key], b=item.display,
                                                                         l=step.tgt.label),
                                _("nhập từng tệp một; tệp sau cần --replace"))
        seen[key] = item.display
        planned.append(step)
    if problems:
        raise DataError(problems)
    result = Result(unattributed=list(unattributed or []))
    result.outcomes = [step.outcome for step in planned]
    todo = [step for step in planned if step.outcome.state != "same"]
    if not todo:
        return result
    labels = ", ".join(step.tgt.label for step in todo)
    message = _("báo cáo: nhập {l}").format(l=labels) if all(not s.replace for s in todo) else \
        _("báo cáo: thay {l} bằng tệp nhận được").format(l=labels)

    def write() -> list[Path]:
        written = []
        for step in todo:
            if not step.original.exists():
                atomic.write_bytes(step.original, step.data)
                written.append(step.original)
            if step.replace:
                from .report_edit import replace_stored

                replace_stored(store, step.tgt, step.digest, step.text)
            elif not atomic.create(step.tgt.path, step.text.encode("utf-8")):
                raise ConflictError(_("đã có báo cáo {l}").format(l=step.tgt.label), _("thêm --replace"))
            written.append(step.tgt.path)
        return written

    result.written = locked_write(store.ws, message, commit, write)
    return result


def local_files(paths: list[Path], via: str, at: dt.datetime | None,
                roster: Roster) -> tuple[list[Incoming], list[str]]:
    """The files named on the command line: forms and YAML as they are, e-mail split into its parts."""
    from . import mail_read

    items: list[Incoming] = []
    unattributed: list[str] = []
    for path in paths:
        if path.is_dir():
            if not mail_read.is_maildir(path):
                raise NotFoundError(_("{p} là thư mục, không phải hộp thư Maildir").format(p=path),
                                    _("chỉ ra từng tệp, hoặc một thư mục Maildir (có cur/, new/)"))
            found, lost = mail_read.from_maildir(path, roster)
            items += found
            unattributed += lost
            continue
        if not path.is_file():
            raise NotFoundError(_("không có tệp {p}").format(p=path), _("kiểm tra đường dẫn"))
        from ..forms import safety

        if path.stat().st_size > safety.MAX_FILE:
            raise DvcliError(_("{f}: tệp quá lớn ({n} MB; tối đa {m} MB)").format(
                f=path.name, n=path.stat().st_size // (1024 * 1024), m=safety.MAX_FILE // (1024 * 1024)),
                _("xoá ảnh dán trong tệp hoặc gửi lại bản chỉ có chữ"))
        data = path.read_bytes()
        kind = mail_read.kind_of(path, data)
        if kind == "eml":
            found, lost = mail_read.from_eml(path.name, data, roster)
        elif kind == "mbox":
            found, lost = mail_read.from_mbox(path, roster)
        else:
            found, lost = [Incoming(path.name, path.name, data, via, at)], []
        for item in found:
            if at is not None:
                item.at = at
            if item.via != "email":
                item.via = via
        items += found
        unattributed += lost
    return items, unattributed
