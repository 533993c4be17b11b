"""Issued reports: the next free number per term, or a requested one if it is free.

An issued report lives in ``data/issued/<year>/<nn>-<type>-<issuer>/`` with an ``issued.yaml``
that seals its sources by git blob id. Numbers run per term (Party profile, from ``term_start``)
or per calendar year (State profile) and are never given twice. The rule ``dvcli check`` runs
over every issued report is ``dvcli.checks.issued.check_issued``.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ..checks.issued import term_key
from ..errors import ConflictError, DvcliError
from ..i18n import _
from ..model import Issued, Plan
from ..snapshot.issued import issued_records, valid_issued_records
from ..store import Store

__all__ = ["choose_number", "issued_records", "next_number", "term_key"]


class Coded(Protocol):
    """What numbering needs of a document: its type and issuer codes (an OutputDocument has both)."""

    @property
    def type_code(self) -> str: ...

    @property
    def issuer_code(self) -> str: ...


def next_number(plan: Plan, records: list[Issued], type_code: str, issuer_code: str, date: dt.date) -> int:
    key = term_key(plan, date)
    used = [rec.number for rec in records if rec.type_code == type_code and rec.issuer_code == issuer_code
            and term_key(plan, rec.date) == key]
    return max(used, default=0) + 1


def choose_number(store: Store, plan: Plan, output: Coded, requested: int | None, date: dt.date) -> int:
    """The next free number for ``output``'s type and issuer in ``date``'s term, or ``requested`` if free."""
    records = [rec for _path, rec in valid_issued_records(store)]
    if requested is None:
        return next_number(plan, records, output.type_code, output.issuer_code, date)
    if requested < 1:
        raise DvcliError(_("số văn bản phải từ 1 trở lên"), _("bỏ --number để lấy số tiếp theo"))
    key = term_key(plan, date)
    clash = next((rec for rec in records if rec.number == requested and rec.type_code == output.type_code
                  and rec.issuer_code == output.issuer_code and term_key(plan, rec.date) == key), None)
    if clash is not None:
        from ..render import short_date

        free = next_number(plan, records, output.type_code, output.issuer_code, date)
        raise ConflictError(
            _("số {n} đã cấp cho báo cáo Số {s}, ngày {d}").format(n=requested, s=clash.symbol, d=short_date(clash.date)),
            _("mỗi số chỉ cấp một lần cho loại {t} của {i}; bỏ --number để lấy số tiếp theo ({f})").format(
                t=output.type_code, i=output.issuer_code, f=free))
    return requested
