"""Time the commands a user runs on one workspace, cold and warm, for one or two dvcli sources.

    python bench/snapshot_bench.py WORKSPACE [--src label=PATH ...] [--runs N] [--week 2021-W38]

Each ``--src`` names a checkout's ``src/`` folder (run as ``python -m dvcli`` with it first on
PYTHONPATH); without one, the installed dvcli is timed. "cold": the parse cache and output memo
deleted before the run (the OS page cache stays warm); "warm": the run right after a run of the
same command. The median of ``--runs`` runs (and the largest peak resident memory) is printed as a
Markdown table, with the CSafeLoader
parse floor of the week's reports (the same files read and parsed by ``yaml.load`` in a loop) for
the ratios the issue's targets use. Ratios in one run are what count on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2021-10-01T09:00:00+07:00"


def _clear(ws: Path) -> None:
    for state in (ws / ".dvcli", ws / ".git" / "dvcli"):
        shutil.rmtree(state / "cache", ignore_errors=True)


PEAKS: list[float] = []  # each timed run's peak resident memory (MB), in run order


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        PEAKS.append(usage.ru_maxrss / 1024)
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}): {errors.read().decode()[-400:]}")
    return elapsed


def parse_floor(ws: Path, week: str, runs: int, everything: bool = False) -> float:
    """The week's reports parsed by ``yaml.load`` in a loop (the issue's floor); ``everything``: also
    every other file a consolidated report is made from (plan, roster, every assignment), which a
    cold run must parse too."""
    year, number = week.split("-W")
    data = ws / "data"
    folders = [data / "reports" / year / f"W{number}"]
    patterns = ["*.yaml"]
    if everything:
        folders += [data, data / "assignments"]
        patterns += ["*.yaml", "*/*.yaml"]
    script = ("import sys, yaml, pathlib\n"
              "for folder, pattern in zip(sys.argv[1::2], sys.argv[2::2]):\n"
              "    for p in sorted(pathlib.Path(folder).glob(pattern)):\n"
              "        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n")
    argv = [sys.executable, "-c", script, *(part for pair in zip(map(str, folders), patterns, strict=True) for part in pair)]
    return statistics.median(_time(argv, dict(os.environ)) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--src", action="append", default=[], help="label=PATH of a checkout's src/")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--week", default="2021-W38")
    parser.add_argument("--only", action="append", default=[], help="time only the commands whose name starts so")
    args = parser.parse_args()
    ws = args.workspace.resolve()
    sources = [item.split("=", 1) for item in args.src] or [["installed", ""]]
    out = Path(tempfile.mkdtemp(prefix="dvcli-bench-out-"))
    commands = {
        "status": ["status", "--week", args.week],
        "consolidate (stdout)": ["consolidate", "--week", args.week],
        "consolidate --format md --out": ["consolidate", "--week", args.week, "--format", "md", "--out", str(out),
                                          "--force"],
        "consolidate --format docx --out": ["consolidate", "--week", args.week, "--format", "docx", "--out",
                                            str(out), "--force"],
    }
    if args.only:
        commands = {name: tail for name, tail in commands.items() if name.startswith(tuple(args.only))}
    floor = parse_floor(ws, args.week, args.runs)
    print(f"parse floor (CSafeLoader, {args.week}'s reports): {floor:.2f} s")
    inputs = parse_floor(ws, args.week, args.runs, everything=True)
    print(f"every input parsed (CSafeLoader, + plan, roster, assignments): {inputs:.2f} s ({inputs / floor:.2f}×)\n")
    print("| command | " + " | ".join(f"{label} cold | {label} warm" for label, _ in sources) + " |")
    print("|---|" + "---|---|" * len(sources))
    for name, tail in commands.items():
        cells = []
        for _label, src in sources:
            env = dict(os.environ, DVCLI_NOW=NOW)
            if src:
                env["PYTHONPATH"] = src
                argv = [sys.executable, "-m", "dvcli", "--data", str(ws), *tail]
            else:
                argv = [str(Path(sys.executable).with_name("dvcli")), "--data", str(ws), *tail]
            colds, warms, cold_mb, warm_mb = [], [], [], []
            for _ in range(args.runs):
                _clear(ws)
                colds.append(_time(argv, env))
                cold_mb.append(PEAKS[-1])
                warms.append(_time(argv, env))
                warm_mb.append(PEAKS[-1])
            cold, warm = statistics.median(colds), statistics.median(warms)
            cells.append(f"{cold:.2f} s ({cold / floor:.2f}×) {max(cold_mb):.0f} MB | "
                         f"{warm:.2f} s ({warm / floor:.2f}×) {max(warm_mb):.0f} MB")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
