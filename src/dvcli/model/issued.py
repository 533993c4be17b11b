"""An issued consolidated report's record (data/issued/**/issued.yaml): number, files, sealed sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from .common import STRICT, Code, Ge, Pattern, Text


@dataclass(frozen=True)
class Source:
    __pydantic_config__ = STRICT
    path: Text
    sha256: Annotated[str, Pattern(r"^[0-9a-f]{64}$")]


@dataclass(frozen=True)
class Issued:
    """Bản ghi một báo cáo tổng hợp đã ban hành: số, kỳ, tệp, và dấu vân tay các nguồn."""

    __pydantic_config__ = STRICT
    number: Annotated[int, Ge(1)]
    type_code: Code
    issuer_code: Code
    symbol: Text
    """Số, ký hiệu như in trên văn bản, ví dụ 25-BC/BDVTW."""
    template: Text
    date: dt.date
    start: dt.date
    end: dt.date
    title: Text
    sources: list[Source]
    files: list[Text]
    ad_hoc: bool = False
