"""The user's language for help texts, chosen before Click formats anything.

Typer evaluates ``help=_("…")`` and reads command docstrings when the command modules are
imported — before ``--lang en`` on the command line has been seen. So the root group is a
``TranslatedGroup``: when it starts, it reads ``--lang`` (or ``DVCLI_LANG``), switches the
catalog, and re-translates every help text of the command tree it is about to run. Help written
in either language maps back to its Vietnamese message id first, so the order in which
modules were imported and languages were chosen never matters.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from typer.core import TyperGroup

from ..i18n import LANGUAGES, _, catalog_reverse, reset, supported
from .help_format import use_translated_help


def requested_language(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` among the root options in ``args`` (``--lang en`` or ``--lang=en``)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose_language(argv: Sequence[str]) -> None:
    """Use the language ``--lang`` (else ``DVCLI_LANG``) names; refuse one dvcli does not speak.

    An unknown ``--lang`` is a mistyped command line (exit 2); an unknown ``DVCLI_LANG`` a
    setting of the user's shell (exit 1). Either is said in Vietnamese, and nothing runs.
    """
    from .console import err

    lang = requested_language(argv)
    _forget_chosen()  # a --lang of an earlier run in this process (tests, the guide) is not this run's
    reset()  # DVCLI_LANG is read afresh on every run
    known = ", ".join(LANGUAGES)
    if lang is not None:
        chosen = supported(lang)
        if chosen is None:
            err(_("lỗi: dvcli không có ngôn ngữ \"{l}\" (--lang)").format(l=lang))
            err(f"  {_('gợi ý')}: " + _("chọn một trong: {k}; ví dụ: dvcli --lang en status").format(k=known))
            raise SystemExit(2)
        use_language(chosen)
        return
    setting = os.environ.get("DVCLI_LANG", "")
    if setting.strip() and supported(setting) is None:
        err(_("lỗi: dvcli không có ngôn ngữ \"{l}\" (biến môi trường DVCLI_LANG)").format(l=setting))
        err(f"  {_('gợi ý')}: " + _("đặt DVCLI_LANG là một trong: {k}, hoặc bỏ biến này (mặc định: vi)").format(
            k=known))
        raise SystemExit(1)


_chosen: list[tuple[str | None, str]] = []  # (DVCLI_LANG before --lang, the value --lang set)


def _forget_chosen() -> None:
    while _chosen:
        before, chosen = _chosen.pop()
        if os.environ.get("DVCLI_LANG") == chosen:
            if before is None:
                os.environ.pop("DVCLI_LANG", None)
            else:
                os.environ["DVCLI_LANG"] = before


def use_language(lang: str) -> None:
    """Speak ``lang`` for the rest of this run (``--lang``): DVCLI_LANG is set, for the modules that read it."""
    _chosen.append((os.environ.get("DVCLI_LANG"), lang))
    os.environ["DVCLI_LANG"] = lang
    reset()


def _typer_help() -> dict[str, str]:
    """Typer's and Click's own option help, in the words of the product."""
    return {
        "Show this message and exit.": _("In hướng dẫn này rồi thoát."),
        "Install completion for the current shell.": _(
            "Cài gợi ý hoàn thành lệnh (Tab): --install-completion [bash|zsh|fish|powershell] "
            "(mặc định: shell đang dùng)."),
        "Show completion for the current shell, to copy it or customize the installation.": _(
            "In mã gợi ý hoàn thành lệnh của một shell (như trên), để chép hoặc tự cài."),
    }


def translate_tree(command: Any) -> None:
    """Re-translate the help of ``command``, its parameters and all its subcommands, in place.

    Each command also gets the translated help formatter (``help_format``) for Click's own words.
    """
    reverse = catalog_reverse()
    builtin = _typer_help()

    def again(text: str | None) -> str | None:
        if not text:
            return text
        if text in builtin:
            return builtin[text]
        return _(reverse.get(text, text))

    def walk(node: Any) -> None:
        use_translated_help(node)
        node.help = again(node.help)
        node.short_help = again(getattr(node, "short_help", None))
        for param in getattr(node, "params", ()):
            if hasattr(param, "help"):
                param.help = again(param.help)
            if getattr(param, "metavar", None):  # a placeholder written with _(), e.g. GIÂY
                param.metavar = again(param.metavar)
        if hasattr(node, "get_help_option"):
            node.get_help_option = _help_option_in(node.get_help_option, builtin)
        for child in getattr(node, "commands", {}).values():
            walk(child)

    walk(command)


def _help_option_in(original: Any, builtin: dict[str, str]) -> Any:
    """Click creates ``--help`` lazily with an English text; translate it when it appears."""

    def get_help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None and option.help in builtin:
            option.help = builtin[option.help]
        return option

    return get_help_option


class TranslatedGroup(TyperGroup):
    """The root group: honours ``--lang`` before help texts are formatted, and says usage errors in it."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        refuse_control_characters(argv)
        choose_language(argv)
        from . import shell_setup

        wanted = shell_setup.requested(argv)
        if wanted is not None:  # before Click: Typer's own options would ignore the shell named
            import typer

            from .console import handled

            try:
                handled(shell_setup.run)(*wanted)
                code = 0
            except typer.Exit as stop:
                code = stop.exit_code
            if not standalone_mode:
                return code
            sys.exit(code)
        translate_tree(self)
        from .complete import attach

        attach(self)
        extra["windows_expand_args"] = windows_expand_args
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        sys.exit(self._run_standalone(argv, prog_name, complete_var, **extra))

    def _run_standalone(self, argv: list[str], prog_name: str | None, complete_var: str | None, **extra: Any) -> int:
        """What Click's stand-alone mode does — exit codes, messages — with usage errors in the user's words."""
        import typer
        from typer._click import exceptions as click_errors  # typer vendors Click: the classes it raises

        from .console import err

        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as error:  # a group run bare: its help, as Click shows it
            error.show()
            return error.exit_code
        except click_errors.UsageError as error:
            from .usage import show

            show(error, self, argv)
            return error.exit_code
        except click_errors.ClickException as error:
            error.show()
            return error.exit_code
        except typer.Abort:  # a prompt ended by Ctrl-D
            err(_("đã huỷ"))
            return 1
        # Click returns the command's value, or the code of an Exit it raised: dvcli's commands return None.
        return result if isinstance(result, int) else 0




def refuse_control_characters(argv: Sequence[str]) -> None:
    """Refuse an argument holding a NUL or another control character before anything runs.

    Such a character never belongs in a member id, a title or a path; stored, it would corrupt
    a file name or a report (and NUL makes every file-system call fail).
    """
    from ..textsafety import FORBIDDEN, code, kind

    for position, argument in enumerate(argv, start=1):
        control = FORBIDDEN.search(argument)
        if control:
            from .console import err

            char = control.group()
            if kind(char) == "control":
                message = _("lỗi: tham số thứ {i} chứa ký tự điều khiển (mã {c:#06x}): {a}").format(
                    i=position, c=ord(char), a=repr(argument))
            else:  # bidi, separators, non-characters: the same refusal as in a data file
                message = _("lỗi: tham số thứ {i} chứa ký tự không được phép {c}: {a}").format(
                    i=position, c=code(char), a=ascii(argument))
            err(message)
            err(f"  {_('gợi ý')}: " + _("gõ lại lệnh; đừng dán ký tự lạ vào tên, tiêu đề hay đường dẫn"))
            raise SystemExit(1)
