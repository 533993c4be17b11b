#!/usr/bin/env python3
"""Regenerate schemas/*.schema.json and .vscode/settings.json in this repository.

The repository is itself a dvcli workspace, so this is ``dvcli schema --write`` run at its root;
tests/test_schema.py fails when the committed files differ from what dvcli emits.
"""

from __future__ import annotations

import json
from pathlib import Path

from dvcli.services import schema

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for changed in schema.write_all(ROOT):
        print(f"wrote {changed}")
    settings = ROOT / ".vscode" / "settings.json"
    settings.parent.mkdir(exist_ok=True)
    text = json.dumps(schema.editor_settings(), ensure_ascii=False, indent=2) + "\n"
    if not settings.is_file() or settings.read_text(encoding="utf-8") != text:
        settings.write_text(text, encoding="utf-8")
        print("wrote .vscode/settings.json")


if __name__ == "__main__":
    main()
