"""Issued documents for ``dvcli check``: only what must never change can fail.

An issued document lives in ``data/issued/<year>/<nn>-<type>-<issuer>/``: its files, the record
``issued.yaml`` (docs/issued-record.md) and, once revoked, ``thu-hoi.yaml``. ``check`` fails on:
an issued file changed, missing or added; the record (or the revocation) changed since the commit
that added it; a folder without a record (an interrupted issue); a source whose sealed blob is not
in the commit the record names (history rewritten); a number given twice in a term. A source
*corrected* after issue is ordinary history and never fails ``check``: ``dvcli issued show``
reports it. Every comparison is by git blob id, so a clone with ``core.autocrlf=true`` stays green.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .. import gitrepo, snapshot
from ..errors import Problem
from ..i18n import _
from ..model import Issued, IssuedFile, Plan, Prepared
from ..rawio import read_bytes
from ..snapshot.issued import RECORD, REVOCATION, issued_records, misnamed, prepared_listing, revocation
from ..store import Store

_LEFTOVER = re.compile(r"^\..+\.tmp$")


def term_key(plan: Plan, date: dt.date) -> str:
    """Numbers run per term (Party: from ``term_start``) or per calendar year (State)."""
    if plan.reporting.profile != "dang":
        return str(date.year)
    start = plan.reporting.term_start
    if start is None:
        return "term"
    return "term" if date >= start else "before"


@dataclass
class _Git:
    """What git says about the issued folders, asked once for all of them."""

    added: dict[str, str]
    """Path -> the commit that first added it."""
    original: dict[str, str | None]
    """Record or revocation path -> its blob in that commit."""
    working: dict[str, str]
    """Every file of an issued folder -> the blob its work-tree content would be."""


def check_issued(store: Store, plan: Plan | None) -> list[Problem]:
    ws = store.ws
    problems: list[Problem] = []
    records = issued_records(store)
    problems += _folders(store)
    git = _ask_git(store, records)
    seen: dict[tuple[str, str, str, int], str] = {}
    sources: list[tuple[Path, Issued, int]] = []
    for path, record, found in records:
        problems += found
        folder = path.parent
        problems += _immutable(store, git, path)
        rev_record, rev_problems = revocation(store, folder)
        problems += rev_problems
        if (folder / REVOCATION).is_file():
            problems += _immutable(store, git, folder / REVOCATION)
        if record is None:
            continue
        problems += _files(store, git, path, record)
        sources += [(path, record, index) for index in range(len(record.sources))]
        if plan is not None:
            key = (record.type_code, record.issuer_code, term_key(plan, record.date), record.number)
            if key in seen:
                problems.append(Problem(ws.rel(path), store.line(path, ["number"]), "number",
                                        _("số {s} trùng với {o}").format(s=record.symbol, o=seen[key]),
                                        _("mỗi số chỉ cấp một lần cho một loại văn bản trong nhiệm kỳ")))
            else:
                seen[key] = ws.rel(path)
        if record.replaces and not (ws.issued_dir / record.replaces / RECORD).is_file():
            problems.append(Problem(ws.rel(path), store.line(path, ["replaces"]), "replaces",
                                    _("văn bản {s} thay thế {r}, nhưng không có văn bản đó").format(
                                        s=record.symbol, r=record.replaces),
                                    _("bản ghi đã ban hành không được sửa; khôi phục thư mục data/issued/{r} "
                                      "từ lịch sử git").format(r=record.replaces)))
    if git is not None:
        problems += _history(store, sources)
    return problems


def check_prepared(store: Store) -> list[Problem]:
    """Every ``data/prepared/<id>/prepared.yaml`` valid, and naming its own folder (``snapshot.issued.misnamed``)."""
    problems: list[Problem] = []
    for path in prepared_listing(store.ws):
        loaded = store.read(path, Prepared)
        problems += loaded.problems
        wrong = misnamed(store, path, loaded.record) if loaded.record is not None else None
        if wrong is not None:
            problems.append(wrong)
    return problems


def _ask_git(store: Store, records: list[tuple[Path, Issued | None, list[Problem]]]) -> _Git | None:
    ws = store.ws
    if not records or not gitrepo.is_repository(ws.root) or gitrepo.head(ws.root) is None:
        return None
    top = ws.rel(ws.issued_dir)
    added = gitrepo.first_added(ws.root, top)
    sealed = [ws.rel(folder / name) for path, _r, _p in records for folder in (path.parent,)
              for name in (RECORD, REVOCATION) if (folder / name).is_file()]
    original: dict[str, str | None] = {}
    for path in sealed:
        if path in added:
            original.update(gitrepo.blobs_at(ws.root, added[path], [path]))
    files = [ws.rel(item) for path, _r, _p in records for item in snapshot.folder_files(path.parent) if item.is_file()]
    return _Git(added, original, gitrepo.hash_files(ws.root, files))


def _folders(store: Store) -> list[Problem]:
    """A folder of ``data/issued/<year>/`` without its record: an issue interrupted or a record deleted."""
    ws = store.ws
    problems: list[Problem] = []
    for folder in snapshot.issued_folders(ws):
        if (folder / RECORD).is_file():
            continue
        shown = ws.rel(folder)
        if _LEFTOVER.match(folder.name):
            problems.append(Problem(shown, None, "", _("thư mục tạm còn sót lại do một lần ban hành bị dừng giữa "
                                                       "chừng (không có số nào bị dùng)"),
                                    _("xoá thư mục: rm -r '{p}'").format(p=shown)))
            continue
        problems.append(Problem(shown, None, "", _("thư mục văn bản đã ban hành thiếu tệp {r}").format(r=RECORD),
                                _("nếu tệp bị xoá: khôi phục bằng git checkout -- {p}/{r}; nếu đây là phần còn "
                                  "lại của một lần ban hành bị dừng: xoá thư mục (rm -r '{p}')").format(
                                      p=shown, r=RECORD)))
    return problems


def _immutable(store: Store, git: _Git | None, path: Path) -> list[Problem]:
    """The record (or revocation) is byte-for-byte what the commit that added it holds."""
    if git is None:
        return []
    ws = store.ws
    shown = ws.rel(path)
    commit = git.added.get(shown)
    original = git.original.get(shown)
    if commit is None or original is None or git.working.get(shown) == original:
        return []
    return [Problem(shown, None, "", _("bản ghi văn bản đã ban hành đã bị sửa sau commit {c}").format(c=commit[:7]),
                    _("văn bản đã ban hành không bao giờ sửa; khôi phục bằng: git checkout {c} -- {p}; muốn đính "
                      "chính thì ban hành văn bản thay thế (--replaces) hoặc thu hồi (dvcli issued revoke)").format(
                          c=commit[:7], p=shown))]


def _files(store: Store, git: _Git | None, path: Path, record: Issued) -> list[Problem]:
    """Each issued file is there, unchanged; nothing else was added to the folder."""
    ws = store.ws
    folder, shown = path.parent, ws.rel(path)
    problems: list[Problem] = []
    listed = {RECORD, REVOCATION}
    hint_restore = _("văn bản đã ban hành không bao giờ sửa; khôi phục bằng: git checkout -- {p}; muốn đính chính "
                     "thì ban hành văn bản thay thế (--replaces) hoặc thu hồi (dvcli issued revoke)")
    for index, item in enumerate(record.files):
        name = item.name if isinstance(item, IssuedFile) else item
        listed.add(name)
        target = folder / name
        loc: list[str | int] = ["files", index]
        if not target.is_file() or target.is_symlink():
            problems.append(Problem(shown, store.line(path, loc), f"files[{index}]",
                                    _("tệp đã ban hành {f} của văn bản Số {s} không còn").format(
                                        f=ws.rel(target), s=record.symbol), hint_restore.format(p=ws.rel(target))))
            continue
        if not isinstance(item, IssuedFile):
            continue
        current = git.working.get(ws.rel(target)) if git is not None else None
        if current is None:
            current = gitrepo.blob_id(read_bytes(target))
        if current != item.blob:
            problems.append(Problem(shown, store.line(path, loc), f"files[{index}]",
                                    _("tệp đã ban hành {f} của văn bản Số {s} đã bị sửa").format(
                                        f=ws.rel(target), s=record.symbol), hint_restore.format(p=ws.rel(target))))
    for extra in snapshot.folder_files(folder):
        if extra.name not in listed:
            problems.append(Problem(ws.rel(extra), None, "",
                                    _("tệp lạ trong thư mục văn bản đã ban hành Số {s}").format(s=record.symbol),
                                    _("thư mục đã ban hành chỉ chứa các tệp ghi trong {r}; chuyển tệp này ra "
                                      "chỗ khác").format(r=RECORD)))
    return problems


def _history(store: Store, sources: list[tuple[Path, Issued, int]]) -> list[Problem]:
    """Each sealed source is in the commit its record names, with the sealed blob."""
    ws = store.ws
    problems: list[Problem] = []
    by_commit: dict[str, list[tuple[Path, Issued, int]]] = {}
    for path, record, index in sources:
        if record.commit is not None and record.sources[index].blob is not None:
            by_commit.setdefault(record.commit, []).append((path, record, index))
    for commit, items in by_commit.items():
        if not gitrepo.commit_exists(ws.root, commit):
            path, record, _index = items[0]
            problems.append(Problem(ws.rel(path), store.line(path, ["commit"]), "commit",
                                    _("commit {c} mà văn bản Số {s} đọc nguồn không có trong lịch sử git").format(
                                        c=commit[:7], s=record.symbol),
                                    _("lịch sử đã bị viết lại hoặc bản sao này thiếu lịch sử (git fetch --unshallow); "
                                      "không viết lại lịch sử đã có văn bản ban hành")))
            continue
        blobs = gitrepo.blobs_at(ws.root, commit, [record.sources[index].path for _p, record, index in items])
        for path, record, index in items:
            source = record.sources[index]
            if blobs.get(source.path) != source.blob:
                problems.append(Problem(ws.rel(path), store.line(path, ["sources", index, "blob"]), f"sources[{index}]",
                                        _("nguồn {p} của văn bản Số {s} không có trong commit {c} như bản ghi "
                                          "nói").format(p=source.path, s=record.symbol, c=commit[:7]),
                                        _("lịch sử đã bị viết lại; không viết lại lịch sử đã có văn bản ban hành")))
    return problems
