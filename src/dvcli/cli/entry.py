"""The ``dvcli`` console script: answers a bare ``--version`` before importing anything else.

``dvcli --version`` is the start-up floor users and scripts see. Importing typer and the ~20
command modules ``cli/app.py`` registers costs most of it, so this module imports only the
standard library's ``sys`` and dvcli's version string, prints exactly what the ``--version``
option prints (``dvcli X.Y.Z``), and otherwise hands the whole command line to the Typer app.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"dvcli {__version__}\n")
        return
    from .app import main as run

    run()


if __name__ == "__main__":
    main()
