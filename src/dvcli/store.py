"""The per-file verified reader lives in the snapshot (``dvcli.snapshot.store``); this name stays
so that every module and test that imports ``dvcli.store`` keeps working."""

from __future__ import annotations

from .snapshot.store import Loaded, Store

__all__ = ["Loaded", "Store"]
