"""``dvcli units add|list|remove``: the centre's reporting units, in ``data/units.yaml``.

A unit has an id (a slug that starts with a letter: it names ``data/received/<unit>/``), a name,
a source (a git remote of the unit's workspace, or a folder where its packages are dropped), the
issuer code its documents carry (``T78`` in ``05-BC/T78``) and, optionally, a due time of its own
(otherwise the plan's ``reporting.due``). Every change is one transaction and one commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import periods, yamlio
from ..errors import ConflictError, DvcliError, NotFoundError
from ..i18n import _
from ..model import DueRule, Plan, ReportingUnit
from ..model.common import CODE
from ..model.unit import UNIT_ID
from ..snapshot.received import reporting_units, units_file
from ..store import Store
from .writes import Written, transaction

HEADER = _("# Các đơn vị báo cáo lên (dvcli units add|remove sửa tệp này; docs/national-deployment.md).\n")


def due_rule(plan: Plan, unit: ReportingUnit) -> DueRule:
    return unit.due or plan.reporting.due


def code_of(unit: ReportingUnit) -> str:
    return unit.code or unit.id.upper()


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    code: str
    source: str
    due: str
    """``monday 10:00`` (the unit's own, or the plan's)."""


def rows(store: Store) -> list[Row]:
    plan = store.plan()
    return [_row(unit, due_rule(plan, unit)) for unit in reporting_units(store)]


def _row(unit: ReportingUnit, due: DueRule) -> Row:
    return Row(unit.id, unit.name, code_of(unit), unit.source, f"{due.weekday} {due.time}")


def _dump(units: list[ReportingUnit]) -> bytes:
    items = []
    for unit in units:
        item: dict[str, object] = {"id": unit.id, "name": unit.name, "source": unit.source}
        if unit.code:
            item["code"] = unit.code
        if unit.due:
            item["due"] = {"weekday": unit.due.weekday, "time": unit.due.time}
        items.append(item)
    return (HEADER + yamlio.dumps({"units": items})).encode("utf-8")


def add(store: Store, unit_id: str, name: str, source: str, code: str | None, due: str | None,
        commit: bool = True) -> Written:
    if not re.match(UNIT_ID, unit_id):
        raise DvcliError(_("mã đơn vị \"{u}\" không hợp lệ").format(u=unit_id),
                         _("dùng chữ thường không dấu và số, bắt đầu bằng chữ, nối bằng \"-\", ví dụ t78"))
    if code is not None and not re.match(CODE, code):
        raise DvcliError(_("ký hiệu \"{c}\" không hợp lệ").format(c=code),
                         _("ký hiệu cơ quan trong số văn bản, ví dụ T78 (chữ, số, dấu \"-\")"))
    if not name.strip() or not source.strip():
        raise DvcliError(_("đơn vị cần tên và nguồn"), _("ví dụ: dvcli units add t78 --name \"Cơ quan thường trực "
                                                            "tại TP. Hồ Chí Minh\" --source ../t78"))
    rule = _due(due, store.plan())
    units = reporting_units(store)
    if any(unit.id == unit_id for unit in units):
        raise ConflictError(_("đã có đơn vị {u}").format(u=unit_id),
                            _("xem bằng: dvcli units list; bỏ bằng: dvcli units remove {u}").format(u=unit_id))
    new = ReportingUnit(unit_id, name.strip(), source.strip(), code, rule)
    path = units_file(store.ws)
    message = _("thêm đơn vị báo cáo: {u} — {n}").format(u=unit_id, n=new.name)
    return transaction(store.ws, message, commit, lambda _tx: _write(path, [*units, new]))


def remove(store: Store, unit_id: str, commit: bool = True) -> Written:
    units = reporting_units(store)
    if not any(unit.id == unit_id for unit in units):
        known = ", ".join(unit.id for unit in units) or _("(chưa có)")
        raise NotFoundError(_("không có đơn vị {u}").format(u=unit_id),
                            _("các đơn vị: {k}").format(k=known))
    path = units_file(store.ws)
    message = _("bỏ đơn vị báo cáo: {u} (các báo cáo đã nhận vẫn giữ trong data/received/{u}/)").format(u=unit_id)
    return transaction(store.ws, message, commit,
                       lambda _tx: _write(path, [unit for unit in units if unit.id != unit_id]))


def _write(path: Path, units: list[ReportingUnit]) -> list[Path]:
    from .. import atomic

    atomic.write_bytes(path, _dump(units))
    return [path]


def _due(text: str | None, plan: Plan) -> DueRule | None:
    """``--due "monday 10:00"``: the unit's own due time (None: the plan's)."""
    if text is None:
        return None
    parts = text.split()
    weekday = parts[0].lower() if parts else ""
    clock = parts[1] if len(parts) > 1 else plan.reporting.due.time
    if weekday not in periods.WEEKDAYS or len(parts) > 2 or not re.match(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", clock):
        raise DvcliError(_("hạn gửi \"{d}\" không hợp lệ").format(d=text),
                         _("viết thứ (tiếng Anh) và giờ, ví dụ --due \"tuesday 17:00\""))
    return DueRule(weekday, clock)  # type: ignore[arg-type]
