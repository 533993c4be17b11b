"""Roll-up at scale (issue 17): N unit workspaces issue their week; a centre receives all N and consolidates.

    python bench/units.py                      # 16, 32 and 63 units, one week; then 63 units, two weeks
    python bench/units.py --sizes 63 --weeks 1 --keep bench/.work/units

Each unit is a real workspace (``bench/unit_workspaces.py``: ``dvcli init``, 3 members with their
assignments and reports, ``consolidate --issue``, ``issued export --publish``). Building is not
timed. The centre is the example data. Timed, each cold (the centre's parse cache and memo removed,
a fresh process): ``dvcli receive`` of every unit's outbox (a ``git fetch`` of one ref per unit from
the unit's repository path, verification, one commit) and ``dvcli consolidate --week 2021-W38``
(Markdown to stdout). Prints a Markdown table; target: receive + consolidate of 63 units < 10 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import unit_workspaces  # noqa: E402

WEEKS = {1: ("2021-W38",), 2: ("2021-W37", "2021-W38")}


def build(args: tuple[Path, str, int]) -> str:
    root, unit, weeks = args
    chosen = WEEKS[weeks]
    unit_workspaces.make_unit(root, unit, weeks=chosen)
    for number, week in enumerate(chosen, 1):
        date = "2021-09-20" if week == "2021-W37" else "2021-09-27"
        unit_workspaces.issue_week(root, week, date=date, number=number)
    return unit


def centre(base: Path, units: list[str]) -> Path:
    root = base / f"centre-{len(units)}"
    if root.exists():
        shutil.rmtree(root)
    unit_workspaces.run("init", str(root))
    shutil.rmtree(root / "data")
    shutil.copytree(unit_workspaces.EXAMPLE, root / "data")
    lines = ["units:"]
    for unit in units:
        code, name, _header = unit_workspaces.names(unit)
        lines += [f"  - id: {unit}", f"    name: {name}", f"    source: ../units/{unit}", f"    code: {code}"]
    (root / "data" / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    unit_workspaces.git(root, "add", "-A")
    unit_workspaces.git(root, "commit", "-q", "-m", "trung tâm")
    return root


def timed(root: Path, *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    shutil.rmtree(root / ".git" / "dvcli", ignore_errors=True)  # cold: no parse cache, no memo
    start = time.perf_counter()
    process = unit_workspaces.run("--data", str(root), *args, check=False)
    return time.perf_counter() - start, process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="16,32,63")
    parser.add_argument("--weeks", type=int, choices=(1, 2), default=0, help="only this many weeks (default: both)")
    parser.add_argument("--keep", type=Path, help="build here and keep the workspaces")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    plans = [(size, 1) for size in sizes] + ([(max(sizes), 2)] if args.weeks in (0, 2) else [])
    if args.weeks == 2:
        plans = [(size, 2) for size in sizes]
    base = args.keep or Path(tempfile.mkdtemp(prefix="dvcli-units-"))
    rows = []
    try:
        for weeks in sorted({weeks for _size, weeks in plans}):
            folder = base / f"weeks-{weeks}" / "units"
            units = [f"tinh-{index:02d}" for index in range(1, max(sizes) + 1)]
            todo = [(folder / unit, unit, weeks) for unit in units if not (folder / unit).exists()]
            folder.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            with ProcessPoolExecutor(args.jobs) as pool:
                list(pool.map(build, todo))
            print(f"built {len(todo)} units ({weeks} week(s)) in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            for size, wanted in plans:
                if wanted != weeks:
                    continue
                root = centre(folder.parent, units[:size])
                receive, got = timed(root, "receive")
                assert got.returncode == 0, got.stdout + got.stderr
                consolidate, made = timed(root, "consolidate", "--week", "2021-W38")
                assert made.returncode == 0, made.stderr
                cited = made.stdout.count("-BC/T")
                packages = len(list((root / "data" / "received").rglob("package.zip")))
                rows.append((size, weeks, packages, receive, consolidate, cited))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
    print("| units | weeks issued | packages received | receive (s, cold) | consolidate W38 (s, cold) | total (s) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, weeks, packages, receive, consolidate, _cited in rows:
        print(f"| {size} | {weeks} | {packages} | {receive:.2f} | {consolidate:.2f} | {receive + consolidate:.2f} |")


if __name__ == "__main__":
    main()
