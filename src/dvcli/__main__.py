"""``python -m dvcli``: the same as the ``dvcli`` command."""

from __future__ import annotations

from .cli.entry import main

if __name__ == "__main__":
    main()
