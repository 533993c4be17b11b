"""``dvcli report edit``: correct a stored report, keeping its first submission time.

Works like ``report new``: the report's current text is copied to a draft in ``.dvcli/drafts/``,
edited, validated with the same rules, and only then stored — here by an atomic replace of the
existing file (``report new`` never replaces one). ``submitted`` stays the first submission's;
``revised`` records when the report was last corrected. The replace happens under the workspace
lock and only if the file is still what the edit started from, so two people correcting the same
report never silently overwrite each other.

``replace`` is the non-interactive path (``--from-file``, and ``report import --replace``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import atomic, snapshot, yamlio
from ..errors import ConflictError, DataError, DvcliError, NotFoundError, Problem
from ..i18n import _
from ..model import Report
from ..store import Store
from .report import Checked, Saved, Target, check_file, period_option, target
from .report_text import canonical
from .writes import locked_write, now

__all__ = ["Edited", "Existing", "Session", "check_edit", "discard", "existing", "period_option", "replace",
           "save", "start", "unchanged"]


@dataclass(frozen=True)
class Existing:
    """The stored report being corrected: where it is, its bytes' digest, its first submission."""

    target: Target
    digest: str
    submitted: str | None  # the stored ``submitted:`` text; None when the file has none


def existing(store: Store, member: str | None, week_text: str | None = None, date_text: str | None = None,
             title: str | None = None, path_text: str | None = None) -> Existing:
    """The report to correct: by member and period (or ad-hoc date and title), or by its path."""
    if path_text is not None:
        path = _report_path(store, path_text)
        header = snapshot.read_header(path)
        if header.period:
            tgt = target(store, header.member or member or "", header.period)
        else:
            tgt = target(store, header.member or member or "", None, header.date, True, header.title)
        if tgt.path != path:
            raise DvcliError(_("{p} không nằm đúng chỗ của báo cáo {label}").format(p=store.ws.rel(path), label=tgt.label),
                             _("chạy dvcli check để xem tệp cần chuyển về đâu"))
    else:
        assert member is not None
        tgt = target(store, member, week_text, date_text, bool(title), title)
    if not snapshot.stored_file(store.ws, tgt.path):
        shown = store.ws.rel(tgt.path)
        raise NotFoundError(_("chưa có báo cáo {label} ({p}) để sửa").format(label=tgt.label, p=shown),
                            _("viết báo cáo mới bằng: dvcli report new {m}").format(m=tgt.member.id))
    header = snapshot.read_header(tgt.path)
    return Existing(tgt, snapshot.stored_digest(store.ws, tgt.path), header.submitted_text)


def _report_path(store: Store, text: str) -> Path:
    for candidate in (store.ws.root / text, Path(text)):
        located = snapshot.named(candidate)
        if located.is_relative_to(store.ws.reports_dir) and snapshot.stored_file(store.ws, located):
            return located
    raise NotFoundError(_("không có tệp báo cáo {p}").format(p=text),
                        _("chỉ một tệp trong data/reports/, hoặc dùng: dvcli report edit THÀNH-VIÊN --week KỲ"))


def _edit_draft(tgt: Target) -> Path:
    return tgt.draft.with_name("sua-" + tgt.draft.name)


def check_edit(store: Store, current: Existing, path: Path, revised: dt.datetime | None = None,
               keep_submitted: bool = False) -> Checked:
    """``path`` validated as the corrected report: same rules as a new one, ``submitted`` kept.

    ``keep_submitted``: the new text's own ``submitted`` is ignored (an imported file carries its
    own received time); otherwise a ``submitted`` that differs from the stored one is a problem.
    """
    checked = check_file(store, current.target, path)
    if checked.record is None:
        return checked
    record = checked.record
    display = store.ws.rel(path)
    original = _parse_submitted(current.submitted)
    if original is None:
        original = record.submitted  # a hand-made file without one: the first time dvcli sees it
    given = _submitted_given(path, display)
    if given is not None and not keep_submitted and _parse_submitted(given) != original:
        line = yamlio.line_of(path, ["submitted"])
        return Checked(None, problems=[Problem(
            display, line, "submitted",
            _("submitted là thời điểm nộp lần đầu ({t}); sửa báo cáo không đổi được thời điểm này").format(
                t=current.submitted),
            _("để nguyên dòng submitted: {t}; dvcli tự ghi thời điểm sửa vào revised").format(t=current.submitted))])
    moment = revised or now(store.plan().reporting)
    record = dataclasses.replace(record, submitted=original, revised=moment)
    return Checked(record, canonical(record))


def _parse_submitted(text: str | None) -> dt.datetime | None:
    return snapshot.parse_moment(text) if text else None


def _submitted_given(path: Path, display: str) -> str | None:
    data = yamlio.loads(path.read_bytes(), display)
    value = data.get("submitted") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


@dataclass
class Edited:
    saved: Saved | None  # None: nothing changed, nothing written
    label: str
    path: str


def save(store: Store, current: Existing, checked: Checked, commit: bool) -> Edited:
    """Replace the stored report with ``checked`` — only if nobody changed it meanwhile."""
    assert checked.record is not None
    tgt = current.target
    shown = store.ws.rel(tgt.path)
    if _same_content(store, tgt.path, checked.record):
        return Edited(None, tgt.label, shown)
    period = tgt.period.label if tgt.period else f"{tgt.date} {_('đột xuất')}"
    message = _("sửa báo cáo: {m} {p}").format(m=tgt.member.id, p=period)

    def write() -> list[Path]:
        replace_stored(store, tgt, current.digest, checked.text)
        return [tgt.path]

    written = locked_write(store.ws, message, commit, write)
    return Edited(Saved(shown, tgt.label, written, checked.record), tgt.label, shown)


def replace_stored(store: Store, tgt: Target, digest: str, text: str) -> None:
    """The one path that rewrites a stored report (``report edit`` and ``report import --replace``).

    Called inside the command's transaction (lock held; git keeps the old text): refused when the
    file is gone or is no longer the one read (``digest``), so a concurrent change is never lost.
    """
    if not snapshot.stored_file(store.ws, tgt.path) or snapshot.stored_digest(store.ws, tgt.path) != digest:
        raise ConflictError(_("báo cáo {label} ({p}) vừa được sửa ở nơi khác trong lúc bạn sửa").format(
            label=tgt.label, p=store.ws.rel(tgt.path)), _("chạy lại lệnh để sửa trên bản mới nhất"))
    atomic.write_text(tgt.path, text)


def _same_content(store: Store, path: Path, record: Report) -> bool:
    """True when ``record`` says what the stored file says (read by the snapshot's reader), apart
    from when it was revised."""
    stored = store.read(path, Report).record
    return stored is not None and dataclasses.replace(stored, revised=None) == dataclasses.replace(record, revised=None)


def replace(store: Store, member: str | None, source: Path, week_text: str | None = None,
            date_text: str | None = None, title: str | None = None, commit: bool = True,
            path_text: str | None = None, revised: dt.datetime | None = None,
            keep_submitted: bool = False) -> Edited:
    """Replace a stored report by the report in ``source`` (validated exactly as ``report edit``).

    ``revised``: when the correction was made (default: now); ``keep_submitted``: ignore the
    file's own ``submitted`` (``report import --replace``). Nothing changed → nothing written.
    """
    current = existing(store, member, week_text, date_text, title, path_text)
    if not source.is_file():
        raise NotFoundError(_("không có tệp {p}").format(p=source), _("kiểm tra đường dẫn của --from-file"))
    checked = check_edit(store, current, source, revised, keep_submitted)
    if checked.empty:
        raise DvcliError(_("tệp {p} trống").format(p=source), _("viết báo cáo vào tệp, hoặc bỏ --from-file"))
    if checked.record is None:
        raise DataError(checked.problems)
    return save(store, current, checked, commit)


# --- the draft session (the CLI runs the editor in between) --------------------------------


@dataclass
class Session:
    current: Existing
    draft: Path
    draft_shown: str
    original: str | None  # the text as copied; None when an earlier draft was resumed

    @property
    def resumed(self) -> bool:
        return self.original is None

    @property
    def target(self) -> Target:
        return self.current.target


def start(store: Store, member: str | None, week_text: str | None = None, date_text: str | None = None,
          title: str | None = None, path_text: str | None = None) -> Session:
    """Find the report and copy its text into the draft (or resume a kept draft of this edit)."""
    current = existing(store, member, week_text, date_text, title, path_text)
    draft = _edit_draft(current.target)
    shown = store.ws.rel(draft)
    if draft.exists():
        return Session(current, draft, shown, None)
    text = _guide(current.target) + snapshot.stored_text(store.ws, current.target.path)
    atomic.write_text(draft, text)
    return Session(current, draft, shown, text)


def _guide(tgt: Target) -> str:
    return "\n".join([
        _("# SỬA BÁO CÁO {label}").format(label=tgt.label),
        _("# Sửa nội dung, lưu tệp và đóng trình soạn thảo để lưu; xoá hết nội dung rồi lưu để huỷ."),
        _("# submitted là thời điểm nộp lần đầu, giữ nguyên; dvcli tự ghi thời điểm sửa vào revised."),
    ]) + "\n"


def unchanged(session: Session) -> bool:
    return session.original is not None and session.draft.read_text(encoding="utf-8") == session.original


def discard(session: Session) -> None:
    session.draft.unlink(missing_ok=True)
