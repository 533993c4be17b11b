"""Seals that record: the commit an issued document's sources were read at, and git blob ids.

A blob id is what git stores for a file — the same in every clone whatever ``core.autocrlf`` or
an ``eol`` attribute wrote into the work tree — so a seal never breaks on a checkout. Sources are
sealed only when the work tree holds exactly what ``HEAD`` has for them: the commit then names
their content for good, and a later correction is ordinary history (``issued show`` reports it).
Outside git the blob id is computed here (git's own formula) and no commit is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import gitrepo, snapshot
from ..errors import DvcliError
from ..i18n import _, ngettext
from ..workspace import Workspace


@dataclass(frozen=True)
class Sealed:
    commit: str | None
    blobs: dict[str, str]
    """Workspace-relative path -> git blob id."""


def in_git(ws: Workspace) -> bool:
    return gitrepo.is_repository(ws.root) and gitrepo.head(ws.root) is not None


def seal_sources(ws: Workspace, paths: list[str]) -> Sealed:
    """Every source's blob id at ``HEAD``; refuse sources whose work-tree content is not committed."""
    if not in_git(ws):
        return Sealed(None, {path: gitrepo.blob_id(snapshot.stored_bytes(ws, ws.root / path)) for path in paths})
    commit = gitrepo.head(ws.root)
    assert commit is not None
    committed = gitrepo.blobs_at(ws.root, commit, paths)
    working = gitrepo.hash_files(ws.root, paths)
    pending = [path for path in paths if committed[path] is None or committed[path] != working[path]]
    if pending:
        shown = " ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
        raise DvcliError(
            ngettext("chưa ban hành: {n} tệp nguồn có thay đổi chưa commit ({f})", "chưa ban hành: {n} tệp nguồn có thay đổi chưa commit ({f})", len(pending)).format(n=len(pending), f=shown),
            _("văn bản ban hành phải ghi rõ nguồn đã lưu trong lịch sử git; commit các tệp này trước "
              "(git add … && git commit), rồi chạy lại"))
    return Sealed(commit, {path: str(committed[path]) for path in paths})


def file_blob(ws: Workspace, path: Path, data: bytes) -> str:
    """The blob id ``data`` will have once committed at ``path`` (git's attributes for that path apply)."""
    if gitrepo.is_repository(ws.root):
        return gitrepo.hash_bytes(ws.root, ws.rel(path), data)
    return gitrepo.blob_id(data)
