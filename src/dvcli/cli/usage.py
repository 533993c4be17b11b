"""Click's usage errors — a missing option, an unknown one, a bad value — in the user's language.

Typer's Click writes them in English ("Error: Missing option '--task'."). The root group runs
Click without its stand-alone handling and prints them here instead, the way dvcli prints every
error: ``lỗi: …`` then ``  gợi ý: …`` on stderr, exit code 2, naming the option and how to get
help. Click keeps the offending value only inside its English sentence, so the few sentences it
writes for values ("'xml' is not one of 'table', 'json'.") are read back with patterns; a
sentence no pattern knows is shown as Click wrote it rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer._click import exceptions as click_errors  # typer vendors Click: these are the classes it raises

from ..i18n import _
from .console import err

_NOT_ONE_OF = re.compile(r"^'(?P<value>.*)' is not one of (?P<choices>.*)\.$", re.DOTALL)
_NOT_A = re.compile(r"^'(?P<value>.*)' is not a valid (?P<kind>integer|int|float|boolean|UUID)\b.*$", re.DOTALL)
_EXTRA = re.compile(r"^Got unexpected extra (?:argument\(s\)|arguments?) \((?P<args>.*)\)$", re.DOTALL)
_NO_COMMAND = re.compile(r"^No such command '(?P<name>.*?)'\.(?: Did you mean (?P<close>'.*')\?)?$", re.DOTALL)
_QUOTED = re.compile(r"'([^']*)'")
_OUT_OF_RANGE = re.compile(r"^(?P<value>.*) is not in the range (?P<range>.*)\.$", re.DOTALL)
_NOT_A_DATE = re.compile(r"^'(?P<value>.*)' does not match the formats? (?P<formats>.*)\.$", re.DOTALL)
_NEEDS_VALUE = re.compile(r"^Option '(?P<option>.*)' requires (?:an argument|(?P<count>\d+) arguments)\.$")
_TAKES_NO_VALUE = re.compile(r"^Option '(?P<option>.*)' does not take a value\.$")


def show(error: click_errors.UsageError, root: Any, argv: Sequence[str]) -> None:
    """Print ``error`` as dvcli prints its own errors (the caller exits with ``error.exit_code``)."""
    message, hint = describe(error, root, argv)
    err(f"{_('lỗi')}: {message}")
    err(f"  {_('gợi ý')}: {hint}")


def describe(error: click_errors.UsageError, root: Any, argv: Sequence[str]) -> tuple[str, str]:
    """The message and the hint for one usage error, in the user's language."""
    ctx = error.ctx
    path = ctx.command_path if ctx is not None else _command_path(root, argv)
    help_hint = _("xem cách dùng: {c} -h").format(c=path)
    if isinstance(error, click_errors.MissingParameter):
        return _missing(error), help_hint
    if isinstance(error, click_errors.NoSuchOption):
        message = _("không có tuỳ chọn {o}").format(o=error.option_name)
        if error.possibilities:
            return message, _("ý bạn là {o}? Hoặc {h}").format(o=alternatives(error.possibilities), h=help_hint)
        return message, help_hint
    if isinstance(error, click_errors.BadParameter):
        return _bad_value(error), help_hint
    return _other(error.message, help_hint, path)


def alternatives(names: Sequence[str]) -> str:
    """``a``, ``a hay b``, ``a, b hay c`` (``a or b``…): the suggestions of a "did you mean" question."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("{first} hay {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _name(param: Any) -> str:
    """How the user typed, or would type, ``param``: an option's flags, an argument's name."""
    if param is None:
        return ""
    return " / ".join(param.opts) if _is_option(param) else str(param.human_readable_name)


def _missing(error: click_errors.MissingParameter) -> str:
    if error.param is None:
        return _("thiếu tham số")
    if error.param_type == "option" or _is_option(error.param):
        return _("thiếu tuỳ chọn {o}").format(o=_name(error.param))
    return _("thiếu tham số {a}").format(a=_name(error.param))


def _bad_value(error: click_errors.BadParameter) -> str:
    return _("giá trị không hợp lệ cho {p}: {m}").format(p=_name(error.param),
                                                         m=_value_message(error.message, error.param))


def _range(kind: Any) -> str:
    """The range of a Click number type (``IntRange``/``FloatRange``) in words."""
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    low_open, high_open = getattr(kind, "min_open", False), getattr(kind, "max_open", False)
    if low is not None and high is not None and not low_open and not high_open:
        return _("từ {a} đến {b}").format(a=low, b=high)
    parts = []
    if low is not None:
        parts.append((_("lớn hơn {a}") if low_open else _("ít nhất {a}")).format(a=low))
    if high is not None:
        parts.append((_("nhỏ hơn {b}") if high_open else _("nhiều nhất {b}")).format(b=high))
    return ", ".join(parts)


def _value_message(text: str, param: Any = None) -> str:
    found = _OUT_OF_RANGE.match(text)
    kind = getattr(param, "type", None)
    if found and (getattr(kind, "min", None) is not None or getattr(kind, "max", None) is not None):
        return _("{v} nằm ngoài khoảng cho phép ({r})").format(v=found["value"], r=_range(kind))
    found = _NOT_A_DATE.match(text)
    if found:
        formats = ", ".join(_QUOTED.findall(found["formats"])) or found["formats"]
        return _("\"{v}\" không đúng dạng ngày giờ ({f})").format(v=found["value"], f=formats)
    found = _NOT_ONE_OF.match(text)
    if found:
        choices = ", ".join(choice.strip().strip("'") for choice in found["choices"].split(","))
        return _("\"{v}\" không phải một trong: {c}").format(v=found["value"], c=choices)
    found = _NOT_A.match(text)
    if found:
        if found["kind"] in ("int", "integer"):
            return _("\"{v}\" không phải số nguyên").format(v=found["value"])
        if found["kind"] == "float":
            return _("\"{v}\" không phải số").format(v=found["value"])
        return _("\"{v}\" không hợp lệ").format(v=found["value"])
    return text  # dvcli's own callbacks already speak the user's language


def _other(text: str, help_hint: str, path: str) -> tuple[str, str]:
    found = _NEEDS_VALUE.match(text)
    if found:
        if found["count"]:
            return _("tuỳ chọn {o} cần {n} giá trị").format(o=found["option"], n=found["count"]), help_hint
        return _("tuỳ chọn {o} cần một giá trị").format(o=found["option"]), help_hint
    found = _TAKES_NO_VALUE.match(text)
    if found:
        return _("tuỳ chọn {o} không nhận giá trị").format(o=found["option"]), help_hint
    found = _EXTRA.match(text)
    if found:
        return _("thừa tham số: {a}").format(a=found["args"]), help_hint
    found = _NO_COMMAND.match(text)
    if found:
        message = _("không có lệnh \"{c}\"").format(c=found["name"])
        if found["close"]:
            close = [f"{path} {name}" for name in _QUOTED.findall(found["close"])]
            return message, _("ý bạn là {c}? Hoặc {h}").format(c=alternatives(close), h=help_hint)
        return message, _("xem các lệnh: {c} -h").format(c=path)
    if text == "Missing command.":
        return _("thiếu lệnh"), _("xem các lệnh: {c} -h").format(c=path)
    return text, help_hint


def _command_path(root: Any, argv: Sequence[str]) -> str:
    """``dvcli`` and the subcommands named in ``argv`` (for errors Click raises without a context)."""
    names = [getattr(root, "name", None) or "dvcli"]
    node = root
    for arg in argv:
        commands = getattr(node, "commands", None)
        if not commands:
            break
        if arg in commands:
            names.append(arg)
            node = commands[arg]
    return " ".join(names)
