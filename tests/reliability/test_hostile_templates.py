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


CHARACTERS = {
    "bidi-override": ("\u202e", "mẫu chứa ký tự đảo chiều văn bản U+202E"),
    "escape": ("\x1b[2J", "mẫu chứa ký tự điều khiển không được phép (mã 0x001b)"),
    "non-character": ("\uffff", "mẫu chứa ký tự không được phép U+FFFF"),
    "line-separator": ("\u2028", "mẫu chứa ký tự không được phép U+2028"),
}
CHARACTER_HINT = ("  gợi ý: xoá ký tự này khỏi tệp mẫu: nó đổi cách chữ hiện ra trong mọi văn bản làm từ mẫu "
                  "(văn bản hiện ra khác nội dung thật); dvcli không đưa nó vào văn bản nào")


@pytest.mark.parametrize("name", sorted(CHARACTERS))
def test_a_template_holding_a_forbidden_character_is_refused_and_named_by_check(
        tmp_path: Path, name: str, counts: Counter[str]) -> None:
    """Templates are untrusted input: the data files' one character policy (textsafety) holds for them."""
    root = seeded_workspace(tmp_path / "ws")
    template = root / "templates/_bao-cao.md.j2"
    template.parent.mkdir()
    lines = (REPO / "src/dvcli/templates/_bao-cao.md.j2").read_text(encoding="utf-8").split("\n")
    char, words = CHARACTERS[name]
    lines[11] = lines[11] + f"Ban {char}hành"
    template.write_text("\n".join(lines), encoding="utf-8")
    before = workspace_digest(root)
    out = tmp_path / "out"
    result = runner.invoke(app, ["--data", str(root), "consolidate", "--week", "2021-W39", "--format", "md",
                                 "--out", str(out)])
    said = [f"templates/_bao-cao.md.j2:12: {words}", CHARACTER_HINT]
    assert (result.exit_code, result.stderr.splitlines()) == (1, said), result.stderr
    assert workspace_digest(root) == before and not out.exists()
    checked = runner.invoke(app, ["--data", str(root), "check"])
    assert checked.exit_code == 1
    assert checked.stderr.splitlines() == said
    counts["hostile inputs tried"] += 1


def test_a_word_template_with_a_bidi_override_is_refused(tmp_path: Path, counts: Counter[str]) -> None:
    """The same in a Word template's XML, as a raw character or as a numeric reference (&#x202E;)."""
    import zipfile

    root = seeded_workspace(tmp_path / "ws")
    (root / "templates").mkdir()
    source = REPO / "src/dvcli/templates/tong-hop-tuan.docx"
    for reference in ("\u202e", "&#x202E;"):
        target = root / "templates/tong-hop-tuan.docx"
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
            for item in original.infolist():
                data = original.read(item)
                if item.filename == "word/document.xml":
                    data = data.replace(b"</w:t>", reference.encode("utf-8") + b"</w:t>", 1)
                copy.writestr(item, data)
        out = tmp_path / "out"
        result = runner.invoke(app, ["--data", str(root), "consolidate", "--week", "2021-W39", "--format", "docx",
                                     "--out", str(out)])
        assert result.exit_code == 1, result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith("templates/tong-hop-tuan.docx (word/document.xml):")
        assert first.endswith(": mẫu chứa ký tự đảo chiều văn bản U+202E")
        assert not out.exists()
        assert "tong-hop-tuan.docx (word/document.xml)" in runner.invoke(app, ["--data", str(root), "check"]).stderr
        counts["hostile inputs tried"] += 1
