"""``dvcli issued list`` / ``show`` / ``revoke``: what was issued, what became of it, what changed since.

A source corrected after a document was issued is normal; ``show`` (and ``list``, in a column)
says which sources changed since the commit the record names, in which commits, and whether a
correction (a replacement) has been issued. A revocation (thu hồi) is its own file beside the
record, ``thu-hoi.yaml``, written once and committed: the record itself never changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import gitrepo, yamlio
from ..errors import ConflictError, DvcliError
from ..i18n import _
from ..model import Issued, IssuedFile
from ..snapshot.issued import REVOCATION, revocation
from ..store import Store
from . import issuing
from .writes import Transaction, transaction

STATES = {"issued": "đã ban hành", "replaced": "đã bị thay thế", "revoked": "đã thu hồi"}


@dataclass(frozen=True)
class SourceChange:
    path: str
    commits: list[str]
    """``abc1234 2021-09-29 subject`` for each commit that changed it since, newest first."""


@dataclass
class Row:
    id: str
    symbol: str
    date: dt.date
    title: str
    template: str
    release: str
    state: str
    state_detail: str | None
    replaces: str | None
    replaced_by: str | None
    signers: list[str]
    changed_sources: int | None
    """Sources changed since issue (None: not known outside git or without a commit)."""


@dataclass
class Detail:
    row: Row
    record: Issued
    folder: str
    files: list[str]
    changes: list[SourceChange] | None
    correction: str | None
    """The replacement that corrects it, if one was issued."""
    revoked: tuple[dt.date, str] | None = None
    notes: list[str] = field(default_factory=list)


def _changes(store: Store, record: Issued) -> list[SourceChange] | None:
    ws = store.ws
    if record.commit is None or not gitrepo.is_repository(ws.root) or not gitrepo.commit_exists(ws.root, record.commit):
        return None
    paths = [source.path for source in record.sources]
    found: dict[str, list[str]] = {}
    for change in gitrepo.changes_since(ws.root, record.commit, ws.rel(ws.data), paths):
        for path in change.paths:
            found.setdefault(path, []).append(f"{change.commit} {change.date} {change.subject}")
    return [SourceChange(path, found[path]) for path in paths if path in found]


def _row(store: Store, item: issuing.Found, replaced_by: dict[str, issuing.Found], with_changes: bool) -> Row:
    record = item.record
    state, detail = issuing.state_of(store, item, replaced_by)
    successor = replaced_by.get(item.folder_id)
    changes = _changes(store, record) if with_changes else None
    return Row(item.folder_id, record.symbol, record.date, record.title, record.template, record.release,
               state, detail, record.replaces, successor.folder_id if successor else None,
               [sig.signer for sig in record.signatures] or ([record.signer_name] if record.signer_name else []),
               None if changes is None else len(changes))


def rows(store: Store, year: int | None = None) -> list[Row]:
    records = issuing.all_issued(store)
    replaced_by = issuing.successors(records)
    chosen = [item for item in records if year is None or item.record.date.year == year]
    chosen.sort(key=lambda item: (item.record.date, item.record.number))
    return [_row(store, item, replaced_by, with_changes=True) for item in chosen]


def show(store: Store, ref: str) -> Detail:
    records = issuing.all_issued(store)
    item = issuing.find(store, ref, records)
    replaced_by = issuing.successors(records)
    row = _row(store, item, replaced_by, with_changes=False)
    changes = _changes(store, item.record)
    row.changed_sources = None if changes is None else len(changes)
    revoked_record, _problems = revocation(store, item.path.parent)
    successor = replaced_by.get(item.folder_id)
    names = [entry.name if isinstance(entry, IssuedFile) else entry for entry in item.record.files]
    return Detail(row, item.record, store.ws.rel(item.path.parent), names, changes,
                  successor.record.symbol if successor else None,
                  (revoked_record.date, revoked_record.reason) if revoked_record else None)


def revoke(store: Store, ref: str, reason: str, date: dt.date, commit: bool = True) -> tuple[issuing.Found, list[str], bool]:
    """Record the revocation (thu hồi) of an issued document: ``thu-hoi.yaml`` beside its record."""
    ws = store.ws
    text = reason.strip()
    if not text:
        raise DvcliError(_("thu hồi cần lý do"), _("thêm --reason \"…\", ví dụ --reason \"số liệu sai, thay bằng báo cáo khác\""))
    done: dict[str, Any] = {}

    def write(tx: Transaction) -> list[Path]:
        records = issuing.all_issued(store)
        item = issuing.find(store, ref, records)
        state, detail = issuing.state_of(store, item, issuing.successors(records))
        if state == "revoked":
            raise ConflictError(_("văn bản {s} đã được thu hồi ({r})").format(s=item.record.symbol, r=detail),
                                _("mỗi văn bản chỉ thu hồi một lần; xem bằng: dvcli issued show {i}").format(i=item.folder_id))
        if date < item.record.date:
            raise DvcliError(_("ngày thu hồi {d} trước ngày ban hành {b}").format(d=date.isoformat(), b=item.record.date.isoformat()),
                             _("bỏ --date để lấy ngày hôm nay"))
        path = item.path.parent / REVOCATION
        header = _("# Thu hồi văn bản {s} — không sửa tệp này.\n").format(s=item.record.symbol)
        tx.add_file(path, (header + yamlio.dumps({"date": date.isoformat(), "reason": text})).encode("utf-8"))
        done["item"] = item
        return [path]

    saved = transaction(ws, lambda: _("thu hồi: {s} — {r}").format(s=done["item"].record.symbol, r=text), commit, write)
    item, written, committed = done["item"], saved.paths, saved.committed
    return item, written, committed
