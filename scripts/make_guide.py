#!/usr/bin/env python3
"""Refresh the command output shown in docs/huong-dan.md from the example data.

Every ``<!-- run: dvcli ARGS -->`` marker in the guide is followed by a fenced block; this script
runs the commands in order, in a scratch copy of the repository's workspace (data/, schemas/,
templates/ under a fresh git repository, so commands that write and commit never touch the
repository), with the clock pinned (DVCLI_NOW), and puts each command's output (stdout and
stderr, as a terminal shows them) into the block after its marker.

    python scripts/make_guide.py           # rewrite the guide
    python scripts/make_guide.py --check   # exit 1 if the guide is stale (tests/ecosystem/test_eco_guide.py)
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "huong-dan.md"
NOW = "2021-09-28T09:00:00+07:00"
# Who commits, and with which git configuration (none of the caller's machine): the guide shows
# commit hashes, which must be the same on every machine.
GIT_PINNED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
              "GIT_AUTHOR_NAME": "Trần Vương Việt", "GIT_AUTHOR_EMAIL": "tran.vuong.viet@example.vn",
              "GIT_COMMITTER_NAME": "Trần Vương Việt", "GIT_COMMITTER_EMAIL": "tran.vuong.viet@example.vn"}
_BLOCK = re.compile(r"(<!-- run: (?P<cmd>dvcli[^\n]*?) -->\n)```text\n.*?```\n", re.DOTALL)


def _workspace(folder: Path) -> Path:
    root = folder / "to-cong-tac"
    for name in ("data", "schemas", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(".*"))
    (root / ".gitignore").write_text(".dvcli/\n", encoding="utf-8")
    # The guide shows this commit's hash: no GIT_* variable of the caller's environment goes into it.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_PINNED, GIT_AUTHOR_DATE="2021-09-13T08:00:00+07:00",
               GIT_COMMITTER_DATE="2021-09-13T08:00:00+07:00")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "--no-verify", "-m", "dữ liệu mẫu"], cwd=root, check=True,
                   env=env)
    _units(folder)
    return root


def _units(folder: Path) -> None:
    """The standing offices T78 and T26 beside the centre (§10), each its own workspace that issued its week."""
    sys.path.insert(0, str(ROOT / "bench"))
    import unit_workspaces

    for unit in ("t78", "t26"):
        unit_workspaces.make_unit(folder / unit, unit)
        unit_workspaces.issue_week(folder / unit)


def _run(command: str, cwd: Path) -> str:
    from typer.testing import CliRunner  # noqa: TID251 - drives the CLI like the tests do

    from dvcli import i18n
    from dvcli.cli.app import app

    args = shlex.split(command)[1:]
    env = {"DVCLI_NOW": NOW, "DVCLI_LANG": "vi", "DVCLI_DATA": "", "COLUMNS": "100",
           **GIT_PINNED,
           "GIT_AUTHOR_DATE": "2021-09-28T09:00:00+07:00", "GIT_COMMITTER_DATE": "2021-09-28T09:00:00+07:00"}
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        i18n.reset()
        result = CliRunner().invoke(app, args, env=env, prog_name="dvcli")
    finally:
        os.chdir(previous)
    text = result.output.replace(str(cwd), "~/to-cong-tac")
    text = "\n".join(line.rstrip() for line in text.splitlines())
    if result.exit_code:
        text += f"\n(mã thoát {result.exit_code})"
    return text.strip("\n") + "\n"


def render(source: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        root = _workspace(Path(folder))

        def refresh(match: re.Match[str]) -> str:
            return f"{match.group(1)}```text\n{_run(match.group('cmd'), root)}```\n"

        return _BLOCK.sub(refresh, source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the guide is stale")
    args = parser.parse_args(argv)
    source = GUIDE.read_text(encoding="utf-8")
    fresh = render(source)
    if args.check:
        if fresh != source:
            print("docs/huong-dan.md is stale: run python scripts/make_guide.py")
            return 1
        return 0
    if fresh != source:
        GUIDE.write_text(fresh, encoding="utf-8")
        print("wrote docs/huong-dan.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
