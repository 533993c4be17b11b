"""Where one cold or warm dvcli run's time and memory go, phase by phase, in the process a user runs.

    python bench/phases.py consolidate --week 2021-W38 --format md --out DIR   (in a workspace)

Runs the CLI in this process with timers around the snapshot's reading (``snapshot.read_files``)
and parsing (``snapshot.take``), the report's computation, the synthesis and the rendering, and
prints to stderr, as each phase ends, its wall time, when it ended since start-up and this
process's resident memory and peak (kB). Delete the workspace's ``.git/dvcli/cache`` (or
``.dvcli/cache``) first for a cold run. The phases nest: the context includes the synthesis.
Rendering is timed for ``--out`` (``render_all``); a preview printed to stdout is rendered as it
is written.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from typing import Any

START = time.perf_counter()


def _memory() -> str:
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # noqa: PTH123
            fields = dict(line.split(":", 1) for line in status if ":" in line)
    except OSError:
        return ""
    return f"rss {fields.get('VmRSS', '?').split()[0]} kB, peak {fields.get('VmHWM', '?').split()[0]} kB"


def _timed(owner: Any, name: str, label: str) -> None:
    inner: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        begun = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            now = time.perf_counter()
            print(f"{label:<12} {now - begun:7.3f} s   ends at {now - START:7.3f} s   {_memory()}",
                  file=sys.stderr, flush=True)

    setattr(owner, name, wrapper)


def main() -> None:
    from dvcli import snapshot
    from dvcli.cli.entry import main as dvcli_main
    from dvcli.services import consolidate, consolidate_output

    _timed(snapshot, "read_files", "reading")
    _timed(snapshot, "take", "parsing")
    _timed(consolidate, "compute", "computation")
    _timed(consolidate_output, "synthesis", "synthesis")
    _timed(consolidate, "template_context", "context")
    _timed(consolidate, "render_all", "rendering")
    sys.argv = ["dvcli", *sys.argv[1:]]
    dvcli_main()


if __name__ == "__main__":
    main()
