"""A centre's units and what it received: ``data/units.yaml``, the listing rule of
``data/received/<unit>/``, and package bytes → records.

Layout (docs/package.md): ``data/received/<unit>/<year>/<nn>-<type>-<issuer>/`` holds
``package.zip`` (the package exactly as the unit sent it), ``received.yaml`` (what was received,
when, and the package's SHA-256) and, once the unit replaced that report, ``replaced.yaml``.
``data/received/<year>/…`` (a year, digits) holds ``report import``'s originals, each
``<year>/W<ww>/<member>/<sha256 prefix>-<name>`` or ``<year>/dot-xuat/<member>/…`` (``original_listing``);
they are no records, only kept. Anything else under ``data/received/`` is a stray that ``dvcli check`` names.

``open_package`` reads a package from untrusted bytes (``read_package``: a received folder's) — a zip with ``manifest.json``, each
member listed with its SHA-256 and size — and returns its records, or raises ``PackageError``
saying what failed. Nothing is extracted to disk: members are read into memory by their listed
names, each bounded in size.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import DataError, DvcliError
from ..i18n import _
from ..model import Issued, IssuedFile, Manifest, PackageData, ReceivedPackage, ReplacedMark, ReportingUnit, Units
from ..model.common import SLUG
from ..model.package import ISSUED_FOLDER
from ..model.unit import UNIT_ID
from ..rawio import read_bytes
from ..workspace import Workspace
from .rule import HIDDEN, NOT_ORIGINAL, NOT_RECEIVED, SYMLINK, Stray
from .rule import entry_reason as _entry_reason
from .rule import scan as _scan
from .store import Loaded, Store

UNITS_FILE = "units.yaml"
PACKAGE, RECORD, REPLACED = "package.zip", "received.yaml", "replaced.yaml"
MANIFEST, DATA = "manifest.json", "data.json"
MAX_PACKAGE_BYTES = 256 * 1024 * 1024
"""The largest package accepted (a signed PDF, a DOCX, a few renderings: a few MB in practice)."""
MAX_MEMBERS = 64
_UNIT = re.compile(UNIT_ID)
_YEAR = re.compile(r"^\d{4}$")
_FOLDER = re.compile(ISSUED_FOLDER)
_MEMBER = re.compile(SLUG)
_ORIGINALS_PERIOD = re.compile(r"^(W\d{2}|dot-xuat)$")
_ORIGINAL = re.compile(r"^[0-9a-f]{12}-[a-z0-9-]+(\.[^\W_]{1,5})?$")  # report_import.safe_name, after the digest


class PackageError(DvcliError):
    """A package that fails verification: ``message`` says what failed."""


@dataclass(frozen=True)
class ReceivedFolder:
    """One received unit report's folder: ``data/received/<unit>/<year>/<folder>/``."""

    unit: str
    folder_id: str
    """The unit's issued folder id, ``2021/05-BC-T78``."""
    path: Path

    @property
    def record_path(self) -> Path:
        return self.path / RECORD

    @property
    def package_path(self) -> Path:
        return self.path / PACKAGE

    @property
    def replaced_path(self) -> Path:
        return self.path / REPLACED


def units_file(ws: Workspace) -> Path:
    return ws.data / UNITS_FILE


def units_loaded(store: Store) -> Loaded | None:
    """``data/units.yaml`` read through the store, with its problems (None: the file does not exist)."""
    path = units_file(store.ws)
    return store.read(path, Units) if path.exists() else None


def reporting_units(store: Store) -> list[ReportingUnit]:
    """The centre's reporting units (none without ``data/units.yaml``); ``DataError`` when it is invalid."""
    loaded = units_loaded(store)
    if loaded is None:
        return []
    if loaded.record is None:
        raise DataError(loaded.problems)
    found: list[ReportingUnit] = loaded.record.units
    return found


def received_dir(ws: Workspace) -> Path:
    return ws.data / "received"


def folder_for(ws: Workspace, unit: str, folder_id: str) -> Path:
    year, name = folder_id.split("/")
    return received_dir(ws) / unit / year / name


def received_folders(ws: Workspace, strays: list[Stray] | None = None, unit: str | None = None) -> list[ReceivedFolder]:
    """Every received unit report's folder (sorted), by the listing rule; anything else to ``strays``
    (``strays.stray_problem`` names each: a symbolic link, a hidden copy, else ``NOT_RECEIVED``)."""
    found: list[ReceivedFolder] = []
    # data/received/ itself unreadable: named once, by original_listing (strays.layout_strays)
    for unit_entry in _scan(str(received_dir(ws)), None):
        if _YEAR.match(unit_entry.name) or (unit is not None and unit_entry.name != unit):
            continue  # report import's originals (data/received/<year>/…)
        if not _is_folder(unit_entry, _UNIT, strays):
            continue
        for year_entry in _scan(unit_entry.path, strays):
            if not _is_folder(year_entry, _YEAR, strays):
                continue
            for entry in _scan(year_entry.path, strays):
                if not _is_folder(entry, _FOLDER, strays):
                    continue
                for inner in _scan(entry.path, strays):
                    reason = _entry_reason(inner)
                    if reason == "":
                        continue  # a temporary file of an interrupted write: checks/leftovers.py names it
                    if reason in (SYMLINK, HIDDEN) or inner.name not in (PACKAGE, RECORD, REPLACED) or not inner.is_file(
                            follow_symlinks=False):
                        _stray(strays, inner.path, _why(reason))
                found.append(ReceivedFolder(unit_entry.name, f"{year_entry.name}/{entry.name}", Path(entry.path)))
    return found


def _is_folder(entry: os.DirEntry[str], name: re.Pattern[str], strays: list[Stray] | None) -> bool:
    """Whether ``entry`` is a folder of one level of ``data/received/<unit>/<year>/<folder>/``; a
    temporary file is left to ``checks/leftovers.py``, anything else goes to ``strays``."""
    reason = _entry_reason(entry)
    if reason == "":
        return False
    if reason or not entry.is_dir(follow_symlinks=False) or not name.match(entry.name):
        _stray(strays, entry.path, _why(reason))
        return False
    return True


def _why(reason: str | None) -> str:
    """A received folder's stray: a symbolic link or a hidden copy as anywhere, else ``NOT_RECEIVED``."""
    return reason if reason in (SYMLINK, HIDDEN) else NOT_RECEIVED


def original_listing(ws: Workspace, strays: list[Stray] | None = None) -> list[str]:
    """Every original ``report import`` kept (module docstring), sorted; anything else under
    ``data/received/<year>/`` to ``strays`` (symbolic links and temporary files are named elsewhere)."""
    found: list[str] = []
    levels = (_YEAR, _ORIGINALS_PERIOD, _MEMBER)  # <year>/<period>/<member>/, then the originals

    def walk(folder: str, depth: int) -> None:
        for entry in _scan(folder, strays):
            reason = _entry_reason(entry)
            if reason in ("", SYMLINK) or (depth == 0 and not _YEAR.match(entry.name)):
                continue  # the top holds the units' folders too (received_folders)
            is_dir = entry.is_dir(follow_symlinks=False)
            if depth < len(levels) and is_dir and levels[depth].match(entry.name):
                walk(entry.path, depth + 1)
            elif depth == len(levels) and not is_dir and _ORIGINAL.match(entry.name):
                found.append(entry.path)
            else:
                _stray(strays, entry.path, HIDDEN if reason == HIDDEN else NOT_ORIGINAL)

    walk(str(received_dir(ws)), 0)
    return found


def _stray(strays: list[Stray] | None, path: str, reason: str) -> None:
    if strays is not None:
        strays.append(Stray(path, reason))


def read_record(path: Path, display: str) -> ReceivedPackage:
    record: ReceivedPackage = _validated(ReceivedPackage, yamlio.load(path, display), display)
    return record


def read_replaced(path: Path, display: str) -> ReplacedMark | None:
    if not os.path.lexists(path):  # noqa: PTH110 - a symlink is named by check, never read
        return None
    mark: ReplacedMark = _validated(ReplacedMark, yamlio.load(path, display), display)
    return mark


def _validated(kind: type[Any], data: Any, display: str) -> Any:
    from .. import schema  # not at import: a warm preview lists received folders, validates nothing
    from ..errors import Problem

    record, errors = schema.validate(kind, data)
    if record is None:
        raise DataError([Problem(display, None, error.field, error.message, error.hint) for error in errors])
    return record


# --- packages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Package:
    """A verified package's contents (digests checked, records valid)."""

    sha256: str
    manifest: Manifest
    record: Issued
    data: PackageData
    files: dict[str, bytes]
    """Every member but the manifest, by name."""

    @property
    def original(self) -> bytes | None:
        return self.files.get(self.record.original or "")

    @property
    def folder_id(self) -> str:
        return self.manifest.folder


def blob_id(data: bytes) -> str:
    """Git's blob id of ``data`` (what an issued record seals its files with)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def read_package(folder: ReceivedFolder) -> Package:
    """A received folder's ``package.zip``, read as a data file (never through a symbolic link, no
    more than ``MAX_PACKAGE_BYTES`` and one byte) and verified; ``OSError`` or ``PackageError``."""
    return open_package(read_bytes(folder.package_path, MAX_PACKAGE_BYTES))


def open_package(raw: bytes) -> Package:
    """The package in ``raw``, verified (module docstring); ``PackageError`` says what failed."""
    if len(raw) > MAX_PACKAGE_BYTES:
        raise PackageError(_("gói quá lớn (hơn {m} MB)").format(m=MAX_PACKAGE_BYTES // (1024 * 1024)))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageError(_("không phải tệp gói .zip đọc được ({e})").format(e=exc)) from None
    if len(infos) > MAX_MEMBERS:
        raise PackageError(_("gói có quá nhiều tệp ({n})").format(n=len(infos)))
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise PackageError(_("gói có hai tệp cùng tên"))
    if MANIFEST not in names:
        raise PackageError(_("gói không có {m}").format(m=MANIFEST))
    manifest = _json(archive, MANIFEST, Manifest)
    listed = {item.name: item for item in manifest.files}
    extra = sorted(set(names) - set(listed) - {MANIFEST})
    if extra:
        raise PackageError(_("gói có tệp không ghi trong {m}: {f}").format(m=MANIFEST, f=", ".join(extra)))
    files: dict[str, bytes] = {}
    for item in manifest.files:
        if item.name not in names:
            raise PackageError(_("thiếu tệp {f} mà {m} liệt kê").format(f=item.name, m=MANIFEST))
        data = _member(archive, item.name, item.size)
        if len(data) != item.size or hashlib.sha256(data).hexdigest() != item.sha256:
            raise PackageError(_("tệp {f} không khớp mã SHA-256 ghi trong {m}: gói đã bị sửa").format(
                f=item.name, m=MANIFEST))
        files[item.name] = data
    record = _record(files, manifest)
    if DATA not in files:
        raise PackageError(_("gói không có {d}").format(d=DATA))
    data = _parsed(json.loads(files[DATA].decode("utf-8")) if _is_json(files[DATA]) else None, DATA, PackageData)
    if (data.start, data.end) != (record.start, record.end):
        raise PackageError(_("kỳ báo cáo trong {d} khác kỳ trong issued.yaml").format(d=DATA))
    return Package(hashlib.sha256(raw).hexdigest(), manifest, record, data, files)


def _record(files: dict[str, bytes], manifest: Manifest) -> Issued:
    raw = files.get("issued.yaml")
    if raw is None:
        raise PackageError(_("gói không có issued.yaml"))
    try:
        loaded = yamlio.loads(raw, "issued.yaml")
    except DataError as exc:
        raise PackageError(_("issued.yaml không đọc được: {e}").format(e=exc.problems[0].message)) from None
    record: Issued = _parsed(loaded, "issued.yaml", Issued)
    folder = f"{record.date.year}/{record.number:02d}-{record.type_code}-{record.issuer_code}"
    if (record.symbol, record.issuer_code, folder) != (manifest.symbol, manifest.issuer_code, manifest.folder):
        raise PackageError(_("issued.yaml ({s}) không khớp {m} ({t})").format(s=record.symbol, m=MANIFEST,
                                                                            t=manifest.symbol))
    for entry in record.files:
        name = entry.name if isinstance(entry, IssuedFile) else entry
        if name not in files:
            raise PackageError(_("thiếu tệp đã ban hành {f}").format(f=name))
        if isinstance(entry, IssuedFile) and blob_id(files[name]) != entry.blob:
            raise PackageError(_("tệp {f} khác tệp đã ban hành (mã git ghi trong issued.yaml)").format(f=name))
    if record.original is not None and record.original not in files:
        raise PackageError(_("thiếu bản gốc {f}").format(f=record.original))
    return record


def _is_json(raw: bytes) -> bool:
    try:
        json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def _json(archive: zipfile.ZipFile, name: str, kind: type[Any]) -> Any:
    raw = _member(archive, name, 1024 * 1024)
    if not _is_json(raw):
        raise PackageError(_("{f} không phải JSON hợp lệ").format(f=name))
    return _parsed(json.loads(raw.decode("utf-8")), name, kind)


def _parsed(data: Any, name: str, kind: type[Any]) -> Any:
    if data is None:
        raise PackageError(_("{f} không phải JSON hợp lệ").format(f=name))
    from .. import schema  # not at import: a warm preview lists received folders, validates nothing

    record, errors = schema.validate(kind, data)
    if record is None:
        first = errors[0]
        raise PackageError(_("{f}: {p}: {e}").format(f=name, p=first.field or "-", e=first.message))
    return record


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member's bytes, reading no more than ``limit`` + 1 (a zip bomb stops here)."""
    try:
        with archive.open(name) as handle:
            data = handle.read(min(limit, MAX_PACKAGE_BYTES) + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise PackageError(_("không đọc được tệp {f} trong gói ({e})").format(f=name, e=exc)) from None
    if len(data) > limit:
        raise PackageError(_("tệp {f} trong gói lớn hơn kích thước ghi trong {m}").format(f=name, m=MANIFEST))
    return data
