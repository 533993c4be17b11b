"""A member's report (data/reports/<year>/W<ww>/<member>.yaml), weekly or ad-hoc."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal

from .common import STRICT, Ge, MaxDigits, Pattern, Slug, Text

INDICATOR_DIGITS = 15
"""The documented maximum of an indicator value: 15 digits in all (up to 999 999 999 999 999, or
e.g. 12 before and 3 after the decimal point). It is what a spreadsheet cell holds exactly (a
double keeps 15 significant digits), so a figure is the same in YAML, the report and Excel; totals
of such values are computed exactly (``consolidation.indicators.exact_sum``)."""

IndicatorValue = Annotated[Decimal, Ge(0), MaxDigits(INDICATOR_DIGITS)]


@dataclass(frozen=True)
class Situation:
    """Tình hình nhân dân."""

    __pydantic_config__ = STRICT
    overview: str = ""
    """Tình hình chung của nhân dân trên địa bàn, trong đối tượng được phân công."""
    thoughts: str = ""
    """Tâm tư, nguyện vọng của nhân dân."""


@dataclass(frozen=True)
class Result:
    """Kết quả thực hiện một nhiệm vụ của kế hoạch."""

    __pydantic_config__ = STRICT
    task: Text
    text: str = ""
    subjects: list[Slug] = field(default_factory=list)
    fields: list[Slug] = field(default_factory=list)
    areas: list[Slug] = field(default_factory=list)


@dataclass(frozen=True)
class Model:
    """Mô hình hiệu quả (ví dụ Tổ COVID cộng đồng)."""

    __pydantic_config__ = STRICT
    name: Text
    place: Text
    description: str = ""
    """Cách làm, kết quả — vì sao hiệu quả."""
    area: Slug | None = None
    replicate: bool = False
    """true: đề xuất nhân rộng."""


@dataclass(frozen=True)
class Proposal:
    """Kiến nghị, đề xuất gửi một cơ quan."""

    __pydantic_config__ = STRICT
    to: Text
    """Cơ quan nhận kiến nghị, ví dụ "Bộ Y tế"."""
    text: Text


@dataclass(frozen=True)
class Received:
    """Cách báo cáo đến (dvcli report import): tệp gốc, kênh, thời điểm nhận."""

    __pydantic_config__ = STRICT
    file: Text
    """Tệp gốc được lưu, ví dụ data/received/2021/W38/vy-tu-lieu/3f2a9c1e-bao-cao.docx."""
    sha256: Annotated[str, Pattern(r"^[0-9a-f]{64}$")]
    via: Literal["email", "paper", "zalo", "hand", "file"]
    """Kênh: email (thư điện tử), paper (giấy), zalo, hand (nộp tận tay), file (tệp)."""
    at: dt.datetime
    """Thời điểm nhận."""
    name: str = ""
    """Tên tệp như khi nhận."""
    sender: str | None = None
    """Người gửi thư (From:)."""
    message_id: str | None = None
    review: bool = False
    """true: cần Thư ký xem lại (ví dụ văn bản không theo biểu mẫu, nhập nguyên văn)."""
    notes: list[str] = field(default_factory=list)
    """Ghi chú khi nhập, ví dụ đã chuyển mã TCVN3 sang Unicode."""


@dataclass(frozen=True)
class PlannedTask:
    """Một việc đã ghi ở "Nhiệm vụ kỳ tới" của báo cáo kỳ trước, và kết quả."""

    __pydantic_config__ = STRICT
    text: Text
    outcome: Literal["done", "carried", "dropped"]
    """done: đã làm xong; carried: chuyển sang kỳ này; dropped: thôi, không làm nữa."""


@dataclass(frozen=True)
class Report:
    """Báo cáo của một thành viên cho một kỳ (hoặc báo cáo đột xuất)."""

    __pydantic_config__ = STRICT
    member: Slug
    submitted: dt.datetime
    """Thời điểm nộp, ví dụ 2021-09-27 09:30 (giờ Việt Nam nếu không ghi múi giờ)."""
    revised: dt.datetime | None = None
    """Thời điểm sửa gần nhất (dvcli report edit ghi); submitted vẫn là lần nộp đầu."""
    nothing_to_report: bool = False
    """true: thành viên báo cáo rõ là kỳ này không có nội dung (dvcli report new --nothing-to-report)."""
    period: Annotated[str, Pattern(r"^\d{4}-W\d{2}$")] | None = None
    """Kỳ báo cáo tuần, ví dụ 2021-W38; để trống với báo cáo đột xuất."""
    date: dt.date | None = None
    """Ngày của báo cáo đột xuất."""
    title: str | None = None
    """Tiêu đề báo cáo đột xuất."""
    request: Slug | None = None
    """Yêu cầu báo cáo mà báo cáo đột xuất này trả lời (id trong data/requests/)."""
    situation: Situation = field(default_factory=Situation)
    results: list[Result] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    difficulties: list[Text] = field(default_factory=list)
    causes: list[Text] = field(default_factory=list)
    """Nguyên nhân của hạn chế, khó khăn."""
    proposals: list[Proposal] = field(default_factory=list)
    previous_tasks: list[PlannedTask] = field(default_factory=list)
    """Nhiệm vụ kỳ trước (từ next_tasks của báo cáo kỳ trước) và kết quả của từng việc."""
    next_tasks: list[Text] = field(default_factory=list)
    """Nhiệm vụ kỳ tới."""
    indicators: dict[Slug, IndicatorValue] = field(default_factory=dict)
    """Số liệu theo chỉ tiêu của kế hoạch (id chỉ tiêu: giá trị)."""
    received: Received | None = None
    """Nguồn: tệp, thư điện tử … mà báo cáo được nhập từ đó (dvcli report import)."""

    @property
    def ad_hoc(self) -> bool:
        return self.period is None

    @property
    def empty(self) -> bool:
        """True when the report says nothing: no text anywhere, no item in any list, every figure 0.

        Such a report counts as submitted only when it says so (``nothing_to_report``). The outcomes
        of last period's tasks (``previous_tasks``) are pre-filled by ``report new``, so they alone
        do not make a report say something.
        """
        situation = self.situation.overview.strip() or self.situation.thoughts.strip()
        results = any(result.text.strip() for result in self.results)
        lists = self.models or self.difficulties or self.causes or self.proposals or self.next_tasks
        figures = any(value != 0 for value in self.indicators.values())
        return not (situation or results or lists or figures)
