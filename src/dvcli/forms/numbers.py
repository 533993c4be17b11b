"""Numbers as Vietnamese offices type them: ``1.234.567``, ``19,5``, ``2 600 000``, ``35 tấn``."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ..i18n import _

_PLAIN = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.\s])\d{3})(?:\1\d{3})*$")  # 1.234.567 or 1 234 567
_COMMA_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$")  # 1.234,5 or 19,5
_DOT_DECIMAL = re.compile(r"^\d+\.\d+$")  # 2.5 (not three digits after the dot: that groups thousands)


class NotANumber(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def format_number(value: Decimal, decimal: bool) -> str:
    """The value as the form shows it: dots between thousands, a decimal comma."""
    sign, whole, fraction = "", value, ""
    if value != value.to_integral_value():
        text = format(value.normalize(), "f")
        integer, fraction = text.split(".")
        whole = Decimal(integer)
        fraction = "," + fraction
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + fraction


def parse_number(raw: str, unit: str, decimal: bool) -> Decimal | None:
    """``raw`` as a number (None when empty); ``NotANumber`` with a hint otherwise.

    The indicator's own unit after the number is accepted ("35 tấn"); any other word is refused,
    since "150 triệu" or "2,6 tỷ" needs a person to decide what was meant.
    """
    text = unicodedata.normalize("NFC", raw).replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not text:
        return None
    folded_unit = unit.casefold()
    if folded_unit and text.casefold().endswith(folded_unit) and text[: -len(unit)].strip()[-1:].isdigit():
        text = text[: -len(unit)].strip()
    example = "35,5" if decimal else "150000000"
    if _PLAIN.match(text) or _GROUPED.match(text):
        value = Decimal(re.sub(r"[.\s]", "", text))
    elif (match := _COMMA_DECIMAL.match(text)) is not None:
        value = Decimal(match.group(1).replace(".", "") + "." + match.group(2))
    elif _DOT_DECIMAL.match(text):
        value = Decimal(text)
    else:
        if text.startswith("-"):
            raise NotANumber(_("\"{v}\" là số âm").format(v=raw.strip()), _("số liệu không âm; để 0 nếu không có"))
        raise NotANumber(_("\"{v}\" không phải số").format(v=raw.strip()),
                         _("chỉ ghi số ({u}), ví dụ {e}; tiền ghi đủ bằng đồng, không viết \"triệu\", \"tỷ\"").format(
                             u=unit, e=example))
    if not decimal and value != value.to_integral_value():
        raise NotANumber(_("\"{v}\" không phải số nguyên").format(v=raw.strip()),
                         _("chỉ tiêu này đếm bằng số nguyên ({u}), ví dụ {e}").format(u=unit, e=example))
    return value


def from_cell(value: object, unit: str, decimal: bool) -> Decimal | None:
    """An Excel cell's value (number or text) as a number; ``NotANumber`` when it is not one."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotANumber(_("\"{v}\" không phải số").format(v=value), _("chỉ ghi số"))
    if isinstance(value, int):
        if value < 0:
            raise NotANumber(_("\"{v}\" là số âm").format(v=value), _("số liệu không âm; để 0 nếu không có"))
        return Decimal(value)
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation:
            raise NotANumber(_("\"{v}\" không phải số").format(v=value), _("chỉ ghi số")) from None
        if number < 0:
            raise NotANumber(_("\"{v}\" là số âm").format(v=value), _("số liệu không âm; để 0 nếu không có"))
        if not decimal and number != number.to_integral_value():
            raise NotANumber(_("\"{v}\" không phải số nguyên").format(v=value),
                             _("chỉ tiêu này đếm bằng số nguyên ({u})").format(u=unit))
        return number.normalize() if number == number.to_integral_value() else number
    return parse_number(str(value), unit, decimal)
