"""Reading one received file into a report's fields: our DOCX/XLSX forms, a foreign Word document
(``--as-text``), YAML — each refused with a clear message when it is hostile or unusable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import DataError, DvcliError, Problem
from ..forms import safety
from ..forms.spec import Filled
from ..i18n import _
from ..model import Plan
from .form_content import area_terms, indicator_specs

OFFICE = (".docx", ".xlsx")
YAML = (".yaml", ".yml")


@dataclass
class Read:
    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    review: bool = False
    kind: str = "file"


def _refuse(display: str, exc: safety.Refused) -> DvcliError:
    return DvcliError(f"{display}: {exc.message}", exc.hint)


def _problems(display: str, filled: Filled) -> list[Problem]:
    return [Problem(display, None, where, message, hint) for where, message, hint in filled.problems]


def read(plan: Plan, display: str, name: str, data: bytes, as_text: bool) -> Read:
    """The report fields in ``data`` (a file called ``name``), or a ``DvcliError``/``DataError``."""
    suffix = Path(name).suffix.lower()
    try:
        safety.check_suffix(suffix)
        safety.check_size(len(data))
    except safety.Refused as exc:
        raise _refuse(display, exc) from None
    if suffix in YAML:
        loaded = yamlio.loads(data, display)
        if not isinstance(loaded, dict):
            raise DataError([Problem(display, 1, "", _("báo cáo phải là bảng các trường (member: …)"),
                                     _("xem mẫu bằng: dvcli report new THÀNH_VIÊN --no-edit --no-commit"))])
        return Read(loaded, kind="yaml")
    if suffix not in OFFICE:
        if suffix in (".doc", ".xls"):
            raise DvcliError(_("{f}: tệp theo định dạng Word/Excel cũ (97–2003)").format(f=display),
                             _("mở tệp, chọn Lưu thành (Save As) dạng .docx hoặc .xlsx rồi gửi lại"))
        raise DvcliError(_("{f}: dvcli không nhận loại tệp này").format(f=display),
                         _("nhận được: biểu mẫu .docx, .xlsx của dvcli, .yaml, thư .eml, hộp thư mbox hoặc Maildir"))
    kind = suffix[1:]
    try:
        safety.check_office(data, kind)
    except safety.Refused as exc:
        raise _refuse(display, exc) from None
    indicators, areas = indicator_specs(plan), area_terms(plan)
    if kind == "docx":
        from ..forms import docx_read

        try:
            doc = docx_read.open_document(data)
        except Exception:  # python-docx raises many kinds on broken XML; all mean the same to the user
            raise DvcliError(_("{f}: tệp hỏng, Word không đọc được").format(f=display),
                             _("mở lại tệp trong Word, lưu dạng .docx rồi gửi lại")) from None
        try:
            filled = docx_read.read(doc, display, indicators, areas)
        except docx_read.NotOurForm as foreign:
            if not as_text:
                raise DvcliError(_("{f}: văn bản Word này không phải biểu mẫu của dvcli").format(f=display),
                                 _("gửi thành viên biểu mẫu (dvcli form THÀNH_VIÊN) để điền lại, hoặc nhập nguyên văn "
                                   "để Thư ký xem lại: thêm --as-text --member THÀNH_VIÊN")) from None
            return unlegacy(as_text_report(foreign.paragraphs))
    else:
        from ..forms import xlsx_read

        try:
            workbook = xlsx_read.open_workbook(data)
        except Exception:  # openpyxl, like python-docx, raises many kinds on a broken file
            raise DvcliError(_("{f}: tệp hỏng, Excel không đọc được").format(f=display),
                             _("mở lại tệp trong Excel, lưu dạng .xlsx rồi gửi lại")) from None
        try:
            filled = xlsx_read.read(workbook, display, indicators, areas)
        except xlsx_read.NotOurWorkbook:
            raise DvcliError(_("{f}: bảng tính này không phải biểu mẫu của dvcli").format(f=display),
                             _("gửi thành viên biểu mẫu Excel (dvcli form THÀNH_VIÊN --format xlsx) để điền lại")) from None
    if filled.problems:
        raise DataError(_problems(display, filled))
    return unlegacy(Read(filled.data, filled.notes, kind=kind))


_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


def _converted(value: Any, found: set[str]) -> Any:
    """``value`` with each string that is TCVN3 or VNI converted (each judged alone: a pasted paragraph)."""
    from ..forms import legacy

    if isinstance(value, str):
        kind = legacy.detect(value)
        if kind is None:
            return value
        found.add(kind)
        return legacy.convert(value, kind)
    if isinstance(value, dict):
        return {key: _converted(item, found) for key, item in value.items()}
    if isinstance(value, list):
        return [_converted(item, found) for item in value]
    return value


def unlegacy(got: Read) -> Read:
    """Text typed in TCVN3 or VNI converted to Unicode NFC (identity and codes are ASCII: unchanged), with a note."""
    found: set[str] = set()
    got.data = {key: (value if key in ("member", "period", "date") else _converted(value, found))
                for key, value in got.data.items()}
    for kind in sorted(found):
        got.notes.append(_("văn bản gõ bằng mã {k} đã được chuyển sang Unicode").format(k=_LEGACY_NAMES[kind]))
    return got


def as_text_report(paragraphs: list[str]) -> Read:
    """A document that is not our form, kept as the report's text, with no indicators, for review."""
    from ..forms.rows import paragraphs_text

    text = paragraphs_text(paragraphs)
    return Read({"situation": {"overview": text}, "results": [], "indicators": {}},
                [_("văn bản không theo biểu mẫu: nhập nguyên văn vào mục Tình hình chung, không có số liệu")],
                review=True, kind="text")
