"""Run every dvcli benchmark against baselines measured in the same run; write bench/RESULTS.md.

    python bench/run.py [--quick] [--runs N] [--only WORD]

Each benchmark runs its command several times in a subprocess (the median is reported, like
hyperfine) and is compared with a baseline timed in the same run: ``python -c pass``, ``import
typer``, ``import typer, yaml``, the parse floor (the same files read and parsed with
``yaml.load(CSafeLoader)`` in a loop) and, when installed (bench/setup.sh), the peers jrnl, hledger
and taskwarrior. Peak memory comes from ``os.wait4``'s rusage of the very child measured.
``--quick`` uses tiny workspaces and few runs so CI can keep the harness working in seconds; its
ratios are printed but the targets are only judged on the full sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
PY = sys.executable
BIN = Path(sys.executable).parent
DVCLI = str(BIN / "dvcli") if (BIN / "dvcli").exists() else shutil.which("dvcli") or "dvcli"
PEERS = WORK / "peers" / "bin"


@dataclass
class Timing:
    name: str
    times: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def run_once(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
             ok_codes: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one run of ``argv``; output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(name: str, argv: list[str], runs: int, *, cwd: Path | None = None, before: Callable[[], None] | None = None,
            warmup: int = 1, ok_codes: tuple[int, ...] = (0,), env: dict[str, str] | None = None) -> Timing:
    timing = Timing(name)
    for _ in range(warmup):
        if before:
            before()
        run_once(argv, cwd, env, ok_codes)
    for _ in range(runs):
        if before:
            before()
        elapsed, rss = run_once(argv, cwd, env, ok_codes)
        timing.times.append(elapsed)
        timing.rss_mb = max(timing.rss_mb, rss)
    print(f"  {name:<58} {timing.median * 1000:9.1f} ms  (n={runs}, {timing.rss_mb:.0f} MB)", flush=True)
    return timing


# --- workspaces ----------------------------------------------------------------------------


def workspace(members: int, weeks: int) -> Path:
    """A generated workspace under bench/.work, made once and reused (generation is deterministic)."""
    out = WORK / f"ws-{members}x{weeks}"
    if not (out / ".complete").exists():
        print(f"  generating {out.name} …", flush=True)
        subprocess.run([PY, str(HERE / "make_workspace.py"), str(members), str(weeks), "--out", str(out)], check=True)
        (out / ".complete").write_text("ok\n")
    return out


def clear_cache(ws: Path) -> Callable[[], None]:
    def clear() -> None:
        for state in (ws / ".dvcli", ws / ".git" / "dvcli"):  # machine state: .git/dvcli in a git work tree
            shutil.rmtree(state / "cache", ignore_errors=True)

    return clear


def yaml_files(ws: Path, under: str = "data") -> list[str]:
    found: list[str] = []
    stack = [str(ws / under)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    stack.append(entry.path)
                elif entry.name.endswith(".yaml"):
                    found.append(entry.path)
    return sorted(found)


def floor_command(ws: Path, under: str) -> list[str]:
    """The parse floor: read every YAML file under ``under`` and parse it with CSafeLoader, in one process."""
    listing = WORK / f"floor-{ws.name}-{under.replace('/', '_')}.txt"
    if not listing.exists():
        listing.write_text("\n".join(yaml_files(ws, under)) + "\n")
    code = ("import sys, yaml\nL = yaml.CSafeLoader\n"
            "for name in open(sys.argv[1]).read().split():\n"
            "    with open(name, 'rb') as f: yaml.load(f.read(), Loader=L)\n")
    return [PY, "-c", code, str(listing)]


def journal(transactions: int) -> Path:
    """A hledger journal of ``transactions`` two-posting transactions."""
    path = WORK / f"journal-{transactions}.journal"
    if not path.exists():
        lines = []
        day = dt.date(2021, 1, 1)
        for index in range(transactions):
            date = day + dt.timedelta(days=index // 30)
            lines += [f"{date} Hỗ trợ hộ gia đình số {index}", f"    chi:hỗ trợ:{'gạo' if index % 2 else 'tiền'}  {index % 500 + 1} VND",
                      "    tài sản:quỹ vận động", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    return path


# --- reporting -----------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    measured: str
    ratio: float | None
    limit: float
    unit: str  # "x" (ratio) or "s" or "MB"

    @property
    def passed(self) -> bool:
        return self.ratio is not None and self.ratio <= self.limit

    def row(self) -> str:
        value = "—" if self.ratio is None else (f"{self.ratio:.2f}×" if self.unit == "x" else f"{self.ratio:.2f} {self.unit}")
        limit = f"≤ {self.limit:g}×" if self.unit == "x" else f"≤ {self.limit:g} {self.unit}"
        verdict = "n/a" if self.ratio is None else ("PASS" if self.passed else "FAIL")
        return f"| {self.label} | {self.measured} | {value} | {limit} | {verdict} |"


def machine() -> list[str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    probe = ("import sys, yaml, typer, click\n"
             "print(sys.version.split()[0], typer.__version__, click.__version__, yaml.__version__, "
             "'yes' if yaml.__with_libyaml__ else 'no')")
    py, typer_v, click_v, yaml_v, libyaml = subprocess.run([PY, "-c", probe], capture_output=True, text=True,
                                                          check=True).stdout.split()
    return [f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}; {platform.system()} {platform.release()}",
            f"- Python {py}; typer {typer_v}; click {click_v}; PyYAML {yaml_v}; libyaml: {libyaml}",
            f"- dvcli: {subprocess.run([DVCLI, '--version'], capture_output=True, text=True).stdout.strip()}"]


def ms(timing: Timing) -> str:
    return f"{timing.median * 1000:.0f} ms"


# --- the benchmarks ------------------------------------------------------------------------

SECTIONS = ("startup", "week", "history")  # --only: start-up and peers; one week of N members; the history


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, few runs (CI)")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--output", type=Path, default=None,
                        help="default: bench/RESULTS.md (full), bench/.work/RESULTS-quick.md (--quick)")
    parser.add_argument("--only", choices=SECTIONS, action="append",
                        help="run only these sections (repeatable); writes bench/.work/RESULTS-only.md")
    args = parser.parse_args(argv)
    if args.output is None and args.only:
        args.output = WORK / "RESULTS-only.md"  # a partial run never replaces the committed results
    elif args.output is None:
        args.output = WORK / "RESULTS-quick.md" if args.quick else HERE / "RESULTS.md"

    def want(section: str) -> bool:
        return not args.only or section in args.only

    quick = args.quick
    base_pass = Timing("python -c pass")
    runs = args.runs or (3 if quick else 15)
    big_runs = 1 if quick else 5
    huge_runs = 1 if quick else 2
    cores = min(2, os.cpu_count() or 1)
    WORK.mkdir(parents=True, exist_ok=True)
    targets: list[Target] = []
    timings: list[Timing] = []
    notes: list[str] = []

    def add(label: str, measured: str, value: float | None, limit: float, unit: str = "x") -> None:
        targets.append(Target(label, measured, value, limit, unit))

    if want("startup"):
        print("start-up", flush=True)
        example = ROOT  # the repository's own data/ (the real plan and the 11 members)
        period = "2021-W38"
        base_pass = measure("python -c pass", [PY, "-c", "pass"], runs)
        base_typer = measure('python -c "import typer"', [PY, "-c", "import typer"], runs)
        base_yaml = measure('python -c "import typer, yaml"', [PY, "-c", "import typer, yaml"], runs)
        version = measure("dvcli --version", [DVCLI, "--version"], runs)
        helptext = measure("dvcli --help", [DVCLI, "--help"], runs)
        status_ex = measure(f"dvcli status {period} (example data, warm)", [DVCLI, "--data", str(example), "status", "--week", period],
                            runs, ok_codes=(0, 1))
        timings += [base_pass, base_typer, base_yaml, version, helptext, status_ex]
        add("`dvcli --version` vs `import typer`", f"{ms(version)} / {ms(base_typer)}", version.median / base_typer.median, 1.2)
        add("`dvcli --help` vs `import typer`", f"{ms(helptext)} / {ms(base_typer)}", helptext.median / base_typer.median, 2.0)
        add("`dvcli status` (example data) vs `import typer, yaml`", f"{ms(status_ex)} / {ms(base_yaml)}",
            status_ex.median / base_yaml.median, 2.5)

        print("peers: start-up", flush=True)
        peers = {"jrnl --version": [str(PEERS / "jrnl"), "--version"], "hledger --version": ["hledger", "--version"],
                 "task --version": ["task", "--version"]}
        for name, command in peers.items():
            if shutil.which(command[0]) is None:
                notes.append(f"{name}: not installed, skipped (run bench/setup.sh)")
                continue
            env = dict(os.environ, TASKRC="/dev/null", TASKDATA=str(WORK / "taskdata"), HOME=str(WORK))
            peer = measure(name, command, runs, env=env)
            timings.append(peer)
            notes.append(f"{name}: {ms(peer)} — dvcli --version is {version.median / peer.median:.2f}× of it")

    members_10k, weeks_500k, members_500k = (200, 10, 200) if quick else (10_000, 50, 10_500)
    if want("week"):
        print(f"one week of {members_10k} members", flush=True)
        ws10 = workspace(members_10k, 1)
        first_week = "2021-W37"
        # "The same files" consolidate reads: the plan, the roster, every assignment and report.
        floor10 = measure("parse floor: CSafeLoader over every file consolidate reads", floor_command(ws10, "data"),
                          big_runs)
        status10 = measure(f"dvcli status {first_week} ({members_10k} members, warm)",
                           [DVCLI, "--data", str(ws10), "status", "--week", first_week], runs, ok_codes=(0, 1))
        consolidate = [DVCLI, "--data", str(ws10), "consolidate", "--week", first_week, "--format", "md"]
        cold = measure("dvcli consolidate --format md (cold cache)", consolidate, big_runs, before=clear_cache(ws10))
        warm = measure("dvcli consolidate --format md (warm cache)", consolidate, big_runs)
        check10 = measure(f"dvcli check ({members_10k} reports, warm)", [DVCLI, "--data", str(ws10), "check"], big_runs)
        timings += [floor10, status10, cold, warm, check10]
        add(f"`dvcli status` on {members_10k:,} members × 1 week", ms(status10), status10.median, 0.5, "s")
        add("`consolidate --format md` cold vs parse floor", f"{ms(cold)} / {ms(floor10)}", cold.median / floor10.median, 1.2)
        add("`consolidate --format md` warm vs parse floor", f"{ms(warm)} / {ms(floor10)}", warm.median / floor10.median, 0.25)
        add(f"peak RSS of consolidate on {members_10k:,} reports", f"{max(cold.rss_mb, warm.rss_mb):.0f} MB",
            max(cold.rss_mb, warm.rss_mb), 300, "MB")
        if shutil.which("hledger"):
            book = journal(members_10k)
            hcheck = measure(f"hledger check ({members_10k} transactions)", ["hledger", "-f", str(book), "check"], big_runs)
            timings.append(hcheck)
            notes.append(f"hledger check on {members_10k:,} transactions: {ms(hcheck)}; dvcli check on "
                         f"{members_10k:,} members' reports (warm): {ms(check10)} ({check10.median / hcheck.median:.2f}×)")
        else:
            notes.append("hledger: not installed, the check comparison is skipped (run bench/setup.sh)")

    if want("history"):
        print(f"history: {members_500k} members × {weeks_500k} weeks", flush=True)
        ws500 = workspace(members_500k, weeks_500k)
        n_files = len(yaml_files(ws500))
        floor500 = measure(f"parse floor: CSafeLoader over all {n_files:,} files", floor_command(ws500, "data"), 1,
                           warmup=0)
        check = [DVCLI, "--data", str(ws500), "check"]
        check_cold = measure("dvcli check (cold cache)", check, 1, before=clear_cache(ws500), warmup=0)
        check_warm = measure("dvcli check (warm cache)", check, huge_runs, warmup=0)
        timings += [floor500, check_cold, check_warm]
        add(f"`dvcli check` warm, {n_files:,} files", ms(check_warm), check_warm.median, 10, "s")
        add(f"`dvcli check` cold vs parse floor / {cores} cores", f"{ms(check_cold)} / ({ms(floor500)} / {cores})",
            check_cold.median / (floor500.median / cores), 1.2)

    lines = ["# dvcli benchmark results", "",
             f"Generated by `python bench/run.py{' --quick' if quick else ''}` on {dt.date.today()}. "
             "Medians of several runs; every ratio is against a baseline timed in the same run.", "",
             "## Machine", "", *machine(), "",
             "## Targets", "", "| target | measured | value | limit | result |", "|---|---|---|---|---|",
             *(target.row() for target in targets), "",
             "## All timings", "", "| command | median | runs | peak RSS |", "|---|---|---|---|",
             *(f"| {t.name} | {t.median * 1000:.1f} ms | {len(t.times)} | {t.rss_mb:.0f} MB |" for t in timings), "",
             "## Peers and notes", "", *(f"- {note}" for note in notes),
             *([f"- `python -c pass`: {ms(base_pass)}."] if want("startup") else []),
             "- Cold: the parse cache (`.dvcli/cache`, or `.git/dvcli/cache`) deleted before each run (the OS page cache stays warm). "
             "Warm: files unchanged since the previous run.", ""]
    if quick:
        lines.insert(3, "**Quick mode: tiny sizes, few runs — the ratios show the harness works, not the targets.**\n")
    args.output.write_text("\n".join(lines), encoding="utf-8")
    print()
    for target in targets:
        print(target.row())
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
