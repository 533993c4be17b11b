"""How each command's cost grows with the work (issue 18): a growth table, exponents and targets.

    python bench/growth.py [--quick] [--runs N] [--sizes 1000,3000,10000] [--history 1000x52]

For each size (members × one week, and a year of history behind one week) it times md, html and
docx consolidation (cold: the parse cache cleared), ``export indicators --format xlsx``, ``search``
over the whole history, ``status`` and ``check``, with their peak memory (``os.wait4`` of the very
child). The exponent of a command is log(t_large / t_small) / log(large / small) over the smallest
and largest sizes: 1.0 is linear. It also loads a 100,000-member roster, and times the refusal of
hostile rosters (an alias bomb, deep nesting, a 1 GB file). Writes bench/.work/GROWTH.md (or
GROWTH-quick.md); targets are judged only on the full sizes.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DVCLI, PY, WORK, Timing, machine, measure, workspace  # noqa: E402

COMMANDS = ("md", "html", "docx", "xlsx", "search", "status", "check")


def week_of(weeks: int) -> str:
    """The label of the last generated week (make_workspace.py starts at 2021-W37)."""
    import datetime as dt

    monday = dt.date.fromisocalendar(2021, 37, 1) + dt.timedelta(weeks=weeks - 1)
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def cold(ws: Path) -> Callable[[], None]:
    def clear() -> None:
        shutil.rmtree(ws / ".dvcli", ignore_errors=True)
        for state in (ws / ".git").glob("dvcli*"):
            shutil.rmtree(state, ignore_errors=True)

    return clear


def argv(command: str, ws: Path, week: str, out: Path) -> list[str]:
    base = [DVCLI, "--data", str(ws)]
    if command in ("md", "html", "docx"):
        return [*base, "consolidate", "--week", week, "--format", command, "--out", str(out), "--force"]
    if command == "xlsx":
        return [*base, "export", "indicators", "--format", "xlsx", "--out", str(out / "chi-tieu.xlsx"), "--force"]
    if command == "search":
        return [*base, "search", "ton giao"]
    if command == "status":
        return [*base, "status", "--week", week]
    return [*base, "check"]


def read_floor(ws: Path) -> list[str]:
    """What search must do at the least: read every file it searches (reports and assignments)."""
    code = ("import os, sys\nfor root in sys.argv[1:]:\n"
            "    for folder, _dirs, files in os.walk(root):\n"
            "        for name in files:\n"
            "            with open(os.path.join(folder, name), 'rb') as f: f.read().decode('utf-8')\n")
    return [PY, "-c", code, str(ws / "data" / "reports"), str(ws / "data" / "assignments")]


def exponent(small: Timing, large: Timing, ratio: float) -> float:
    return math.log(large.median / small.median) / math.log(ratio)


def hostile_rosters(quick: bool) -> list[tuple[str, Timing]]:
    base = workspace(11, 1)
    rows = []
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    cases: dict[str, Callable[[Path], None]] = {
        "alias bomb": lambda path: path.write_text("\n".join(bomb) + "\n"),
        "nesting 10,000 deep": lambda path: path.write_text("members: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        "a 1 GB file (sparse)": lambda path: path.open("r+b").truncate(1024 ** 3),
    }
    for name, spoil in cases.items():
        ws = WORK / f"hostile-{name.split()[1]}"
        shutil.rmtree(ws, ignore_errors=True)
        shutil.copytree(base / "data", ws / "data")
        spoil(ws / "data" / "members.yaml")
        rows.append((name, measure(f"members list: {name}", [DVCLI, "--data", str(ws), "members", "list"],
                                   1 if quick else 3, ok_codes=(1,), before=cold(ws))))
    return rows


def big_roster(members: int) -> Timing:
    ws = WORK / f"roster-{members}"
    if not (ws / ".complete").exists():
        shutil.rmtree(ws, ignore_errors=True)
        shutil.copytree(workspace(11, 1) / "data", ws / "data")
        members_file = ws / "data" / "members.yaml"
        lines = [members_file.read_text(encoding="utf-8").rstrip("\n"), ""]
        for index in range(members - 11):
            lines += [f"  - id: thanh-vien-{index:06d}", f"    name: Thành Viên Số {index}", "    position: Chuyên viên",
                      "    unit: vu-doan-the-nhan-dan", "    role: thanh-vien", ""]
        members_file.write_text("\n".join(lines), encoding="utf-8")
        plan = ws / "data" / "plan.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(re.sub(r"(?m)^  size: \d+$", f"  size: {members}", text, count=1), encoding="utf-8")
        (ws / ".complete").write_text("ok\n")
    last = f"thanh-vien-{members - 12:06d}"
    return measure(f"members show (cold) on {members:,} members", [DVCLI, "--data", str(ws), "members", "show", last],
                   1, warmup=0, before=cold(ws))


def main(args_list: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run: keeps the harness working in CI")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--sizes", default=None, help="members per week, comma-separated (default 1000,3000,10000)")
    parser.add_argument("--history", default=None, help="MEMBERSxWEEKS with a history (default 1000x52)")
    args = parser.parse_args(args_list)
    sizes = [int(s) for s in (args.sizes or ("60,200" if args.quick else "1000,3000,10000")).split(",")]
    history_members, history_weeks = (int(x) for x in (args.history or ("60x4" if args.quick else "1000x52")).split("x"))
    runs = args.runs or (1 if args.quick else 3)
    out = WORK / "growth-out"
    out.mkdir(parents=True, exist_ok=True)

    columns: list[tuple[str, Path, str]] = [(f"{n:,}", workspace(n, 1), week_of(1)) for n in sizes]
    columns.append((f"{history_members:,} × {history_weeks}", workspace(history_members, history_weeks),
                    week_of(history_weeks)))
    table: dict[str, list[Timing]] = {command: [] for command in COMMANDS}
    floors: list[Timing] = []
    for label, ws, week in columns:
        print(f"{label}: {ws.name}, week {week}", flush=True)
        for command in COMMANDS:
            table[command].append(measure(f"{command} ({label})", argv(command, ws, week, out), runs,
                                          before=cold(ws), ok_codes=(0, 1) if command == "status" else (0,)))
        floors.append(measure(f"read every searched file ({label})", read_floor(ws), runs))

    lines = ["# Growth of every command (bench/growth.py)", "", *machine(), "",
             "Seconds (median of the runs) / peak MiB; every run cold (parse cache cleared). "
             "Exponent: log(t_largest / t_smallest) / log(size ratio) over the one-week sizes.", "",
             "| command | " + " | ".join(label for label, _ws, _w in columns) + " | exponent |",
             "|---|" + "---|" * (len(columns) + 1)]
    ratio = sizes[-1] / sizes[0]
    exponents = {}
    for command in COMMANDS:
        timings = table[command]
        exponents[command] = exponent(timings[0], timings[len(sizes) - 1], ratio)
        cells = [f"{t.median:.2f} / {t.rss_mb:.0f}" for t in timings]
        lines.append(f"| {command} | " + " | ".join(cells) + f" | {exponents[command]:.2f} |")
    lines.append("| read the searched files | " + " | ".join(f"{t.median:.2f} / {t.rss_mb:.0f}" for t in floors)
                 + f" | {exponent(floors[0], floors[len(sizes) - 1], ratio):.2f} |")

    largest = len(sizes) - 1
    docx, md, search = table["docx"][largest], table["md"][largest], table["search"][largest]
    growth = {command: table[command][largest].median / table[command][0].median for command in COMMANDS}
    roster_members = 1_000 if args.quick else 100_000
    roster = big_roster(roster_members)
    hostile = hostile_rosters(args.quick)
    targets = [
        (f"docx ≤ 2× md at {sizes[-1]:,}", docx.median / md.median, 2.0, "×"),
        (f"docx peak memory at {sizes[-1]:,}", docx.rss_mb, 1024.0, " MiB"),
        (f"docx growth {sizes[0]:,} → {sizes[-1]:,} (10× the work)", growth["docx"], 11.0, "×"),
        (f"xlsx growth {sizes[0]:,} → {sizes[-1]:,}", growth["xlsx"], 11.0, "×"),
        (f"search growth {sizes[0]:,} → {sizes[-1]:,}", growth["search"], 11.0, "×"),
        (f"search ≤ 3× reading its files at {sizes[-1]:,}", search.median / floors[largest].median, 3.0, "×"),
        *((f"every command's exponent ≤ 1.1: {command}", exponents[command], 1.1, "") for command in COMMANDS),
        *((f"hostile roster refused within 1 s: {name}", timing.median, 1.0, " s") for name, timing in hostile),
    ]
    lines += ["", f"A roster of {roster_members:,} members loads: {roster.median:.2f} s cold, "
              f"{roster.rss_mb:.0f} MiB.", "", "| target | value | limit | result |", "|---|---|---|---|"]
    for name, value, limit, unit in targets:
        verdict = "PASS" if value <= limit else "FAIL"
        if args.quick:
            verdict = "(quick: not judged)"
        lines.append(f"| {name} | {value:.2f}{unit} | {limit:g}{unit} | {verdict} |")
    result = WORK / ("GROWTH-quick.md" if args.quick else "GROWTH.md")
    result.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"written: {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
