"""``dvcli schema``: JSON Schema for every data file, for editors and other tools.

The schema is generated from the same dataclasses the loader validates with (``model/``
through ``schema.json_schema``), so the editor and ``dvcli check`` never disagree about a
field's name or meaning. One adjustment is made, on purpose: dvcli's strict loader reads every
plain YAML scalar as text and converts it by the field's type, but editors and generic tools
(VS Code's YAML extension, check-jsonschema) read ``phone: 0900000001`` as the *number*
900000001 and ``name: 2021`` as a number too. The emitted schema therefore also accepts a
number where dvcli accepts digits as text, so that a file dvcli accepts is never flagged red
in the editor. (dvcli itself still keeps ``0900000001`` as text with its leading zero.)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import model
from ..errors import NotFoundError
from ..i18n import _

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Kind:
    name: str
    record: type[Any]
    title: str
    files: tuple[str, ...]
    """Workspace-relative glob patterns of the files of this kind (for editor settings)."""


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("plan", model.Plan, "Kế hoạch (data/plan.yaml)", ("data/plan.yaml",)),
        Kind("members", model.Roster, "Danh sách Tổ công tác (data/members.yaml)", ("data/members.yaml",)),
        Kind("assignment", model.Assignment, "Phân công (data/assignments/THÀNH_VIÊN/*.yaml)",
             ("data/assignments/**/*.yaml",)),
        Kind("report", model.Report, "Báo cáo của thành viên (data/reports/NĂM/Wtt/*.yaml)",
             ("data/reports/**/*.yaml",)),
        Kind("withdrawal", model.Withdrawal, "Báo cáo đã rút (data/withdrawn/NĂM/Wtt/*.yaml)",
             ("data/withdrawn/**/*.yaml",)),
        Kind("review", model.Review, "Ý kiến duyệt báo cáo (data/reviews/NĂM/Wtt/*.yaml)",
             ("data/reviews/**/*.yaml",)),
        Kind("request", model.ReportRequest, "Yêu cầu báo cáo (data/requests/MÃ.yaml)", ("data/requests/*.yaml",)),
        Kind("issued", model.Issued, "Văn bản đã ban hành (data/issued/NĂM/SỐ-LOẠI-CQ/issued.yaml)",
             ("data/issued/**/issued.yaml",)),
        Kind("revocation", model.Revocation, "Thu hồi văn bản đã ban hành (data/issued/NĂM/SỐ-LOẠI-CQ/thu-hoi.yaml)",
             ("data/issued/**/thu-hoi.yaml",)),
        Kind("prepared", model.Prepared, "Văn bản chuẩn bị để ký (data/prepared/MÃ/prepared.yaml)",
             ("data/prepared/*/prepared.yaml",)),
        Kind("units", model.Units, "Đơn vị báo cáo lên (data/units.yaml)", ("data/units.yaml",)),
        Kind("received", model.ReceivedPackage,
             "Báo cáo đơn vị đã nhận (data/received/ĐƠN_VỊ/NĂM/SỐ-LOẠI-CQ/received.yaml)",
             ("data/received/**/received.yaml",)),
        Kind("replaced", model.ReplacedMark,
             "Báo cáo đơn vị đã bị thay thế (data/received/ĐƠN_VỊ/NĂM/SỐ-LOẠI-CQ/replaced.yaml)",
             ("data/received/**/replaced.yaml",)),
    )
}

SCHEMA_DIR = "schemas"


def kind(name: str) -> Kind:
    found = KINDS.get(name)
    if found is None:
        raise NotFoundError(_("không có loại tệp \"{k}\"").format(k=name),
                            _("chọn một trong: {kinds}").format(kinds=", ".join(KINDS)))
    return found


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def document(name: str) -> dict[str, Any]:
    """The JSON Schema of file kind ``name`` (plan, members, assignment, report, withdrawal, review, issued)."""
    from .. import schema  # pydantic: only when a schema is really asked for

    found = kind(name)
    generated = schema.json_schema(found.record)
    lenient = _lenient(generated)
    return {"$schema": JSON_SCHEMA_DIALECT, "title": found.title, **{k: v for k, v in lenient.items() if k != "title"}}


def text(name: str) -> str:
    """The schema as written to ``schemas/NAME.schema.json`` (stable: sorted keys, final newline)."""
    return json.dumps(document(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(root: Path) -> list[str]:
    """Write every kind's schema under ``root/schemas``; return the files that changed."""
    from ..atomic import write_text

    changed = []
    for name in KINDS:
        target = root / SCHEMA_DIR / file_name(name)
        content = text(name)
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            write_text(target, content)
            changed.append(f"{SCHEMA_DIR}/{file_name(name)}")
    return changed


def editor_settings() -> dict[str, Any]:
    """VS Code settings (YAML extension) mapping each data file pattern to its schema."""
    return {"yaml.schemas": {f"./{SCHEMA_DIR}/{file_name(k.name)}": list(k.files) for k in KINDS.values()}}


def modeline(name: str, file: Path, root: Path) -> str:
    """The ``# yaml-language-server: $schema=…`` first line for a new file at ``file``.

    The path is relative to the file, so it works wherever the workspace is checked out.
    """
    import os

    relative = os.path.relpath(root / SCHEMA_DIR / file_name(name), file.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


# --- leniency for generic YAML readers -------------------------------------------------------

_DIGITS = ("0900000001", "2021", "12")
_MOMENT = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$"


def _lenient(node: Any) -> Any:
    if isinstance(node, list):
        return [_lenient(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _lenient(value) for key, value in node.items()}
    if result.get("type") == "string" and result.get("format") == "date-time":
        # dvcli accepts "2021-09-27 09:30" (local time, no seconds); RFC 3339 "date-time" does not
        del result["format"]
        result["pattern"] = _MOMENT
    if result.get("type") == "string" and "enum" not in result and "format" not in result:
        pattern = result.get("pattern")
        if pattern is None:
            # free text: "2021", "12" or "true" are text to dvcli, a number or boolean elsewhere
            result["type"] = ["string", "number", "boolean"]
        elif any(re.search(pattern, sample) for sample in _DIGITS):
            # e.g. a phone number: pattern and length still apply when the value is text
            result["type"] = ["string", "integer"]
    return result
