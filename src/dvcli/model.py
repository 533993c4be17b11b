"""The record types: plan, roster, assignments, reports, issued reports. No I/O here.

These frozen dataclasses are the single definition of every data file: ``schema.py`` validates
YAML into them with pydantic and emits JSON Schema from them, and the rest of dvcli reads them.
Field docstrings become the schema's descriptions (shown by editors while typing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Any, Literal

from annotated_types import Ge, MinLen


@dataclass(frozen=True)
class Pattern:
    """A regular-expression constraint on a string, understood by pydantic and JSON Schema.

    Written as pydantic's hook so that importing this module does not import pydantic:
    commands that read a validated cache never pay for it.
    """

    regex: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.regex)


# Ids are ASCII slugs so they work as file names on every system and in every shell.
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Pattern(SLUG)]
Text = Annotated[str, MinLen(1)]
Clock = Annotated[str, Pattern(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Phone = Annotated[str, Pattern(r"^\+?[0-9][0-9 .-]{7,14}$")]
Email = Annotated[str, Pattern(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]

Role = Literal["to-truong", "thanh-vien", "thu-ky"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Profile = Literal["dang", "nha-nuoc"]

_STRICT = {"extra": "forbid", "use_attribute_docstrings": True}


# --- plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BasisDocument:
    __pydantic_config__ = _STRICT
    number: Text
    """Số, ký hiệu văn bản căn cứ, ví dụ 01-KH/TBDV."""
    date: dt.date
    issuer: Text
    """Cơ quan hoặc người ban hành văn bản căn cứ."""
    kind: Text = "Kế hoạch"


@dataclass(frozen=True)
class DocumentInfo:
    """Thông tin văn bản của kế hoạch (thể thức)."""

    __pydantic_config__ = _STRICT
    kind: Text
    """Tên loại văn bản, ví dụ "Kế hoạch"."""
    type_code: Text
    """Chữ viết tắt tên loại: KH, BC, CV, TB."""
    number: Annotated[int, Ge(1)]
    issuer_code: Text
    """Chữ viết tắt tên cơ quan ban hành, ví dụ BDVTW."""
    date: dt.date
    place: Text
    issuer: Text
    """Tên cơ quan ban hành, ví dụ "Ban Dân vận Trung ương"."""
    issuer_header: Text
    """Tên cơ quan ở tiêu đề văn bản, ví dụ "BAN DÂN VẬN"."""
    parent_header: Text
    """Tên cơ quan cấp trên ở tiêu đề, ví dụ "BAN CHẤP HÀNH TRUNG ƯƠNG"."""
    title: Text
    """Trích yếu nội dung."""
    basis: BasisDocument
    preamble: Text
    """Đoạn mở đầu (căn cứ ban hành), đúng như văn bản gốc."""
    party_header: Text = "ĐẢNG CỘNG SẢN VIỆT NAM"

    @property
    def symbol(self) -> str:
        return f"{self.number}-{self.type_code}/{self.issuer_code}"


@dataclass(frozen=True)
class Term:
    """Một mục trong danh mục đối tượng, lĩnh vực hoặc địa bàn."""

    __pydantic_config__ = _STRICT
    id: Slug
    label: Text


@dataclass(frozen=True)
class Vocabulary:
    __pydantic_config__ = _STRICT
    subjects: list[Term] = field(default_factory=list)
    """Đối tượng vận động."""
    fields: list[Term] = field(default_factory=list)
    """Lĩnh vực."""
    areas: list[Term] = field(default_factory=list)
    """Địa bàn."""


@dataclass(frozen=True)
class PlanItem:
    """Một mục đánh số của kế hoạch (ví dụ II.2)."""

    __pydantic_config__ = _STRICT
    id: Text
    """Số hiệu ổn định: I.1, II.3, III.5 …"""
    text: Text
    """Toàn văn mục; các đoạn cách nhau bằng một dòng trống."""
    heading: str | None = None
    """Tiêu đề đứng đầu mục, ví dụ "Mục đích" trong "1. Mục đích: …"."""
    short: str | None = None
    """Tên ngắn của nhiệm vụ dùng trong báo cáo tổng hợp."""
    task: bool = False
    """true nếu là nhiệm vụ được phân công và báo cáo kết quả."""
    subjects: list[Slug] = field(default_factory=list)
    fields: list[Slug] = field(default_factory=list)
    areas: list[Slug] = field(default_factory=list)
    units: list[Slug] = field(default_factory=list)
    """Đơn vị chịu trách nhiệm (id trong members.yaml)."""


@dataclass(frozen=True)
class Section:
    __pydantic_config__ = _STRICT
    id: Text
    """Số La Mã: I, II, III."""
    title: Text
    items: list[PlanItem]


@dataclass(frozen=True)
class Group:
    """Tổ công tác."""

    __pydantic_config__ = _STRICT
    name: Text
    size: Annotated[int, Ge(1)]
    leader: Slug
    """Id thành viên làm Tổ trưởng."""
    secretary: Slug
    """Id thành viên làm Thư ký."""
    standing_unit: Slug
    """Id đơn vị làm Bộ phận thường trực."""
    reports_to: list[Text]
    """Các cơ quan mà Tổ tham mưu báo cáo."""
    consolidates_for: Text = "lãnh đạo Ban"


@dataclass(frozen=True)
class Signature:
    __pydantic_config__ = _STRICT
    authority: Text
    """Quyền hạn ký: "K/T TRƯỞNG BAN", "T/M TỔ CÔNG TÁC"."""
    title: Text
    """Chức vụ người ký: "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"."""
    name: str | None = None
    """Họ tên người ký; để trống thì lấy Tổ trưởng."""


@dataclass(frozen=True)
class Indicator:
    """Chỉ tiêu các báo cáo phải đếm."""

    __pydantic_config__ = _STRICT
    id: Slug
    label: Text
    unit: Text
    type: Literal["integer", "decimal"] = "integer"
    aggregate: Literal["sum", "max", "last"] = "sum"
    """Cách cộng dồn: sum (cộng), max (lớn nhất), last (giá trị mới nhất)."""


@dataclass(frozen=True)
class DueRule:
    __pydantic_config__ = _STRICT
    weekday: Weekday = "monday"
    """Hạn nộp: thứ đầu tiên sau khi kỳ báo cáo kết thúc."""
    time: Clock = "10:00"
    """Giờ hạn nộp, dạng HH:MM."""


@dataclass(frozen=True)
class OutputDocument:
    """Một loại báo cáo tổng hợp dvcli soạn (theo một mẫu)."""

    __pydantic_config__ = _STRICT
    type_code: Text
    """Loại văn bản khi cấp số: BC."""
    issuer_code: Text
    """Ký hiệu cơ quan trong số văn bản, ví dụ BDVTW."""
    subject: Text
    """Trích yếu, viết thường chữ đầu: "tình hình, kết quả công tác dân vận …"."""
    signature: Signature
    recipients: list[Text]
    """Nơi nhận, mỗi dòng đúng như in (không có "- " ở đầu và dấu câu ở cuối)."""
    draft: bool = False
    """true: in chữ "DỰ THẢO" (văn bản trình ký thay mặt cơ quan)."""
    issuer_header: str | None = None
    """Tên cơ quan ở tiêu đề nếu khác kế hoạch (ví dụ "TỔ CÔNG TÁC")."""


@dataclass(frozen=True)
class Reporting:
    """Chế độ báo cáo."""

    __pydantic_config__ = _STRICT
    start: dt.date
    """Ngày bắt đầu tính kỳ báo cáo và lũy kế."""
    indicators: list[Indicator]
    frequency: Literal["weekly"] = "weekly"
    week_start: Weekday = "monday"
    """Ngày đầu của tuần báo cáo (kỳ gồm 7 ngày)."""
    due: DueRule = field(default_factory=DueRule)
    month_start_day: Annotated[int, Ge(1)] = 15
    """Kỳ tháng: từ ngày này của tháng trước đến ngày liền trước của tháng này."""
    utc_offset: Annotated[str, Pattern(r"^[+-](0[0-9]|1[0-4]):[0-5][0-9]$")] = "+07:00"
    """Múi giờ của các mốc thời gian không ghi múi giờ."""
    profile: Profile = "dang"
    """Thể thức văn bản: dang (HD 36-HD/VPTW) hoặc nha-nuoc (NĐ 30/2020/NĐ-CP)."""
    term_start: dt.date | None = None
    """Ngày đầu nhiệm kỳ: số văn bản của Đảng đánh liên tục trong nhiệm kỳ."""
    documents: dict[str, OutputDocument] = field(default_factory=dict)
    """Cấu hình từng mẫu báo cáo, theo tên mẫu."""


@dataclass(frozen=True)
class Plan:
    __pydantic_config__ = _STRICT
    document: DocumentInfo
    sections: Annotated[list[Section], MinLen(1)]
    group: Group
    vocabulary: Vocabulary
    recipients: list[Text]
    """Nơi nhận của kế hoạch, đúng như văn bản gốc."""
    signature: Signature
    reporting: Reporting

    def items(self) -> list[PlanItem]:
        return [item for section in self.sections for item in section.items]

    def tasks(self) -> list[PlanItem]:
        return [item for item in self.items() if item.task]

    def item(self, item_id: str) -> PlanItem | None:
        return next((item for item in self.items() if item.id == item_id), None)


# --- roster --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    __pydantic_config__ = _STRICT
    id: Slug
    name: Text
    short: str | None = None
    """Tên viết tắt, ví dụ T78."""


@dataclass(frozen=True)
class Leave:
    """Thời gian vắng (nghỉ phép, công tác) — không phải báo cáo."""

    __pydantic_config__ = _STRICT
    start: dt.date
    end: dt.date
    reason: str | None = None


@dataclass(frozen=True)
class Member:
    __pydantic_config__ = _STRICT
    id: Slug
    """Id không dấu từ họ tên, ví dụ vy-tu-lieu."""
    name: Text
    position: Text
    """Chức vụ đầy đủ như trong danh sách, ví dụ "Vụ trưởng Vụ Đoàn thể nhân dân"."""
    unit: Slug
    role: Role
    phone: Phone | None = None
    email: Email | None = None
    leave: list[Leave] = field(default_factory=list)

    def on_leave(self, start: dt.date, end: dt.date) -> bool:
        """True when a leave covers the whole of ``start``..``end``."""
        return any(period.start <= start and end <= period.end for period in self.leave)


@dataclass(frozen=True)
class Roster:
    __pydantic_config__ = _STRICT
    units: list[Unit]
    members: Annotated[list[Member], MinLen(1)]

    def unit(self, unit_id: str) -> Unit | None:
        return next((unit for unit in self.units if unit.id == unit_id), None)

    def member(self, member_id: str) -> Member | None:
        # Indexed on first use: check looks up a member for each of 500,000 reports.
        index: dict[str, Member] | None = self.__dict__.get("_by_id")
        if index is None:
            index = {}
            for member in self.members:
                index.setdefault(member.id, member)
            object.__setattr__(self, "_by_id", index)
        return index.get(member_id)


# --- assignments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    """Tổ trưởng phân công một thành viên một nhiệm vụ của kế hoạch."""

    __pydantic_config__ = _STRICT
    member: Slug
    task: Text
    """Số hiệu nhiệm vụ trong kế hoạch, ví dụ II.2."""
    start: dt.date
    """Phân công có hiệu lực từ ngày."""
    subjects: list[Slug] = field(default_factory=list)
    fields: list[Slug] = field(default_factory=list)
    areas: list[Slug] = field(default_factory=list)
    end: dt.date | None = None
    """Hết hiệu lực sau ngày này (để trống: chưa kết thúc)."""
    note: str | None = None

    def active(self, start: dt.date, end: dt.date) -> bool:
        """True when the assignment overlaps the period ``start``..``end``."""
        return self.start <= end and (self.end is None or self.end >= start)


# --- reports -------------------------------------------------------------------------------

IndicatorValue = Annotated[Decimal, Ge(0)]


@dataclass(frozen=True)
class Situation:
    """Tình hình nhân dân."""

    __pydantic_config__ = _STRICT
    overview: str = ""
    """Tình hình chung của nhân dân trên địa bàn, trong đối tượng được phân công."""
    thoughts: str = ""
    """Tâm tư, nguyện vọng của nhân dân."""


@dataclass(frozen=True)
class Result:
    """Kết quả thực hiện một nhiệm vụ của kế hoạch."""

    __pydantic_config__ = _STRICT
    task: Text
    text: str = ""
    subjects: list[Slug] = field(default_factory=list)
    fields: list[Slug] = field(default_factory=list)
    areas: list[Slug] = field(default_factory=list)


@dataclass(frozen=True)
class Model:
    """Mô hình hiệu quả (ví dụ Tổ COVID cộng đồng)."""

    __pydantic_config__ = _STRICT
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

    __pydantic_config__ = _STRICT
    to: Text
    """Cơ quan nhận kiến nghị, ví dụ "Bộ Y tế"."""
    text: Text


@dataclass(frozen=True)
class Report:
    """Báo cáo của một thành viên cho một kỳ (hoặc báo cáo đột xuất)."""

    __pydantic_config__ = _STRICT
    member: Slug
    submitted: dt.datetime
    """Thời điểm nộp, ví dụ 2021-09-27 09:30 (giờ Việt Nam nếu không ghi múi giờ)."""
    period: Annotated[str, Pattern(r"^\d{4}-W\d{2}$")] | None = None
    """Kỳ báo cáo tuần, ví dụ 2021-W38; để trống với báo cáo đột xuất."""
    date: dt.date | None = None
    """Ngày của báo cáo đột xuất."""
    title: str | None = None
    """Tiêu đề báo cáo đột xuất."""
    situation: Situation = field(default_factory=Situation)
    results: list[Result] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    difficulties: list[Text] = field(default_factory=list)
    causes: list[Text] = field(default_factory=list)
    """Nguyên nhân của hạn chế, khó khăn."""
    proposals: list[Proposal] = field(default_factory=list)
    next_tasks: list[Text] = field(default_factory=list)
    """Nhiệm vụ kỳ tới."""
    indicators: dict[Slug, IndicatorValue] = field(default_factory=dict)
    """Số liệu theo chỉ tiêu của kế hoạch (id chỉ tiêu: giá trị)."""

    @property
    def ad_hoc(self) -> bool:
        return self.period is None


# --- issued reports ------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    __pydantic_config__ = _STRICT
    path: Text
    sha256: Annotated[str, Pattern(r"^[0-9a-f]{64}$")]


@dataclass(frozen=True)
class Issued:
    """Bản ghi một báo cáo tổng hợp đã ban hành: số, kỳ, tệp, và dấu vân tay các nguồn."""

    __pydantic_config__ = _STRICT
    number: Annotated[int, Ge(1)]
    type_code: Text
    issuer_code: Text
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
