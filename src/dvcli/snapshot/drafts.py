"""The editable drafts of consolidated reports (``data/drafts/<name>.yaml``): where, which, parsed.

What a draft is and how it is merged is ``services/draft.py``; this module only finds and reads
the files, strictly parsed and their shape checked (every problem named with file, line, field).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import DataError, Problem
from ..i18n import _
from ..workspace import Workspace
from .rule import flat_records

DRAFTS = "drafts"

def folder(ws: Workspace) -> Path:
    return ws.data / DRAFTS


def path_for(ws: Workspace, name: str) -> Path:
    """``name`` is ``consolidate.preview_name`` (a template name and a period label, or a folded
    title): made of codes, never a path of its own."""
    return folder(ws) / f"{name}.yaml"


def draft_files(ws: Workspace) -> list[Path]:
    """Every draft file by the listing rule (a regular file with a visible ``*.yaml`` name directly
    in ``data/drafts``: pathlib's glob would take a hidden copy too), sorted."""
    return [Path(name) for name in flat_records(str(folder(ws)), None, "", "draft")]


def load(path: Path, display: str) -> dict[str, Any]:
    """The draft file, strictly parsed and checked (every problem named with file, line, field)."""
    data = yamlio.load(path, display)
    problems: list[Problem] = []

    def need(where: list[str | int], ok: bool, what: str) -> None:
        if not ok:
            problems.append(Problem(display, yamlio.line_of(path, where), ".".join(map(str, where)),
                                    _("phải là {w}").format(w=what),
                                    _("sửa lại theo khung dvcli đã ghi; hoặc xoá tệp rồi chạy lại --draft")))

    need([], isinstance(data, dict), _("một bảng (mapping)"))
    if problems:
        raise DataError(problems)
    for key in ("intro", "closing"):
        need([key], isinstance(data.get(key), str) and bool(data.get(key, "").strip()), _("một đoạn văn"))
    sections = data.get("sections")
    need(["sections"], isinstance(sections, list) and bool(sections), _("danh sách các mục"))
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            need(["sections", index], False, _("một mục (id, heading, text)"))
            continue
        for key in ("id", "heading"):
            need(["sections", index, key], isinstance(section.get(key), str) and bool(section.get(key)),
                 _("một dòng chữ"))
        need(["sections", index, "level"], str(section.get("level")) in ("1", "2"), _("1 hoặc 2"))
        need(["sections", index, "text"], isinstance(section.get("text", ""), str), _("đoạn văn (có thể trống)"))
    need(["figures"], isinstance(data.get("figures"), dict), _("bảng số liệu"))
    need(["sources"], isinstance(data.get("sources"), list), _("danh sách nguồn"))
    if problems:
        raise DataError(problems)
    return data  # type: ignore[no-any-return]
