"""The fixed words of ``--help`` in the user's language: "Usage:", "Options:", "[required]"…

Typer's Click writes them in English whatever the language. ``language.translate_tree`` gives
every command of the tree ``TranslatedContext``, whose formatter says them through the catalog
(``--lang en`` gets Click's own words back), and sets the usage line's placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer._click.core import Context  # typer vendors Click: the classes its commands use
from typer._click.formatting import HelpFormatter

from ..i18n import _

_EXTRAS = re.compile(r"\[([^\[\]]*)\]$")  # what typer appends to an option's help: [env var: X; default: Y; required]


def _headings() -> dict[str, str]:
    return {"Arguments": _("Tham số"), "Options": _("Tuỳ chọn"), "Commands": _("Lệnh")}


class TranslatedFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Cách dùng: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_headings().get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _translate_extras(text)) for term, text in rows], col_max, col_spacing)


class TranslatedContext(Context):
    formatter_class = TranslatedFormatter


def _translate_extras(text: str) -> str:
    found = _EXTRAS.search(text)
    if not found:
        return text
    parts = [_extra(part) for part in found.group(1).split("; ")]
    return f"{text[:found.start()]}[{'; '.join(parts)}]"


def _extra(part: str) -> str:
    if part == "required":
        return _("bắt buộc")
    for english, words in (("env var: ", _("biến môi trường: {v}")), ("default: ", _("mặc định: {v}"))):
        if part.startswith(english):
            return words.format(v=part[len(english):])
    return part


def use_translated_help(command: Any) -> None:
    """Make ``command`` (one node of the tree) format its help through ``TranslatedFormatter``."""
    command.context_class = TranslatedContext
    if getattr(command, "options_metavar", None):
        command.options_metavar = _("[TUỲ_CHỌN]")
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = _("LỆNH [THAM_SỐ]...")
