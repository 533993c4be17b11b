"""Turning a form's cells and paragraphs into report fields — shared by the DOCX and XLSX readers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from ..i18n import _
from .spec import NO_WORDS, YES_WORDS

_BULLET = re.compile(r"^\s*(?:[-–—•●◦▪+*]\s*)+")

Report = Callable[[str, str, str | None], None]


def clean(text: str) -> str:
    """NFC, no trailing spaces on a line, no blank lines at either end."""
    lines = [line.rstrip() for line in unicodedata.normalize("NFC", text).replace("\r", "").split("\n")]
    return "\n".join(lines).strip()


def paragraphs_text(paragraphs: Sequence[str]) -> str:
    """Paragraphs as the report's text: non-empty ones, a blank line between them."""
    return "\n\n".join(part for part in (clean(p) for p in paragraphs) if part)


def list_items(lines: Sequence[str]) -> list[str]:
    """One item per paragraph (or line), bullets typed by the member dropped."""
    items = []
    for line in lines:
        for piece in clean(line).split("\n"):
            item = _BULLET.sub("", piece).strip()
            if item:
                items.append(item)
    return items


def fold(text: str) -> str:
    from ..names import fold as slug_fold

    return slug_fold(text)


def area_of(text: str, areas: Sequence[tuple[str, str]]) -> str | None:
    """The area id a person meant by ``text`` (its id or label, any case or accents), else None."""
    wanted = fold(text)
    for area_id, label in areas:
        if wanted in (area_id, fold(label)):
            return area_id
    return None


def yes_no(text: str) -> bool | None:
    word = clean(text).casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


def models_from_rows(rows: Sequence[tuple[str, Sequence[str]]], areas: Sequence[tuple[str, str]],
                     problem: Report) -> list[dict[str, Any]]:
    """Each non-empty row (where, 5 cells) as a model; a row missing its name or place is a problem."""
    models = []
    for where, cells in rows:
        values = [clean(cell) for cell in [*cells, "", "", "", "", ""][:5]]
        if not any(values[:4]) and yes_no(values[4]) is not True:
            continue
        name, place, area_text, description, replicate_text = values
        if not name or not place:
            problem(where, _("mô hình thiếu {f}").format(f=_("tên") if not name else _("địa điểm")),
                    _("ghi đủ tên mô hình và địa điểm, hoặc xoá cả dòng"))
            continue
        model: dict[str, Any] = {"name": name, "place": place, "description": description}
        if area_text:
            area = area_of(area_text, areas)
            if area is None:
                problem(where, _("địa bàn \"{a}\" không có trong kế hoạch").format(a=area_text),
                        _("ghi tên địa bàn như trong kế hoạch, ví dụ: {e}").format(
                            e=", ".join(label for _id, label in areas[:3])))
                continue
            model["area"] = area
        replicate = yes_no(replicate_text)
        if replicate is None:
            problem(where, _("\"{v}\" không phải Có/Không").format(v=replicate_text),
                    _("ghi Có nếu đề xuất nhân rộng, Không nếu không"))
            continue
        model["replicate"] = replicate
        models.append(model)
    return models


def proposals_from_rows(rows: Sequence[tuple[str, Sequence[str]]], problem: Report) -> list[dict[str, str]]:
    proposals = []
    for where, cells in rows:
        to, text = (clean(cell) for cell in [*cells, "", ""][:2])
        if not to and not text:
            continue
        if not to or not text:
            problem(where, _("kiến nghị thiếu {f}").format(f=_("cơ quan nhận") if not to else _("nội dung")),
                    _("ghi cả cơ quan nhận và nội dung, hoặc xoá cả dòng"))
            continue
        proposals.append({"to": to, "text": text})
    return proposals


def result_meta(text: str) -> tuple[str, list[str], list[str], list[str]] | None:
    """``"II.4; a,b; c; d"`` → task and its subjects, fields, areas (None when it is not that shape)."""
    parts = [part.strip() for part in text.split(";")]
    if len(parts) != 4 or not parts[0]:
        return None
    lists = [[item.strip() for item in part.split(",") if item.strip()] for part in parts[1:]]
    return parts[0], lists[0], lists[1], lists[2]
