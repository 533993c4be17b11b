"""Test helpers shared by the foundation tests (imported by name: tests/ is on sys.path)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Workspace:
    """A workspace under ``tmp_path``: the repository's data/ plus whatever a test writes."""

    root: Path

    def write(self, files: Mapping[str, str | bytes]) -> None:
        """Create or replace files (relative to the root): text is written as UTF-8, bytes as they are."""
        for relative, content in files.items():
            path = self.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")

    def text(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Replace ``old`` by ``new`` in a file; ``old`` must occur exactly ``count`` times."""
        text = self.text(relative)
        assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {relative}"
        self.write({relative: text.replace(old, new)})

    def line(self, relative: str, needle: str, nth: int = 1) -> int:
        """The line number (1-based) of the ``nth`` line of a file that contains ``needle``.

        A needle starting with ``^`` must start the line.
        """
        lines = self.text(relative).split("\n")
        if needle.startswith("^"):
            hits = [number for number, line in enumerate(lines, 1) if line.startswith(needle[1:])]
        else:
            hits = [number for number, line in enumerate(lines, 1) if needle in line]
        assert len(hits) >= nth, f"{needle!r} is on {len(hits)} lines of {relative}"
        return hits[nth - 1]

    def run(self, *args: str, data: bool = True) -> Result:
        """``dvcli --data ROOT ARGS`` through Typer's test runner (stdout and stderr kept apart)."""
        from dvcli.cli.app import app

        prefix = ["--data", str(self.root)] if data else []
        return CliRunner().invoke(app, [*prefix, *args], catch_exceptions=False)
