"""A benchmark workspace grown from the example data: real reports, many members (issue 11).

    python bench/example_workspace.py 10000 --out bench/.work/example-10000

The roster is the example's (units, the 11 members and their roles) grown to N entries: each added
member is a copy of an example member with a new id, holding that member's assignments and a
2021-W38 report copied from a real example report (round robin), so every file is one a user
wrote, not a generated pattern. Weeks W37 and W39 keep only the example's own reports.
Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def grow(members: int, out: Path, source: Path = ROOT / "data") -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out / "data")
    data = out / "data"
    roster = yaml.safe_load((data / "members.yaml").read_text(encoding="utf-8"))
    originals = list(roster["members"])
    week = data / "reports" / "2021" / "W38"
    reports = sorted(path for path in week.glob("*.yaml"))
    added = []
    for index in range(members - len(originals)):
        source = originals[index % len(originals)]
        member = dict(source)
        member["id"] = f"{source['id']}-{index:05d}"
        member["name"] = f"{source['name']} {index:05d}"
        member["role"] = "thanh-vien"
        member.pop("leave", None)
        added.append(member)
        report = reports[index % len(reports)]
        text = report.read_text(encoding="utf-8").replace(f"member: {report.stem}\n", f"member: {member['id']}\n", 1)
        (week / f"{member['id']}.yaml").write_text(text, encoding="utf-8")
        folder = data / "assignments" / member["id"]
        folder.mkdir(parents=True, exist_ok=True)
        for assignment in sorted((data / "assignments" / source["id"]).glob("*.yaml")):
            body = assignment.read_text(encoding="utf-8").replace(
                f"member: {source['id']}\n", f"member: {member['id']}\n", 1)
            (folder / assignment.name).write_text(body, encoding="utf-8")
    roster["members"] = originals + added
    plan = data / "plan.yaml"
    lines = plan.read_text(encoding="utf-8").split("\n")
    lines = [f"  size: {members}" if line.startswith("  size: ") else line for line in lines]  # group.size
    plan.write_text("\n".join(lines), encoding="utf-8")
    (data / "members.yaml").write_text(yaml.safe_dump(roster, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("members", type=int)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--from", dest="source", type=Path, default=ROOT / "data",
                        help="the example data to grow (default: this checkout's data/)")
    args = parser.parse_args()
    grow(args.members, args.out, args.source)


if __name__ == "__main__":
    main()
