"""The time to import 100 returned forms (issue 14): ``dvcli report import`` of 100 DOCX (and XLSX) files.

    python bench/import_forms.py [--count 100] [--format docx,xlsx]

A copy of the example workspace under bench/.work/import/; ``dvcli form --all`` makes every expected
member's form for weeks 2021-W40 onwards until there are ``--count`` of them; then one
``dvcli report import FILE… --no-commit`` takes them all in (read, checked, originals kept, reports
written), timed from process start to exit. Prints seconds in total and per form.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "import"
DVCLI = [sys.executable, "-m", "dvcli"]


def _workspace(fmt: str) -> Path:
    ws = WORK / fmt / "ws"
    if ws.parent.exists():
        shutil.rmtree(ws.parent)
    ws.mkdir(parents=True)
    shutil.copytree(ROOT / "data", ws / "data")
    return ws


def _forms(ws: Path, fmt: str, count: int) -> list[Path]:
    forms: list[Path] = []
    week = 40
    while len(forms) < count:
        folder = ws.parent / "forms" / f"W{week}"
        subprocess.run([*DVCLI, "--data", str(ws), "form", "--all", "--week", f"2021-W{week}", "--format", fmt,
                        "--out", str(folder)], check=True, capture_output=True)
        forms += sorted(folder.iterdir())
        week += 1
    return forms[:count]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--format", default="docx,xlsx")
    args = parser.parse_args()
    for fmt in args.format.split(","):
        ws = _workspace(fmt)
        forms = _forms(ws, fmt, args.count)
        start = time.perf_counter()
        done = subprocess.run([*DVCLI, "--data", str(ws), "report", "import", *map(str, forms), "--no-commit"],
                              capture_output=True, text=True, env={"DVCLI_NOW": "2021-12-20T09:00:00+07:00",
                                                                   **dict(__import__("os").environ)})
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(done.stderr)
        imported = done.stdout.count(": đã nhập ")
        print(f"{fmt}: {imported} forms imported in {elapsed:.2f} s ({1000 * elapsed / imported:.0f} ms a form)")


if __name__ == "__main__":
    main()
