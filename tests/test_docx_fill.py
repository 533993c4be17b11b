"""dvcli.docx_fill: docxtpl made linear, and the very same document as docxtpl itself writes.

Every case renders one template twice — through ``LinearDocxTemplate`` and through docxtpl's own
``DocxTemplate`` — and compares every part of the two packages byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docxtpl import DocxTemplate

from consolidate_support import make
from dvcli import render
from dvcli.docx_fill import LinearDocxTemplate


def _parts(template_class: type[DocxTemplate], path: Path, context: dict[str, Any]) -> dict[str, bytes]:
    document = template_class(str(path))
    document.render(context, jinja_env=render.environment([path.parent]), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def _same_as_docxtpl(path: Path, context: dict[str, Any]) -> dict[str, bytes]:
    ours = _parts(LinearDocxTemplate, path, context)
    assert ours == _parts(DocxTemplate, path, context)
    return ours


def _template(tmp_path: Path, build: Any) -> Path:
    document = Document()
    build(document)
    path = tmp_path / "mau.docx"
    document.save(str(path))
    return path


def test_the_example_week_renders_as_docxtpl_renders_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    captured: dict[str, Any] = {}
    original = render.render_docx

    def capture(name: str, context: dict[str, Any], workspace_templates: Path | None = None) -> bytes:
        captured.update(name=name, context=context)
        return original(name, context, workspace_templates)

    monkeypatch.setattr(render, "render_docx", capture)
    result = make(tmp_path).run("consolidate", "--week", "2021-W38", "--format", "docx",
                                "--out", str(tmp_path / "out"), "--date", "2021-09-28")
    assert result.exit_code == 0, result.stderr
    parts = _same_as_docxtpl(render.template_file(captured["name"]), captured["context"])
    assert b"<w:tbl>" in parts["word/document.xml"]


def test_line_breaks_tabs_and_page_breaks_in_values(tmp_path: Path) -> None:
    def build(document: Any) -> None:
        document.add_paragraph("Mở đầu {{ plain }}")
        document.add_paragraph("{{ lines }}")
        document.add_paragraph("giữa")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "{{ tabbed }}"
        table.cell(0, 1).text = "{{ paged }}"
        document.add_paragraph("kết {{ plain }}")

    path = _template(tmp_path, build)
    parts = _same_as_docxtpl(path, {"plain": "không đổi", "lines": "dòng 1\ndòng 2\ndòng 3",
                                    "tabbed": "cột\tcột", "paged": "trang\ftrang sau\adoạn"})
    body = parts["word/document.xml"].decode()
    assert body.count("<w:br/>") == 2 and "<w:tab/>" in body and 'w:type="page"' in body


def test_values_without_listing_characters_are_left_alone(tmp_path: Path) -> None:
    path = _template(tmp_path, lambda document: document.add_paragraph("{{ a }} và {{ b }}"))
    parts = _same_as_docxtpl(path, {"a": "<b>&", "b": "Đắk Lắk"})
    assert "&lt;b&gt;&amp; và Đắk Lắk" in parts["word/document.xml"].decode()


@pytest.mark.parametrize("columns", [["một"], ["một", "hai", "ba", "bốn"]])
def test_a_column_loop_has_docxtpl_fix_its_grid(tmp_path: Path, columns: list[str]) -> None:
    def build(document: Any) -> None:
        table = document.add_table(rows=2, cols=3)
        table.cell(0, 0).text = "{%tc for c in columns %}"
        table.cell(0, 1).text = "{{ c }}"
        table.cell(0, 2).text = "{%tc endfor %}"
        table.cell(1, 0).text = "hàng hai"

    path = _template(tmp_path, build)
    parts = _same_as_docxtpl(path, {"columns": columns})
    assert all(c in parts["word/document.xml"].decode() for c in columns)


def test_merged_cells_keep_their_grid(tmp_path: Path) -> None:
    def build(document: Any) -> None:
        table = document.add_table(rows=2, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "{{ title }}"
        for index in range(3):
            table.cell(1, index).text = f"{{{{ cells[{index}] }}}}"

    path = _template(tmp_path, build)
    _same_as_docxtpl(path, {"title": "Tiêu đề", "cells": ["a", "b", "c"]})


def test_a_table_with_no_row_left_loses_its_grid_as_in_docxtpl(tmp_path: Path) -> None:
    def build(document: Any) -> None:
        document.add_paragraph("trước")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "{%tr for row in rows %}"
        table.add_row().cells[0].text = "{{ row }}"
        table.add_row().cells[0].text = "{%tr endfor %}"

    path = _template(tmp_path, build)
    _same_as_docxtpl(path, {"rows": []})
