"""Reporting units of a centre (``data/units.yaml``) and the unit reports it received
(``data/received/<unit>/<year>/<folder>/received.yaml``).

A reporting unit is a body below the centre with its own dvcli workspace (a standing office, a
province's working group). It sends its *issued* reports as packages (``dvcli issued export``);
the centre receives them (``dvcli receive``) from the unit's source: a git remote of the unit's
workspace or a folder where packages are dropped. docs/national-deployment.md tells the story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated

from .common import STRICT, Code, MinLen, Pattern, Text
from .plan import DueRule

# A unit id names the folder ``data/received/<unit>/``: an ASCII slug that starts with a letter, so
# that it never looks like the year folders ``report import`` keeps its originals in.
UNIT_ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
UnitId = Annotated[str, Pattern(UNIT_ID), MinLen(1)]


@dataclass(frozen=True)
class ReportingUnit:
    """Một đơn vị báo cáo lên: có không gian làm việc dvcli riêng, gửi báo cáo đã ban hành."""

    __pydantic_config__ = STRICT
    id: UnitId
    """Mã đơn vị, chữ thường không dấu, ví dụ t78."""
    name: Text
    """Tên đơn vị, ví dụ "Cơ quan thường trực tại TP. Hồ Chí Minh"."""
    source: Text
    """Nơi nhận gói báo cáo: địa chỉ git (https, ssh, đường dẫn) của không gian làm việc của đơn vị,
    hoặc một thư mục chứa các gói .zip."""
    code: Code | None = None
    """Ký hiệu cơ quan trong số văn bản của đơn vị (T78 trong 05-BC/T78): gói mang ký hiệu khác bị từ chối."""
    due: DueRule | None = None
    """Hạn gửi báo cáo của đơn vị; để trống thì theo hạn trong kế hoạch (reporting.due)."""


@dataclass(frozen=True)
class Units:
    """Các đơn vị báo cáo lên trung tâm (data/units.yaml)."""

    __pydantic_config__ = STRICT
    units: list[ReportingUnit] = field(default_factory=list)


@dataclass(frozen=True)
class ReceivedPackage:
    """Bản ghi một báo cáo đơn vị đã nhận: gói nào, của ai, khi nào; ghi một lần, không sửa."""

    __pydantic_config__ = STRICT
    unit: UnitId
    folder: Text
    """The issued folder id at the unit (``2021/05-BC-T78``)."""
    symbol: Text
    """Số, ký hiệu như in, ví dụ 05-BC/T78."""
    number: int
    date: dt.date
    start: dt.date
    end: dt.date
    title: Text
    sha256: Annotated[str, Pattern(r"^[0-9a-f]{64}$")]
    """The SHA-256 of ``package.zip`` beside this record."""
    received: dt.datetime
    """When the centre received it."""
    sent: dt.datetime | None = None
    """When the unit exported the package (its manifest's ``created``)."""
    replaces: Text | None = None
    """The unit's folder id of the report this one replaces."""
    signed: bool = False
    """The original is a digitally signed PDF whose signatures were verified intact."""


@dataclass(frozen=True)
class ReplacedMark:
    """Báo cáo đơn vị đã được đơn vị thay thế bằng báo cáo khác (replaced.yaml cạnh received.yaml)."""

    __pydantic_config__ = STRICT
    by: Text
    """The unit's folder id of the replacement."""
    symbol: Text
    received: dt.datetime
