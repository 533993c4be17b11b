"""``dvcli receive [UNIT]``: every new issued report of each reporting unit, verified and recorded.

For each unit (``data/units.yaml``) the packages come from its source: a git remote of the unit's
workspace, of which only the outbox ref is fetched (``gitoutbox``: into
``refs/dvcli/units/<unit>/outbox``, never a branch), or a folder where ``*.zip`` packages are
dropped. Each package is verified — every member's SHA-256 (``snapshot.received.open_package``),
the issued files against the record's git blob ids, the digital signatures of a signed original
(pyHanko, ``signatures.py``: every signature intact, nothing changed after it), the issuer code
against the unit's, and the unit's indicator catalogue against the centre's (an id with another
unit of measure, another meaning or another aggregate is refused, never summed). What passes is
recorded under ``data/received/<unit>/<year>/<folder>/`` (``package.zip`` as sent, and
``received.yaml``) in one transaction and one commit. A report the unit replaced
(``replaces`` in its record) is marked with ``replaced.yaml``.

Receiving twice changes nothing. A package that fails is refused by unit, number and what failed
and nothing of it is recorded; a unit that cannot be reached is named; in both cases the other
units are still received, and the command ends with exit code 1.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import gitoutbox, gitremote, gitrepo, yamlio
from ..errors import DvcliError, NotFoundError
from ..i18n import _
from ..model import Plan, ReportingUnit
from ..names import fold
from ..rawio import read_bytes
from ..snapshot.received import (
    MAX_PACKAGE_BYTES,
    PACKAGE,
    RECORD,
    REPLACED,
    Package,
    PackageError,
    folder_for,
    open_package,
    reporting_units,
)
from ..store import Store
from . import rollup
from . import units as unit_service
from .writes import Written, now, transaction

RECORD_HEADER = _("# Báo cáo của đơn vị đã nhận (dvcli receive) — không sửa tệp này.\n")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[^/\s]+@[^/\s]+:")


@dataclass
class UnitOutcome:
    unit: str
    name: str
    received: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """One message per refused package: unit, number and what failed."""
    offline: str | None = None


@dataclass
class Result:
    units: list[UnitOutcome]
    written: Written | None

    @property
    def failed(self) -> bool:
        return any(outcome.refused or outcome.offline for outcome in self.units)


def receive(store: Store, unit_id: str | None = None, commit: bool = True, timeout: float | None = None) -> Result:
    plan = store.plan()
    units = reporting_units(store)
    if not units:
        raise NotFoundError(_("chưa khai đơn vị báo cáo nào (data/units.yaml)"),
                            _("thêm bằng: dvcli units add t78 --name \"…\" --source ĐỊA-CHỈ-HOẶC-THƯ-MỤC"))
    if unit_id is not None:
        units = [unit for unit in units if unit.id == unit_id]
        if not units:
            raise NotFoundError(_("không có đơn vị {u}").format(u=unit_id),
                                _("xem các đơn vị bằng: dvcli units list"))
    limits = gitremote.Limits(timeout) if timeout else gitremote.Limits()
    existing = {(item.unit, item.folder.folder_id): item for item in rollup.arrived(store, include_replaced=True)}
    outcomes: list[UnitOutcome] = []
    new: list[tuple[ReportingUnit, Package, bytes]] = []
    for unit in units:
        outcome = UnitOutcome(unit.id, unit.name)
        outcomes.append(outcome)
        try:
            packages = _collect(store, unit, limits)
        except (gitremote.RemoteError, DvcliError) as exc:
            detail = exc.message if isinstance(exc, DvcliError) else exc.detail
            outcome.offline = _("đơn vị {u}: không nhận được từ nguồn {s}: {e}").format(
                u=unit.id, s=gitremote.redact(unit.source), e=detail)
            continue
        for label, raw in packages:
            package = _verified(plan, unit, label, raw, outcome)
            if package is None:
                continue
            old = existing.get((unit.id, package.folder_id))
            if old is not None:
                if old.record.sha256 == package.sha256:
                    outcome.already.append(package.record.symbol)
                else:
                    outcome.refused.append(_("đơn vị {u}, báo cáo {n}: khác gói đã nhận trước đây cùng số "
                                             "(đơn vị sửa văn bản đã ban hành phải ban hành văn bản thay thế)").format(
                                               u=unit.id, n=package.record.symbol))
                continue
            if any(item.folder_id == package.folder_id for other, item, _r in new if other.id == unit.id):
                continue
            new.append((unit, package, raw))
    if not new:
        return Result(outcomes, None)
    by_unit = {outcome.unit: outcome for outcome in outcomes}
    moment = now(plan.reporting)

    def write(_tx: object) -> list[Path]:
        from .. import atomic

        written = []
        for unit, package, raw in new:
            folder = folder_for(store.ws, unit.id, package.folder_id)
            atomic.write_bytes(folder / PACKAGE, raw)
            atomic.write_bytes(folder / RECORD, _record_bytes(unit, package, moment))
            written += [folder / PACKAGE, folder / RECORD]
            by_unit[unit.id].received.append(package.record.symbol)
            old_id = package.record.replaces
            if old_id and ((unit.id, old_id) in existing or any(p.folder_id == old_id for u, p, _r in new if u.id == unit.id)):
                mark = folder_for(store.ws, unit.id, old_id) / REPLACED
                if not mark.exists():
                    atomic.write_bytes(mark, (RECORD_HEADER + yamlio.dumps({
                        "by": package.folder_id, "symbol": package.record.symbol,
                        "received": moment.isoformat()})).encode("utf-8"))
                    written.append(mark)
                    by_unit[unit.id].replaced.append(old_id)
        return written

    symbols = ", ".join(package.record.symbol for _unit, package, _raw in new)
    done = transaction(store.ws, _("nhận báo cáo của đơn vị: {s}").format(s=symbols), commit, write)
    return Result(outcomes, done)


def _verified(plan: Plan, unit: ReportingUnit, label: str, raw: bytes, outcome: UnitOutcome) -> Package | None:
    try:
        package = open_package(raw)
    except PackageError as exc:
        outcome.refused.append(_("đơn vị {u}, gói {n}: {e}").format(u=unit.id, n=label, e=exc.message))
        return None
    problem = _problem(plan, unit, package)
    if problem:
        outcome.refused.append(_("đơn vị {u}, báo cáo {n}: {e}").format(u=unit.id, n=package.record.symbol, e=problem))
        return None
    return package


def _problem(plan: Plan, unit: ReportingUnit, package: Package) -> str | None:
    """What is wrong with a package whose digests hold: issuer, signatures, catalogue (None: nothing)."""
    code = unit_service.code_of(unit)
    if package.record.issuer_code != code:
        return _("văn bản của {c}, không phải của đơn vị này ({k})").format(c=package.record.issuer_code, k=code)
    signed = _signatures(package)
    if signed:
        return signed
    centre = {indicator.id: indicator for indicator in plan.reporting.indicators}
    for row in package.data.indicators:
        mine = centre.get(row.id)
        if mine is None:
            if row.period or row.cumulative:
                return _("chỉ tiêu {i} (\"{l}\") không có trong danh mục chỉ tiêu của trung tâm").format(
                    i=row.id, l=row.label)
            continue
        if mine.unit != row.unit:
            return _("chỉ tiêu {i}: đơn vị tính \"{a}\" khác danh mục của trung tâm (\"{b}\")").format(
                i=row.id, a=row.unit, b=mine.unit)
        if fold(mine.label) != fold(row.label):
            return _("chỉ tiêu {i}: nội dung \"{a}\" khác danh mục của trung tâm (\"{b}\")").format(
                i=row.id, a=row.label, b=mine.label)
        if (mine.aggregate, mine.type) != (row.aggregate, row.type):
            return _("chỉ tiêu {i}: cách tính ({a}, {t}) khác danh mục của trung tâm ({b}, {s})").format(
                i=row.id, a=row.aggregate, t=row.type, b=mine.aggregate, s=mine.type)
    return None


def _signatures(package: Package) -> str | None:
    """A signed original: every signature intact and nothing changed after it."""
    record = package.record
    if record.release != "signed-pdf":
        return None
    from .. import signatures

    original = package.original or b""
    try:
        found = signatures.verify(original, [])
    except DvcliError as exc:
        return exc.message
    if not found:
        return _("bản gốc {f} không có chữ ký số").format(f=record.original)
    for signature in found:
        if not signature.intact or signature.changed_after:
            return _("chữ ký số {f} của bản gốc không còn nguyên vẹn").format(f=signature.field)
    return None


def _record_bytes(unit: ReportingUnit, package: Package, moment: object) -> bytes:
    record = package.record
    fields: dict[str, object] = {
        "unit": unit.id, "folder": package.folder_id, "symbol": record.symbol, "number": record.number,
        "date": record.date.isoformat(), "start": record.start.isoformat(), "end": record.end.isoformat(),
        "title": record.title, "sha256": package.sha256, "received": getattr(moment, "isoformat")(),  # noqa: B009
        "sent": package.manifest.created.isoformat(),
    }
    if record.replaces:
        fields["replaces"] = record.replaces
    if record.release == "signed-pdf":
        fields["signed"] = True
    return (RECORD_HEADER + yamlio.dumps(fields)).encode("utf-8")


def is_git_source(root: Path, source: str) -> bool:
    """A git remote (URL, scp-like address, or a path to a repository), not a folder of packages."""
    if _URL.match(source):
        return True
    path = Path(source) if os.path.isabs(source) else root / source  # noqa: PTH117
    return (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())


def _collect(store: Store, unit: ReportingUnit, limits: gitremote.Limits) -> list[tuple[str, bytes]]:
    root = store.ws.root
    if is_git_source(root, unit.source):
        if not gitrepo.is_repository(root):
            raise DvcliError(_("nguồn git cần không gian làm việc của trung tâm là kho git"))
        gitoutbox.fetch_outbox(root, unit.source, unit.id, limits)
        return [(Path(path).name, raw) for path, raw in gitoutbox.packages_at(root, gitoutbox.unit_ref(unit.id))]
    folder = Path(unit.source) if os.path.isabs(unit.source) else root / unit.source  # noqa: PTH117
    if not folder.is_dir():
        raise DvcliError(_("không có thư mục hay kho git {p}").format(p=unit.source))
    found = []
    for entry in sorted(os.scandir(folder), key=lambda item: item.name):
        if entry.name.endswith(".zip") and not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
            found.append((entry.name, read_bytes(Path(entry.path), MAX_PACKAGE_BYTES + 1)))
    return found
