"""Issued and prepared documents: their folders, their records, and what else their folders hold.

``data/issued/<year>/<nn>-<type>-<issuer>/`` holds an issued document's files, its record
``issued.yaml`` and, once revoked, ``thu-hoi.yaml``; ``data/prepared/<id>/`` a document prepared for
signature: ``prepared.yaml``, ``<id>.pdf`` and ``<id>.docx``, nothing else (``prepared_listing``: a
hidden copy of a folder, a backup or a stray file is never a prepared document, and ``check`` names
it). Records are read through the store (strict parse, schema, verified cache); symbolic links are
neither followed nor listed as records (``checks/links.py`` names them).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import DataError, Problem
from ..i18n import _
from ..model import Issued, Prepared, Revocation
from ..rawio import read_bytes
from ..workspace import Workspace
from .rule import HIDDEN, NOT_ISSUED, NOT_PREPARED, SYMLINK, Stray, entry_reason, scan
from .store import Store

RECORD, REVOCATION, PREPARED_RECORD = "issued.yaml", "thu-hoi.yaml", "prepared.yaml"
PREPARED_DIR = "prepared"
_YEAR = re.compile(r"^\d{4}$")


def issued_files(ws: Workspace) -> list[Path]:
    """Every ``data/issued/<year>/<folder>/issued.yaml`` (a regular file, not a symbolic link), sorted."""
    return [folder / RECORD for folder in issued_folders(ws) if (folder / RECORD).is_file()
            and not (folder / RECORD).is_symlink()]


def issued_records(store: Store) -> list[tuple[Path, Issued | None, list[Problem]]]:
    """Every ``issued.yaml`` with its record (None when invalid) and its problems, by path."""
    found = []
    for path in issued_files(store.ws):
        loaded = store.read(path, Issued)
        found.append((path, loaded.record, loaded.problems))
    return found


def valid_issued_records(store: Store) -> list[tuple[Path, Issued]]:
    """Every issued record, by path; ``DataError`` naming each invalid one. A record that cannot be
    read is never passed over: its number would look free, and its document missing."""
    read = issued_records(store)
    problems = [problem for _path, _record, found in read for problem in found]
    if problems:
        raise DataError(problems)
    return [(path, record) for path, record, _problems in read if record is not None]


def revocation(store: Store, folder: Path) -> tuple[Revocation | None, list[Problem]]:
    """The revocation record of the issued folder ``folder``, if it has one, and its problems."""
    path = folder / REVOCATION
    if not path.is_file():
        return None, []
    loaded = store.read(path, Revocation)
    return loaded.record, loaded.problems


def issued_folders(ws: Workspace, strays: list[Stray] | None = None) -> list[Path]:
    """Every folder ``data/issued/<year>/<folder>/`` (sorted), with or without its record, by the
    listing rule: a hidden copy of a year or of a document's folder is none, and goes to ``strays``
    with every file that is not in a document's folder. A writer's staging folder (``.NAME.xxxx.tmp``)
    is kept: ``checks/issued.py`` names it as the leftover of an interrupted issue."""
    found: list[Path] = []
    named = strays if strays is not None else []
    for year in scan(str(ws.issued_dir), strays):
        reason = entry_reason(year)
        if reason == SYMLINK or (reason == "" and not year.is_dir(follow_symlinks=False)):
            continue
        if reason or not year.is_dir(follow_symlinks=False) or not _YEAR.match(year.name):
            named.append(Stray(year.path, HIDDEN if reason == HIDDEN else NOT_ISSUED))
            continue
        for entry in scan(year.path, strays):
            reason = entry_reason(entry)
            if reason == SYMLINK or (reason == "" and not entry.is_dir(follow_symlinks=False)):
                continue  # symbolic links: checks/links.py; a temporary file: checks/leftovers.py
            if reason == HIDDEN or not entry.is_dir(follow_symlinks=False):
                named.append(Stray(entry.path, HIDDEN if reason == HIDDEN else NOT_ISSUED))
            else:
                found.append(Path(entry.path))
    return found


def folder_files(folder: Path) -> list[Path]:
    """Everything in one issued folder, sorted by name (what ``check`` compares with its record)."""
    return _sorted_entries(folder)


def prepared_dir(ws: Workspace) -> Path:
    return ws.data / PREPARED_DIR


def prepared_listing(ws: Workspace, strays: list[Stray] | None = None) -> list[Path]:
    """Every ``data/prepared/<id>/prepared.yaml`` by the listing rule (module docstring), sorted;
    every other entry goes to ``strays`` (symbolic links and temporary files are named elsewhere)."""
    found: list[Path] = []
    named = strays if strays is not None else []
    for entry in scan(str(prepared_dir(ws)), strays):
        reason = entry_reason(entry)
        if reason in ("", SYMLINK):
            continue
        if reason or not entry.is_dir(follow_symlinks=False):
            named.append(Stray(entry.path, reason or NOT_PREPARED))
            continue
        allowed = {PREPARED_RECORD, f"{entry.name}.pdf", f"{entry.name}.docx"}
        for inner in scan(entry.path, strays):
            own = entry_reason(inner)
            if own in ("", SYMLINK):
                continue
            if inner.name not in allowed or not inner.is_file(follow_symlinks=False):
                named.append(Stray(inner.path, HIDDEN if own == HIDDEN else NOT_PREPARED))
            elif inner.name == PREPARED_RECORD:
                found.append(Path(inner.path))
    return found


def prepared_records(store: Store) -> list[tuple[Path, Prepared]]:
    """Every valid ``data/prepared/<id>/prepared.yaml`` record, by path."""
    found = []
    for path in prepared_listing(store.ws):
        loaded = store.read(path, Prepared)
        if loaded.record is not None:
            found.append((path, loaded.record))
    return found


def prepared_pdf(ws: Workspace, record: Prepared) -> bytes:
    """The PDF to sign of a prepared document: ``data/prepared/<id>/<id>.pdf``, the only PDF its folder
    holds by the listing rule, read as a data file (never through a symbolic link); the record's ``pdf``
    field only says there is one, it never becomes a path. ``b""`` when there is none."""
    if record.pdf != f"{record.id}.pdf":
        return b""
    try:
        return read_bytes(prepared_dir(ws) / record.id / record.pdf)
    except OSError:
        return b""


def misnamed(store: Store, path: Path, record: Prepared) -> Problem | None:
    """The prepared record at ``path`` when it names another folder than its own: ``issue register``
    finds the PDF to sign by the record's id, so a copied or hand-edited folder would release another
    document's PDF with this record's title and sources. ``check`` names it, ``issue register`` refuses it."""
    if record.id == path.parent.name:
        return None
    return Problem(store.ws.rel(path), store.line(path, ["id"]), "id",
                   _("id {i} khác tên thư mục {f}").format(i=record.id, f=path.parent.name),
                   _("mỗi văn bản chuẩn bị để ký nằm trong thư mục mang id của nó; đừng chép thư mục: xoá bản chép "
                     "(git rm -r '{p}') hoặc chuẩn bị lại bằng dvcli issue prepare").format(p=store.ws.rel(path.parent)))


def _sorted_entries(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries)
    except (FileNotFoundError, NotADirectoryError):
        return []
