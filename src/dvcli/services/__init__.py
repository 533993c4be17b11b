"""The use cases. Each takes plain arguments, returns data, and never prints.

One module per command group; ``open_store`` is how every use case reaches the workspace.
"""

from __future__ import annotations

from ..store import Store
from ..workspace import Workspace, find


def open_store(data: str | None) -> Store:
    """The store of the workspace named by ``--data``/``DVCLI_DATA`` or found above the cwd."""
    return Store(find(data))


__all__ = ["Store", "Workspace", "open_store"]
