"""Validation of parsed YAML into the record types, and JSON Schema — the only pydantic user.

pydantic is imported here alone, and this module is imported only when a file must really be
validated (the parse cache spares the rest), so commands that answer from the cache start fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .i18n import _
from .model.common import BRANCH, CODE, FILE_NAME, ITEM_ID, SLUG

T = TypeVar("T")


@dataclass(frozen=True)
class FieldError:
    """A schema violation at ``loc`` (keys and list indexes from the document root)."""

    loc: tuple[str | int, ...]
    message: str
    hint: str

    @property
    def field(self) -> str:
        return format_loc(self.loc)


def format_loc(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    """One adapter per record type (building one costs milliseconds)."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def prepare(kinds: Iterable[type[Any]]) -> None:
    """Build the adapters of ``kinds`` now: before forking parse workers, each inherits them built
    instead of building its own (a report's adapter takes ~25 ms)."""
    for kind in kinds:
        _adapter(kind)


def validate(kind: type[T], data: Any) -> tuple[T | None, list[FieldError]]:
    """Validate ``data`` as ``kind``; return the record, or None and every error found."""
    try:
        record: T = _adapter(kind).validate_python(data)
        return record, []
    except ValidationError as exc:
        return None, [_field_error(error) for error in exc.errors(include_url=False)]


def json_schema(kind: type[Any]) -> dict[str, Any]:
    return _adapter(kind).json_schema()


def _field_error(error: Any) -> FieldError:
    loc = tuple(part for part in error["loc"]
                if part != "[key]" and not (isinstance(part, str) and part.startswith(BRANCH)))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    template, hint = _MESSAGES.get(kind, (None, None))
    if template is None:
        return FieldError(loc, _("giá trị không hợp lệ ({detail})").format(detail=error["msg"]),
                          _("xem mô tả trường bằng lệnh: dvcli schema"))
    value = error.get("input")
    shown = value if isinstance(value, str | int | float) else type(value).__name__
    fields = {key: str(item).replace(" or ", " " + _("hoặc") + " ") for key, item in ctx.items()}
    if fields.get("pattern") in _PATTERN_HINTS:
        hint = _PATTERN_HINTS[fields["pattern"]]
    message = _(template).format(value=shown, **fields)
    return FieldError(loc, message, _(hint).format(value=shown, **fields) if hint else "")


_PATTERN_HINTS = {
    SLUG: "chỉ dùng chữ thường không dấu, chữ số và dấu '-', ví dụ vy-tu-lieu",
    CODE: "mã này thành một phần tên thư mục: chỉ dùng chữ cái, chữ số và dấu '-' (không có '/', '.' hay "
          "khoảng trắng), ví dụ BDVTW hoặc HĐND",
    FILE_NAME: "tên một tệp trong cùng thư mục với bản ghi: không có '/' hay '\\', không bắt đầu bằng '.'; "
               "đừng sửa tay trường này",
    ITEM_ID: "số hiệu mục thành một phần tên tệp: chỉ dùng chữ cái không dấu, chữ số và dấu '.', ví dụ II.2",
    r"^\d{4}-W\d{2}$": "viết kỳ tuần dạng YYYY-Www, ví dụ 2021-W38",
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$": "viết giờ dạng HH:MM, ví dụ 16:00",
    r"^\+?[0-9][0-9 .-]{7,14}$": "viết số điện thoại bằng chữ số, ví dụ 0912345678 hoặc +84912345678",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "viết địa chỉ thư dạng ten@co-quan.vn",
    r"^[+-](0[0-9]|1[0-4]):[0-5][0-9]$": "viết múi giờ dạng +HH:MM, ví dụ +07:00",
    r"^[0-9a-f]{64}$": "mã SHA-256 gồm 64 chữ số hệ 16 viết thường; đừng sửa tay trường này",
    r"^([0-9a-f]{40}|[0-9a-f]{64})$": "mã đối tượng git (40 hoặc 64 chữ số hệ 16 viết thường); đừng sửa tay trường này",
}


# pydantic error type → (message, hint); placeholders come from the error's context.
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("thiếu trường bắt buộc", "thêm trường này vào tệp"),
    "extra_forbidden": ("trường không được biết đến", "xoá trường này hoặc sửa lỗi chính tả tên trường"),
    "unexpected_keyword_argument": ("trường không được biết đến",
                                    "xoá trường này hoặc sửa lỗi chính tả tên trường"),
    "string_type": ("phải là văn bản", "viết giá trị là một đoạn văn bản"),
    "string_too_short": ("không được để trống", "điền nội dung cho trường này"),
    "too_short": ("cần ít nhất {min_length} mục", "thêm mục vào danh sách"),
    "string_pattern_mismatch": ("giá trị \"{value}\" không đúng dạng", "dạng đúng: {pattern}"),
    "int_parsing": ("\"{value}\" không phải số nguyên", "viết số nguyên không có dấu chấm, phẩy, ví dụ 12"),
    "int_type": ("phải là số nguyên", "viết số nguyên, ví dụ 12"),
    "int_from_float": ("\"{value}\" không phải số nguyên", "bỏ phần thập phân"),
    "decimal_parsing": ("\"{value}\" không phải số", "viết số, dùng dấu chấm cho phần thập phân: 19300.5"),
    "decimal_type": ("phải là số", "viết số, ví dụ 12 hoặc 19300.5"),
    "finite_number": ("\"{value}\" không phải số hữu hạn (NaN, vô cực không phải số liệu)",
                      "viết một số cụ thể, ví dụ 12 hoặc 19300.5"),
    "decimal_max_digits": ("\"{value}\" có quá {max_digits} chữ số (tối đa 999999999999999)",
                           "số liệu chỉ tiêu có tối đa {max_digits} chữ số kể cả phần thập phân; "
                           "kiểm tra lại số đã nhập, hoặc đổi đơn vị tính (ví dụ triệu đồng)"),
    "greater_than_equal": ("phải lớn hơn hoặc bằng {ge}", "sửa thành một số từ {ge} trở lên"),
    "bool_parsing": ("\"{value}\" không phải đúng/sai", "viết true hoặc false"),
    "bool_type": ("phải là true hoặc false", "viết true hoặc false"),
    "date_parsing": ("\"{value}\" không phải ngày hợp lệ", "viết ngày dạng YYYY-MM-DD, ví dụ 2021-09-13"),
    "date_from_datetime_parsing": ("\"{value}\" không phải ngày hợp lệ",
                                   "viết ngày dạng YYYY-MM-DD, ví dụ 2021-09-13"),
    "date_from_datetime_inexact": ("\"{value}\" có cả giờ, trường này chỉ ghi ngày",
                                   "bỏ phần giờ, viết dạng YYYY-MM-DD, ví dụ 2021-09-13"),
    "date_type": ("phải là ngày", "viết ngày dạng YYYY-MM-DD"),
    "datetime_parsing": ("\"{value}\" không phải thời điểm hợp lệ",
                         "viết dạng YYYY-MM-DD HH:MM, ví dụ 2021-09-27 09:30"),
    "datetime_from_date_parsing": ("\"{value}\" không phải thời điểm hợp lệ",
                                   "viết dạng YYYY-MM-DD HH:MM, ví dụ 2021-09-27 09:30"),
    "datetime_type": ("phải là thời điểm", "viết dạng YYYY-MM-DD HH:MM"),
    "literal_error": ("\"{value}\" không phải giá trị được phép", "chọn một trong: {expected}"),
    "list_type": ("phải là danh sách", "viết mỗi mục trên một dòng bắt đầu bằng '- '"),
    "dict_type": ("phải là bảng các trường", "viết dạng 'ten_truong: gia_tri' thụt lề dưới trường này"),
    "dataclass_type": ("phải là bảng các trường", "viết dạng 'ten_truong: gia_tri' thụt lề dưới trường này"),
    "dataclass_args_type": ("phải là bảng các trường", "viết dạng 'ten_truong: gia_tri'"),
}
