"""What the centre received from its units, for one period: the reports to consolidate, who is
late or missing (``dvcli status --units``), read through the listing rule of ``data/received/``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import periods
from ..errors import DataError, DvcliError, cannot_read
from ..i18n import _
from ..model import Plan, ReceivedPackage, ReportingUnit
from ..periods import Period
from ..snapshot.received import (
    Package,
    PackageError,
    ReceivedFolder,
    read_package,
    read_record,
    read_replaced,
    received_folders,
    reporting_units,
)
from ..store import Store

if TYPE_CHECKING:
    from ..consolidation.units import UnitInput
from . import units as unit_service


@dataclass(frozen=True)
class Arrived:
    """One unit report received (not replaced since), its record and folder."""

    unit: str
    folder: ReceivedFolder
    record: ReceivedPackage


def arrived(store: Store, unit: str | None = None, include_replaced: bool = False) -> list[Arrived]:
    """Every received unit report (replaced ones left out unless asked), by unit then folder."""
    ws = store.ws
    found = []
    for folder in received_folders(ws, None, unit):
        if not folder.record_path.is_file():
            continue
        record = read_record(folder.record_path, ws.rel(folder.record_path))
        if not include_replaced and read_replaced(folder.replaced_path, ws.rel(folder.replaced_path)) is not None:
            continue
        found.append(Arrived(folder.unit, folder, record))
    return found


def in_period(record: ReceivedPackage, period: Period) -> bool:
    """A unit report belongs to the period its last day lies in (as a member's weekly report)."""
    return period.start <= record.end <= period.end


def due(plan: Plan, unit: ReportingUnit, period: Period) -> dt.datetime:
    return periods.due(period, dataclasses.replace(plan.reporting, due=unit_service.due_rule(plan, unit)))


def late(plan: Plan, unit: ReportingUnit, record: ReceivedPackage, period: Period) -> bool:
    sent = record.sent or record.received
    return periods.aware(sent, plan.reporting) > due(plan, unit, period)


def open_received(store: Store, item: Arrived) -> Package:
    """The package of a received report, verified again (the file is untrusted like any other)."""
    ws = store.ws
    shown = ws.rel(item.folder.package_path)
    try:
        package = read_package(item.folder)
    except OSError as exc:  # a data file as any other: a symbolic link is never followed
        raise DataError([cannot_read(shown, exc)]) from exc
    except PackageError as exc:
        raise DvcliError(f"{shown}: {exc.message}", _hint()) from None
    if package.sha256 != item.record.sha256:
        raise DvcliError(f"{shown}: " + _sha_message(), _hint())
    return package


def _sha_message() -> str:
    return _("gói khác mã SHA-256 ghi trong received.yaml: tệp đã bị sửa sau khi nhận")


def _hint() -> str:
    return _("nhận lại gói từ đơn vị: xoá thư mục này (git rm -r) rồi chạy dvcli receive")


def unit_inputs(store: Store, plan: Plan, period: Period) -> tuple[list[UnitInput], list[str]]:
    """The received unit reports of ``period`` as ``consolidation.units.UnitInput`` and the names of
    the units that sent none."""
    from ..consolidation.units import UnitInput

    units = reporting_units(store)
    if not units:
        return [], []
    by_id = {unit.id: unit for unit in units}
    order = {unit.id: index for index, unit in enumerate(units)}
    found: list[UnitInput] = []
    seen: set[str] = set()
    for item in sorted(arrived(store), key=lambda item: (order.get(item.unit, -1), item.record.end, item.record.number)):
        unit = by_id.get(item.unit)
        if unit is None or not in_period(item.record, period):
            continue
        package = open_received(store, item)
        found.append(UnitInput(unit.id, unit.name, unit_service.code_of(unit), item.record.symbol, item.record.date,
                               package.data, store.ws.rel(item.folder.package_path),
                               late(plan, unit, item.record, period)))
        seen.add(unit.id)
    return found, [unit.name for unit in units if unit.id not in seen]


@dataclass(frozen=True)
class UnitStatus:
    id: str
    name: str
    state: str
    """``in`` (on time), ``late`` or ``missing``."""
    symbol: str | None
    date: dt.date | None
    sent: dt.datetime | None
    due: dt.datetime


STATES = {"in": "đã nhận", "late": "nhận muộn", "missing": "chưa nhận"}


def status(store: Store, period: Period) -> list[UnitStatus]:
    plan = store.plan()
    units = reporting_units(store)
    received: dict[str, list[Arrived]] = {}
    for item in arrived(store):
        if in_period(item.record, period):
            received.setdefault(item.unit, []).append(item)
    rows = []
    for unit in units:
        deadline = due(plan, unit, period)
        items = received.get(unit.id, [])
        if not items:
            rows.append(UnitStatus(unit.id, unit.name, "missing", None, None, None, deadline))
            continue
        first = items[-1].record
        state = "late" if late(plan, unit, first, period) else "in"
        rows.append(UnitStatus(unit.id, unit.name, state, first.symbol, first.date, first.sent or first.received,
                               deadline))
    return rows
