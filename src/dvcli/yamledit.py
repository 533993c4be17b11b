"""Round-trip edits of a YAML file a person may have annotated — the only ruamel.yaml user.

PyYAML (``yamlio``) reads strictly and writes fresh files; it cannot keep comments. When dvcli
changes a few fields of an existing hand-edited file (``dvcli assign --update``), ruamel.yaml's
round-trip mode keeps every comment, the key order and the quoting of untouched values.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import DataError, Problem, cannot_read
from .i18n import _
from .rawio import read_bytes


def update_mapping(path: Path, changes: Mapping[str, Any], order: Sequence[str], display: str) -> bytes:
    """The bytes of ``path`` with top-level ``changes`` applied (``None`` removes a key).

    A new key is inserted after the last key that precedes it in ``order``; comments stay.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    data = _load(yaml, path, display)
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


def edit_document(path: Path, display: str, change: Callable[[Any], None]) -> bytes:
    """The bytes of ``path`` after ``change`` mutated its round-trip tree in place; comments stay.

    ``members add|edit|leave|remove`` use it on ``members.yaml`` (and ``group.size`` in
    ``plan.yaml``): a new list item is appended after the last one, with a blank line before it
    like the items a person wrote.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a line the change did not touch
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = _load(yaml, path, display)
    if not hasattr(data, "insert"):
        raise DataError([Problem(display, None, "", _("tệp không phải một bảng các trường"),
                                 _("khôi phục tệp từ git"))])
    change(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue().encode("utf-8")


def mapping(values: Mapping[str, Any]) -> Any:
    """A new round-trip mapping (a list item to append), keys in the given order."""
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(values)


def keeping_tail(node: Any, mutate: Callable[[], None]) -> None:
    """Run ``mutate`` (which changes ``node``), keeping the blank lines that end ``node`` at its end.

    ruamel hangs the blank line that separates two list items on the deepest last key of the first
    one (``role: thanh-vien`` above, or ``reason:`` of its last leave). A key added after it, or a
    leave appended, would otherwise come after that blank line, and a removed last key would take
    it away; the blank lines move to whatever is last after the change.
    """
    before = _last_leaf(node)
    mutate()
    after = _last_leaf(node)
    if before is not None and after is not None and before != after:
        _move_tail(before[0], before[1], after[0], after[1])


def set_key(item: Any, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``item[key]``, inserting a new key after those that precede it in ``order``."""
    if key in item:
        item[key] = value
        return
    before = order[: order.index(key)] if key in order else list(order)
    position = max((index + 1 for index, existing in enumerate(item) if existing in before), default=len(item))
    item.insert(position, key, value)


def _last_leaf(node: Any) -> tuple[Any, str] | None:
    """The mapping and key whose line ends ``node`` (see ``keeping_tail``), or None."""
    if hasattr(node, "insert") and hasattr(node, "keys"):
        if not len(node):
            return None
        key = list(node)[-1]
        value = node[key]
        if isinstance(value, dict | list) and len(value):
            inner = _last_leaf(value)
            return inner if inner is not None else (node, key)
        return node, key
    if isinstance(node, list) and node:
        return _last_leaf(node[-1])
    return None


def _move_tail(source_map: Any, source: str, target_map: Any, target: str) -> None:
    """Move the blank lines after ``source``'s line to after ``target``'s (comments stay where they are)."""
    entry = source_map.ca.items.get(source)  # still there when the key itself was removed
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None:
        return
    text = token.value
    extra = text[len(text.rstrip("\n")):][1:] if text.strip() else text[1:]  # the blank lines only
    if not extra:
        return
    if text.strip() and source in source_map:
        token.value = text.rstrip("\n") + "\n"
    else:
        del source_map.ca.items[source]
    own = target_map.ca.items.get(target)
    if own and len(own) > 2 and own[2] is not None:
        own[2].value = own[2].value.rstrip("\n") + "\n" + extra
    else:
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        target_map.ca.items[target] = [None, None, CommentToken("\n" + extra, CommentMark(0), None), None]


def _load(yaml: Any, path: Path, display: str) -> Any:
    """The file's round-trip document, read as data files are (never through a symbolic link)."""
    from ruamel.yaml.error import YAMLError

    try:
        raw = read_bytes(path)
    except OSError as exc:
        raise DataError([cannot_read(display, exc)]) from exc
    try:
        return yaml.load(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, YAMLError) as exc:
        raise DataError([Problem(display, None, "", _("không đọc được tệp để sửa: {e}").format(e=exc),
                                 _("sửa tệp cho đúng cú pháp (dvcli check), rồi chạy lại"))]) from exc
