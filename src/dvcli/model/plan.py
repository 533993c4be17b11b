"""The plan (data/plan.yaml): the signed document's text, vocabulary, group, and reporting regime."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from .common import STRICT, Clock, Code, Ge, ItemId, MinLen, Pattern, Profile, Slug, Text, Weekday


@dataclass(frozen=True)
class BasisDocument:
    __pydantic_config__ = STRICT
    number: Text
    """Số, ký hiệu văn bản căn cứ, ví dụ 01-KH/TBDV."""
    date: dt.date
    issuer: Text
    """Cơ quan hoặc người ban hành văn bản căn cứ."""
    kind: Text = "Kế hoạch"


@dataclass(frozen=True)
class DocumentInfo:
    """Thông tin văn bản của kế hoạch (thể thức)."""

    __pydantic_config__ = STRICT
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

    __pydantic_config__ = STRICT
    id: Slug
    label: Text


@dataclass(frozen=True)
class Vocabulary:
    __pydantic_config__ = STRICT
    subjects: list[Term] = field(default_factory=list)
    """Đối tượng vận động."""
    fields: list[Term] = field(default_factory=list)
    """Lĩnh vực."""
    areas: list[Term] = field(default_factory=list)
    """Địa bàn."""


@dataclass(frozen=True)
class PlanItem:
    """Một mục đánh số của kế hoạch (ví dụ II.2)."""

    __pydantic_config__ = STRICT
    id: ItemId
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
    __pydantic_config__ = STRICT
    id: Text
    """Số La Mã: I, II, III."""
    title: Text
    items: list[PlanItem]


@dataclass(frozen=True)
class Group:
    """Tổ công tác."""

    __pydantic_config__ = STRICT
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
    __pydantic_config__ = STRICT
    title: Text
    """Chức vụ người ký: "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"."""
    authority: str = ""
    """Quyền hạn ký: "K/T TRƯỞNG BAN"; để trống khi người đứng đầu ký trực tiếp ("TỔ TRƯỞNG")
    (HD 36-HD/VPTW điểm 1.7.1: tổ công tác, ban chỉ đạo do quyết định thành lập)."""
    name: str | None = None
    """Họ tên người ký; để trống thì lấy Tổ trưởng."""


@dataclass(frozen=True)
class Indicator:
    """Chỉ tiêu các báo cáo phải đếm."""

    __pydantic_config__ = STRICT
    id: Slug
    label: Text
    unit: Text
    type: Literal["integer", "decimal"] = "integer"
    aggregate: Literal["sum", "max", "last"] = "sum"
    """Cách cộng dồn: sum (cộng), max (lớn nhất), last (giá trị mới nhất)."""


@dataclass(frozen=True)
class DueRule:
    __pydantic_config__ = STRICT
    weekday: Weekday = "monday"
    """Hạn nộp: thứ đầu tiên sau khi kỳ báo cáo kết thúc."""
    time: Clock = "10:00"
    """Giờ hạn nộp, dạng HH:MM."""


@dataclass(frozen=True)
class OutputDocument:
    """Một loại báo cáo tổng hợp dvcli soạn (theo một mẫu)."""

    __pydantic_config__ = STRICT
    type_code: Code
    """Loại văn bản khi cấp số: BC."""
    issuer_code: Code
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
    archive_unit: str | None = None
    """Thể thức Nhà nước: chữ viết tắt đơn vị soạn thảo trong dòng "- Lưu: VT, ĐTND(02)." (NĐ 30/2020)."""
    archive_copies: Annotated[int, Ge(1)] | None = None
    """Thể thức Nhà nước: số bản lưu trong dòng "- Lưu: VT, ĐTND(02)." """
    parent_header: str | None = None
    """Tên cơ quan cấp trên ở tiêu đề nếu khác kế hoạch: với Tổ công tác là cơ quan ra quyết định thành
    lập Tổ (ví dụ "BAN DÂN VẬN TRUNG ƯƠNG"), HD 36-HD/VPTW điểm 1.2.1."""
    upward: bool = False
    """true: báo cáo gửi lên trên cơ quan ban hành (Thường trực Ban Bí thư): không đưa nội dung nội bộ
    (nghỉ phép, việc của Tổ, kiến nghị với lãnh đạo Ban); thể thức Nhà nước có "Kính gửi"."""


@dataclass(frozen=True)
class Reporting:
    """Chế độ báo cáo."""

    __pydantic_config__ = STRICT
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
    documents: dict[Slug, OutputDocument] = field(default_factory=dict)
    """Cấu hình từng mẫu báo cáo, theo tên mẫu."""


@dataclass(frozen=True)
class Plan:
    __pydantic_config__ = STRICT
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
