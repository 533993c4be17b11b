"""Page counts of the example's consolidated reports as a reader gets them (issue 15).

    .venv/bin/python bench/page_counts.py [--png DIR]

For the weekly report (2021-W38), the monthly ``bao-cao-ban --month 2021-10`` and the ad-hoc report of
27/9–3/10, in both profiles (Party ``dang``, State ``nha-nuoc``): the DOCX is converted by LibreOffice
(``dvcli consolidate --format pdf``), pages are counted by ``pdfinfo`` and the body ends before the page
that starts the annex ("BIỂU SỐ LIỆU", found by ``pdftotext``). ``--png DIR`` also writes page 1 of
each PDF and the annex page with the charts as PNG (``pdftoppm``), to look at.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AD_HOC = "Tình hình người lao động từ TP. Hồ Chí Minh và các tỉnh phía Nam về quê"
REPORTS = {
    "tuan-W38": ["--week", "2021-W38", "--date", "2021-09-28"],
    "thang-2021-10": ["--month", "2021-10", "-t", "bao-cao-ban", "--date", "2021-10-15"],
    "dot-xuat": ["--ad-hoc", AD_HOC, "--from", "2021-09-27", "--to", "2021-10-03", "--date", "2021-10-04"],
}


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def count(pdf: Path) -> tuple[int, int, int | None]:
    """(body pages, all pages, the first annex page with a chart or None)."""
    pages = int(next(line.split()[1] for line in run("pdfinfo", str(pdf)).splitlines() if line.startswith("Pages:")))
    body, chart = pages, None
    for page in range(1, pages + 1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-")
        if "BIỂU SỐ LIỆU" in text and body == pages:
            body = page - 1
        if "Biểu đồ" in text and chart is None:
            chart = page
    return body, pages, chart


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", type=Path, help="write PNG pages into this folder")
    args = parser.parse_args()
    dvcli = str(Path(sys.executable).with_name("dvcli"))
    env = {**os.environ, "DVCLI_NOW": "2021-10-15T09:00:00+07:00"}
    print("| report | profile | body | total |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="dvcli-pages-") as tmp:
        for profile in ("dang", "nha-nuoc"):
            ws = Path(tmp) / profile
            shutil.copytree(ROOT / "data", ws / "data")
            plan = ws / "data" / "plan.yaml"
            plan.write_text(plan.read_text(encoding="utf-8").replace("profile: dang", f"profile: {profile}"),
                            encoding="utf-8")
            for name, period in REPORTS.items():
                out = ws / "out" / name
                subprocess.run([dvcli, "--data", str(ws), "consolidate", *period, "--format", "pdf", "--out", str(out)],
                               env=env, check=True, capture_output=True)
                pdf = next(out.glob("*.pdf"))
                body, pages, chart = count(pdf)
                print(f"| {name} | {profile} | {body} | {pages} |", flush=True)
                if args.png:
                    args.png.mkdir(parents=True, exist_ok=True)
                    for label, page in (("trang-1", 1), ("bieu-do", chart)):
                        if page is not None:
                            run("pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png", "-singlefile",
                                str(pdf), str(args.png / f"{profile}-{name}-{label}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
