"""The ``dvcli`` console script: answers a bare ``--version`` before importing anything else.

``dvcli --version`` is the start-up floor users and scripts see. Importing typer and the ~20
command modules ``cli/app.py`` registers costs most of it, so this module imports only the
standard library's ``sys`` and dvcli's version string, prints exactly what the ``--version``
option prints (``dvcli X.Y.Z``), and otherwise hands the whole command line to the Typer app.

A command that built millions of objects keeps them (``rawio.keep_until_exit``); the process then
ends here with ``os._exit`` once its output is flushed, skipping a teardown that would free them
one by one (mypy ends the same way, for the same reason). Every file dvcli writes is closed, and
every child waited for, before a command returns, so nothing is left for the teardown to do.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"dvcli {__version__}\n")
        return
    from .. import interrupts
    from ..rawio import anything_kept, exit_after_command

    interrupts.install()  # from the first moment: SIGTERM during start-up stops as cleanly as Ctrl-C
    code: object = 0
    try:
        from .app import main as run

        exit_after_command()
        run()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt as stop:  # before or after a command's own handling (start-up, parsing)
        from .console import say_interrupted

        code = say_interrupted(stop)
    if not _flushed():  # the reader of stdout went away (dvcli search … | head -1): end quietly, as git does
        import os

        os._exit(141)
    if anything_kept():
        exit_now(code)
    raise SystemExit(code)


def _flushed() -> bool:
    """Flush stdout now; False (stdout pointed at /dev/null) when its reader has closed the pipe."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from .console import quiet_stdout

        quiet_stdout()
        return False
    except (OSError, ValueError):  # a closed or broken stream: nothing more can be said
        return True
    return True


def exit_now(code: object) -> None:
    """End the process with ``code`` as ``SystemExit(code)`` would, minus the interpreter's teardown."""
    import contextlib
    import os

    if isinstance(code, str):  # what the interpreter prints for SystemExit("message")
        sys.stderr.write(code + "\n")
    status = code if isinstance(code, int) else 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
