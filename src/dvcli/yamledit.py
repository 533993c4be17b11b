"""Round-trip edits of a YAML file a person may have annotated — the only ruamel.yaml user.

PyYAML (``yamlio``) reads strictly and writes fresh files; it cannot keep comments. When dvcli
changes a few fields of an existing hand-edited file (``dvcli assign --update``), ruamel.yaml's
round-trip mode keeps every comment, the key order and the quoting of untouched values.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import DataError, Problem
from .i18n import _


def update_mapping(path: Path, changes: Mapping[str, Any], order: Sequence[str], display: str) -> bytes:
    """The bytes of ``path`` with top-level ``changes`` applied (``None`` removes a key).

    A new key is inserted after the last key that precedes it in ``order``; comments stay.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"))
    except (OSError, YAMLError) as exc:
        raise DataError([Problem(display, None, "", _("không đọc được tệp để sửa: {e}").format(e=exc),
                                 _("sửa tệp cho đúng cú pháp (dvcli check), rồi chạy lại"))]) from exc
    if not hasattr(data, "insert"):
        raise DataError([Problem(display, None, "", _("tệp không phải một bảng các trường"),
                                 _("khôi phục tệp từ git hoặc xoá rồi phân công lại"))])
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        elif key in data:
            data[key] = _keeping_comments(data[key], value)
        else:
            before = order[: order.index(key)] if key in order else list(order)
            position = max((index + 1 for index, existing in enumerate(data) if existing in before), default=len(data))
            data.insert(position, key, value)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue().encode("utf-8")


def _keeping_comments(old: Any, new: Any) -> Any:
    """``new`` carrying the comments of the list it replaces (ruamel hangs them on item indexes).

    A comment after a file's last list — the end of the file — hangs on that list's last item;
    it moves to the new last item instead of vanishing.
    """
    from ruamel.yaml.comments import CommentedSeq

    if not isinstance(old, CommentedSeq) or not isinstance(new, list):
        return new
    replacement = CommentedSeq(new)
    last = len(old) - 1
    for index, comment in old.ca.items.items():
        target = len(replacement) - 1 if index == last else index
        if 0 <= target < len(replacement):
            replacement.ca.items[target] = comment
    return replacement
