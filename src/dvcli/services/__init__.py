"""The use cases. Each takes plain arguments, returns data, and never prints.

One module per command group; ``open_store`` is how every use case reaches the workspace. Use
cases do not decide how the process lives or ends: no closing, forking, GC or exit here.
"""

from __future__ import annotations

from ..store import Store
from ..workspace import Workspace, find

_OPENED: list[Store] = []  # the stores this command opened; the CLI edge saves them when it ends


def open_store(data: str | None) -> Store:
    """The store of the workspace named by ``--data``/``DVCLI_DATA`` or found above the cwd.

    Use cases never close it: the CLI edge (``cli/console.handled``) saves what every store a
    command opened added to the parse cache, once, when the command has ended (``close_opened``).
    """
    store = Store(find(data))
    _OPENED.append(store)
    return store


def close_opened() -> None:
    """Persist the parse cache of every store opened since the last call (the CLI edge's job)."""
    while _OPENED:
        _OPENED.pop().close()


__all__ = ["Store", "Workspace", "close_opened", "open_store"]
