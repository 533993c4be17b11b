"""(d) Hostile workspace templates: nested loops, huge strings and numbers, endless output — each
stopped by its bound (template_limits) with a Vietnamese message naming the template, exit 1,
nothing written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from reliability_support import REPO, seeded_workspace, workspace_digest
from typer.testing import CliRunner

from dvcli.cli.app import app

runner = CliRunner()
PACKAGE_TEMPLATE = (REPO / "src/dvcli/templates/tong-hop-tuan.md.j2").read_text(encoding="utf-8")
HINT = ("  gợi ý: mẫu trong thư mục templates/ của workspace có vòng lặp lồng nhau hoặc tạo chuỗi quá lớn; "
        "sửa mẫu, hoặc xoá bản sửa để dùng mẫu mặc định (giới hạn: DVCLI_TEMPLATE_SECONDS, "
        "DVCLI_TEMPLATE_MEMORY_MB, DVCLI_TEMPLATE_OUTPUT_MB)")
LINE = PACKAGE_TEMPLATE.count("\n") + 1  # the added line

CASES = {
    "nested-loops": ("{% for a in range(100000) %}{% for b in range(100000) %}{% set c = a * b %}"
                     "{% endfor %}{% endfor %}", "{T}:{L} đã bị dừng: mẫu chạy quá 2 giây"),
    "huge-string": ('{{ "x" * 10**10 }}', "{T}:{L} đã bị dừng: phép nhân tạo chuỗi hoặc danh sách quá lớn "
                                         "(hơn 268435456 ký tự)"),
    "huge-number": ("{{ 10 ** 100000000 }}", "{T}:{L} đã bị dừng: phép lũy thừa cho số quá lớn (10 ** 100000000)"),
    "huge-filter-argument": ('{{ "x"|center(10**10) }}',
                             "{T}:{L} đã bị dừng: tham số 10000000000 vượt giới hạn kích thước của mẫu "
                             "(268435456 ký tự)"),
    "endless-output": ('{% set s = "x" * 1000000 %}{% for i in range(100000) %}{{ s }}{% endfor %}',
                       "{T} đã bị dừng: mẫu tạo ra quá 256 MB văn bản"),
    "memory": ('{% set s = "x" * 100000000 %}{% set ns = namespace(l=[]) %}{% for i in range(100) %}'
               "{% set ns.l = ns.l + [s ~ i] %}{% endfor %}", "{T}:{L} đã bị dừng: mẫu dùng quá 300 MB bộ nhớ"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_templates_are_stopped(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch,
                                       counts: Counter[str]) -> None:
    monkeypatch.setenv("DVCLI_TEMPLATE_SECONDS", "2")
    monkeypatch.setenv("DVCLI_TEMPLATE_MEMORY_MB", "300")
    root = seeded_workspace(tmp_path / "ws")
    template = root / "templates/tong-hop-tuan.md.j2"
    template.parent.mkdir()
    addition, expected = CASES[name]
    template.write_text(PACKAGE_TEMPLATE + addition + "\n", encoding="utf-8")
    before = workspace_digest(root)
    out = tmp_path / "out"
    result = runner.invoke(app, ["--data", str(root), "consolidate", "--week", "2021-W39", "--format", "md",
                                 "--out", str(out)])
    first = "lỗi: mẫu " + expected.format(T=template, L=LINE)
    assert (result.exit_code, result.stderr.splitlines()) == (1, [first, HINT]), result.stderr
    assert workspace_digest(root) == before and not out.exists()
    counts["hostile inputs tried"] += 1
