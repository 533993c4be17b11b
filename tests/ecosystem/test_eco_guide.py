"""docs/huong-dan.md shows real output: re-running scripts/make_guide.py changes nothing."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from .conftest import REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_guide", REPO / "scripts" / "make_guide.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_guide_output_is_current() -> None:
    script = _script()
    source = script.GUIDE.read_text(encoding="utf-8")
    assert script.render(source) == source, "run: python scripts/make_guide.py"


def test_guide_covers_every_task_of_the_secretary() -> None:
    source = (REPO / "docs" / "huong-dan.md").read_text(encoding="utf-8")
    for command in ("dvcli check", "dvcli assign ", "dvcli report new", "dvcli status", "dvcli remind",
                    "dvcli consolidate --week", "--issue", "dvcli history", "dvcli search", "dvcli sync",
                    "dvcli export indicators"):
        assert f"<!-- run: {command}" in source or f"<!-- run: dvcli consolidate --week 2021-W38 {command}" in source


def test_a_stale_block_is_refreshed() -> None:
    script = _script()
    stale = "<!-- run: dvcli schema kind-khong-co -->\n```text\ncũ\n```\n"
    assert script.render(stale) == ("<!-- run: dvcli schema kind-khong-co -->\n```text\n"
                                    'lỗi: không có loại tệp "kind-khong-co"\n'
                                    "  gợi ý: chọn một trong: plan, members, assignment, report, withdrawal, review, request, issued, revocation, prepared, units, received, replaced\n"
                                    "(mã thoát 1)\n```\n")
