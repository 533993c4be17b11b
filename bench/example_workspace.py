"""A benchmark workspace grown from the example data: real reports, many members (issue 11).

    python bench/example_workspace.py 10000 --out bench/.work/example-10000

The roster is the example's (units, the 11 members and their roles) grown to N entries: each added
member is a copy of an example member with a new id, holding that member's assignments and a
2021-W38 report copied from a real example report (round robin), so every file is one a user
wrote, not a generated pattern. Weeks W37 and W39 keep only the example's own reports.
Deterministic: the same N gives the same files.

``--own-words``: each added member's report says it in their own words, as 10,000 real members
would: every clause of its prose names the member's own commune, and one clause in three has its
words in another order, one in three one word moved. Copied reports repeat every statement, which
the synthesis merges at the cost of a hash; distinct ones are what its near-identical comparison
and folding really cost (a week of them once took 23 s to synthesise, the copied week 0.5 s).
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


_KEPT = {"member", "period", "submitted", "task", "fields", "areas", "area", "subjects", "to", "place",
         "indicators", "replicate", "status", "source", "received", "revised", "date", "time"}  # ids, dates


def _own_words(text: str, index: int) -> str:
    """``text`` as member ``index`` might write it: each clause in the member's commune, some reordered."""
    parts = re.split(r"([.;!?])", text)
    said = []
    for number, part in enumerate(parts):
        words = part.split()
        if not words or part in ".;!?":
            said.append(part)
            continue
        turn = (index + number) % 3
        if turn == 0 and len(words) > 3:
            cut = index % len(words)
            words = words[cut:] + words[:cut]
        elif turn == 1 and len(words) > 3:
            words.insert((index * 7) % len(words), words.pop(index % len(words)))
        said.append(" " + " ".join([*words, "ở", "xã", str(index)]))
    return "".join(said).strip()


def _in_own_words(value: object, index: int, key: str = "") -> object:
    if key in _KEPT:
        return value
    if isinstance(value, dict):
        return {name: _in_own_words(item, index, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_in_own_words(item, index, key) for item in value]
    return _own_words(value, index) if isinstance(value, str) else value


def grow(members: int, out: Path, source: Path = ROOT / "data", own_words: bool = False) -> None:
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
        if own_words:  # BaseLoader: every value stays the text it was (dates, numbers, "yes")
            record = _in_own_words(yaml.load(text, Loader=yaml.BaseLoader), index)
            text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
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
    parser.add_argument("--own-words", action="store_true",
                        help="each added member's report in their own words (distinct statements)")
    args = parser.parse_args()
    grow(args.members, args.out, args.source, args.own_words)


if __name__ == "__main__":
    main()
