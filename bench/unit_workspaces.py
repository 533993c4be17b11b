"""Unit workspaces for the roll-up (issue 17): each a real ``dvcli init`` workspace with its own
members and a week of reports, issuing its week as a unit of the example's centre.

    python bench/unit_workspaces.py OUT [--units t78,t26 | --count 63] [--members 3]

Each unit's plan is the example plan (the same indicators, vocabulary and tasks: a unit reports
on the centre's plan) with its own issuer code and header; its roster has ``--members`` members,
each a copy of an example member (a new id, ``<unit>-<id>``) with that member's assignments and
2021-W38 report, so every file is one a user wrote. Used by ``bench/units.py``, the roll-up
tests and the guide. Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data"
IDENTITY = ["-c", "user.name=Thư ký", "-c", "user.email=thu-ky@example.vn"]
NOW = "2021-09-27T09:55:00+07:00"  # after the members' last report, before the 10:00 due time
NAMED = {
    "t78": ("T78", "Cơ quan thường trực tại TP. Hồ Chí Minh", "CƠ QUAN THƯỜNG TRỰC TẠI TP. HỒ CHÍ MINH"),
    "t26": ("T26", "Cơ quan thường trực tại TP. Đà Nẵng", "CƠ QUAN THƯỜNG TRỰC TẠI TP. ĐÀ NẴNG"),
}
# the example members whose W38 reports the units' members copy, in order
SOURCES = ["nguyen-van-ke", "hoang-ba-hai", "phan-thanh-nam", "ngo-thi-thu-hoai", "phan-thi-hien",
           "cao-hong-hung", "bui-thuy", "vy-tu-lieu", "tran-vuong-viet"]


def dvcli_command() -> list[str]:
    found = shutil.which("dvcli", path=str(Path(sys.executable).parent)) or shutil.which("dvcli")
    return [found] if found else [sys.executable, "-m", "dvcli"]


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    process = subprocess.run([*dvcli_command(), *args], cwd=cwd, capture_output=True, text=True,
                             env={**os.environ, "DVCLI_NOW": NOW, "GIT_COMMITTER_DATE": NOW, "GIT_AUTHOR_DATE": NOW,
                                  **(env or {})}, check=False)
    if check and process.returncode != 0:
        raise RuntimeError(f"dvcli {' '.join(args)}: {process.returncode}\n{process.stdout}\n{process.stderr}")
    return process


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *IDENTITY, *args], cwd=root, check=True, capture_output=True, text=True).stdout


def names(unit: str) -> tuple[str, str, str]:
    if unit in NAMED:
        return NAMED[unit]
    number = unit.removeprefix("tinh-")
    return (f"T{number.upper()}", f"Ban Dân vận Tỉnh ủy số {number}", f"BAN DÂN VẬN TỈNH ỦY SỐ {number}")


def unit_plan(code: str, header: str, name: str, leader: str, secretary: str, size: int) -> str:
    text = (EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    head, _sep, documents = text.partition("  documents:\n")
    # the example's weekly is the Tổ công tác's own (TCT under the Ban): a unit issues its reports itself
    documents = re.sub(r"(?m)^      parent_header: .*\n", "", documents)
    for issuer in ("BDVTW", "TCT"):
        documents = documents.replace(f"issuer_code: {issuer}\n", f"issuer_code: {code}\n")
    for issuer_header in ("TỔ CÔNG TÁC", "BAN DÂN VẬN"):
        documents = documents.replace(f"issuer_header: {issuer_header}\n", f"issuer_header: {header}\n")
    head = re.sub(r"(?m)^  name: Tổ công tác phòng, chống dịch COVID-19 của Ban$", f"  name: Tổ công tác của {name}", head)
    head = re.sub(r"(?m)^  size: 11$", f"  size: {size}", head)
    head = re.sub(r"(?m)^  leader: vy-tu-lieu$", f"  leader: {leader}", head)
    head = re.sub(r"(?m)^  secretary: tran-vuong-viet$", f"  secretary: {secretary}", head)
    return head + "  documents:\n" + documents


def offset(unit: str) -> int:
    """Where in ``SOURCES`` a unit's members start: units differ, and the same unit is always the same."""
    if unit == "t26":
        return 3
    digits = "".join(ch for ch in unit if ch.isdigit())
    return int(digits) % len(SOURCES) if digits and unit != "t78" else 0


def make_unit(root: Path, unit: str, members: int = 3, week: str = "2021-W38", weeks: tuple[str, ...] = ()) -> Path:
    """A unit's workspace at ``root`` (``dvcli init``), its members and their reports of ``week``
    (and of ``weeks``, where the example member has one), committed."""
    code, name, header = names(unit)
    run("init", str(root))
    roster = yaml.safe_load((EXAMPLE / "members.yaml").read_text(encoding="utf-8"))
    by_id = {member["id"]: member for member in roster["members"]}
    chosen = []
    for index in range(members):
        source = by_id[SOURCES[(index + offset(unit)) % len(SOURCES)]]
        member = {key: value for key, value in source.items() if key not in ("leave", "phone", "email")}
        member["id"] = f"{unit}-{source['id']}" + (f"-{index}" if index >= len(SOURCES) else "")
        member["name"] = f"{source['name']} ({code})" + (f" {index}" if index >= len(SOURCES) else "")
        member["role"] = "to-truong" if index == 0 else "thu-ky" if index == 1 else "thanh-vien"
        chosen.append((source["id"], member))
    data = root / "data"
    (data / "plan.yaml").write_text(unit_plan(code, header, name, chosen[0][1]["id"], chosen[min(1, members - 1)][1]["id"],
                                              members), encoding="utf-8")
    text = yaml.safe_dump({"units": roster["units"], "members": [m for _s, m in chosen]}, allow_unicode=True,
                          sort_keys=False)
    (data / "members.yaml").write_text(text, encoding="utf-8")
    for source_id, member in chosen:
        for path in sorted((EXAMPLE / "assignments" / source_id).glob("*.yaml")):
            target = data / "assignments" / member["id"] / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(re.sub(r"(?m)^member: .*$", f"member: {member['id']}", path.read_text(encoding="utf-8")),
                              encoding="utf-8")
        for label in dict.fromkeys((*weeks, week)):
            year, number = label.split("-W")
            report = EXAMPLE / "reports" / year / f"W{number}" / f"{source_id}.yaml"
            if not report.exists() and label != week:
                continue
            target = data / "reports" / year / f"W{number}" / f"{member['id']}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(re.sub(r"(?m)^member: .*$", f"member: {member['id']}",
                                     report.read_text(encoding="utf-8")), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"không gian làm việc của {code}")
    return root


def issue_week(root: Path, week: str = "2021-W38", formats: str = "md", date: str = "2021-09-27",
               number: int = 1) -> None:
    """The unit issues its week (one step) and publishes the package in its outbox."""
    run("--data", str(root), "consolidate", "--week", week, "--issue", "--format", formats, "--date", date)
    run("--data", str(root), "issued", "export", str(number), "--publish")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", default="t78,t26")
    parser.add_argument("--count", type=int)
    parser.add_argument("--members", type=int, default=3)
    args = parser.parse_args()
    units = [f"tinh-{i:02d}" for i in range(1, args.count + 1)] if args.count else args.units.split(",")
    args.out.mkdir(parents=True, exist_ok=True)
    for unit in units:
        make_unit(args.out / unit, unit, args.members)
        issue_week(args.out / unit)
        print(args.out / unit)


if __name__ == "__main__":
    main()
