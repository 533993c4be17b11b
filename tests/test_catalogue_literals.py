"""Every user-facing word goes through the catalogue: no Vietnamese literal in src/ outside ``_()``.

A string constant with a Vietnamese letter must be an argument of ``_()``, a docstring (or an
attribute's docstring: the JSON Schema descriptions), or a msgid of the catalogue (a message
table whose values are passed to ``_()`` at run time) — unless it is one of the kinds below, which
are Vietnamese in every language by design.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parents[1] / "src" / "dvcli"
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
# Vietnamese whatever --lang says, and why (paths relative to src/dvcli).
BY_DESIGN = {
    "consolidation/": "the official document's fixed wording and kinds (DOCUMENT-FORMAT.md: always Vietnamese)",
    "model/": "data defaults that are the documents' fixed wording (e.g. ĐẢNG CỘNG SẢN VIỆT NAM)",
    "services/schema.py": "titles written into the JSON Schema files (schemas/), which describe Vietnamese data",
    "services/assign.py": "the comment dvcli writes at the top of an assignment file, a Vietnamese data file",
    "forms/legacy.py": "the TCVN3/VNI conversion tables: Vietnamese letters are their data",
    "forms/spec.py": "the yes/no words read back from a member's form, which is filled in Vietnamese",
    "forms/xlsx_form.py": "the form workbook's sheet names and Có/Không list, which the import's messages name "
                          "(Chỉ tiêu!C7) and its reader accepts whatever --lang says",
}


def _catalogue() -> set[str]:
    with (SRC / "locale" / "dvcli.pot").open("rb") as handle:
        return {message.id for message in read_po(handle) if isinstance(message.id, str) and message.id}


def _literals_outside_the_catalogue(root: Path = SRC) -> list[str]:
    known = _catalogue()
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if any(relative.startswith(prefix) for prefix in BY_DESIGN):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                allowed |= {id(inner) for inner in ast.walk(node)}
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # a docstring
                allowed.add(id(node.value))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in allowed
                    and VIETNAMESE.search(node.value) and node.value not in known
                    and len(node.value) > 2):  # one or two letters: a character set (fold đ/Đ, a combining mark)
                found.append(f"{relative}:{node.lineno}: {node.value!r}")
    return found


def test_no_vietnamese_literal_outside_the_catalogue() -> None:
    assert _literals_outside_the_catalogue() == []


def test_the_check_finds_a_literal(tmp_path: Path) -> None:
    """The rule itself can fail: a bare Vietnamese message is found, one inside ``_()`` or a docstring is not."""
    (tmp_path / "probe.py").write_text('"""Mô-đun thử."""\n\nfrom .i18n import _\n\nOK = _("đã lưu xong")\n'
                                       'BAD = "không tìm thấy tệp"\n', encoding="utf-8")
    assert _literals_outside_the_catalogue(tmp_path) == ["probe.py:6: 'không tìm thấy tệp'"]
