"""``dvcli --install-completion [SHELL]`` and ``--show-completion [SHELL]``, for the shell asked for.

Typer's own options are flags: they ignore a shell written after them and install completion
for whatever shell they detect (``--install-completion zsh`` from bash installed bash's), and
say so in English. The root group answers both options here before Click parses anything: the
shell named (or, with none, the one detected) gets its own script from Typer's installers; an
unknown shell is refused with the supported ones named, exit 1, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import DvcliError
from ..i18n import _

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
INSTALL, SHOW = "--install-completion", "--show-completion"
_ROOT_VALUES = ("--data", "--lang")  # root options that take a value (which is not a command)


def requested(argv: Sequence[str]) -> tuple[str, str | None] | None:
    """``(option, shell or None)`` when the root options in ``argv`` ask for completion."""
    for index, arg in enumerate(argv):
        if arg == "--":
            return None
        for option in (INSTALL, SHOW):
            if arg == option:
                following = argv[index + 1] if index + 1 < len(argv) else None
                return option, following if following and not following.startswith("-") else None
            if arg.startswith(option + "="):
                return option, arg.split("=", 1)[1]
        if not arg.startswith("-") and (index == 0 or argv[index - 1] not in _ROOT_VALUES):
            return None  # a command: what follows is its own
    return None


def _shell(named: str | None) -> str:
    from typer._completion_shared import _get_shell_name  # Typer's detection (shellingham)

    shown = ", ".join(SHELLS)
    shell = named if named is not None else _get_shell_name()
    if not shell:
        raise DvcliError(_("không nhận ra shell đang dùng"),
                         _("ghi rõ tên shell, ví dụ: dvcli --install-completion zsh (hỗ trợ: {s})").format(s=shown))
    if shell.lower() not in SHELLS:
        raise DvcliError(_("dvcli chưa hỗ trợ gợi ý lệnh cho shell \"{s}\"").format(s=shell),
                         _("chọn một trong: {s}; ví dụ: dvcli --install-completion bash").format(s=shown))
    return shell.lower()


def run(option: str, named: str | None, prog_name: str = "dvcli") -> None:
    """Show or install the completion script of one shell (raises ``DvcliError`` for an unknown one)."""
    from typer._completion_shared import get_completion_script, install

    from .console import out

    shell = _shell(named)
    complete_var = "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
    if option == SHOW:
        out(get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell))
        return
    try:
        _shell_name, path = install(shell=shell, prog_name=prog_name, complete_var=complete_var)
    except FileNotFoundError as exc:  # PowerShell's installer asks the shell itself for its profile
        if exc.filename in (shell, None):
            raise DvcliError(_("không chạy được {s} để hỏi nơi cài").format(s=shell),
                             _("cài {s}, hoặc chọn shell khác: {o}").format(s=shell, o=", ".join(SHELLS))) from exc
        raise
    out(_("Đã cài gợi ý lệnh (Tab) cho {s} vào {p}.").format(s=shell, p=path))
    out(_("Mở lại cửa sổ dòng lệnh để bắt đầu dùng."))
