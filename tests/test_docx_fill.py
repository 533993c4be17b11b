"""dvcli.docx_fill: docxtpl made linear, and the very same document as docxtpl itself writes.

Every case renders one template through docxtpl's own ``DocxTemplate`` and through
``LinearDocxTemplate`` twice: its tree path (``render``), compared part by part byte for byte,
and its streamed path (``render_bytes``), compared as canonical XML (the streamed body is written
as rendered, not re-serialised by lxml, so quotes and empty elements may be spelled otherwise).
Each case also says which path the streamed render must take.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

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


def _canonical(parts: dict[str, bytes]) -> dict[str, bytes]:
    return {name: etree.tostring(etree.fromstring(data), method="c14n") if name.endswith(".xml") else data
            for name, data in parts.items()}


def _same_as_docxtpl(path: Path, context: dict[str, Any], streamed: bool = True) -> dict[str, bytes]:
    theirs = _parts(DocxTemplate, path, context)
    ours = _parts(LinearDocxTemplate, path, context)
    assert ours == theirs
    fell_back: list[bool] = []
    original = LinearDocxTemplate.render

    def tree_path(self: LinearDocxTemplate, *args: Any, **kwargs: Any) -> None:
        fell_back.append(True)
        original(self, *args, **kwargs)

    LinearDocxTemplate.render = tree_path  # type: ignore[method-assign]
    try:
        data = LinearDocxTemplate(str(path)).render_bytes(context, render.environment([path.parent]))
    finally:
        LinearDocxTemplate.render = original  # type: ignore[method-assign]
    assert fell_back == ([] if streamed else [True])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.getinfo("word/document.xml").compress_type == zipfile.ZIP_DEFLATED
        assert _canonical({name: package.read(name) for name in package.namelist()}) == _canonical(theirs)
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
    # one column: the second row still fills the grid, nothing to fix; four: docxtpl widens it
    parts = _same_as_docxtpl(path, {"columns": columns}, streamed=len(columns) <= 3)
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
    _same_as_docxtpl(path, {"rows": []}, streamed=False)


def test_escaped_braces_underscores_and_listing_characters_pass_as_in_docxtpl(tmp_path: Path) -> None:
    # the streamed passes run only where a byte they need is present: here every one must run,
    # in the template's own text ("{_{" is docxtpl's literal "{{") and in values
    def build(document: Any) -> None:
        document.add_paragraph("Mẫu {_{ giữ nguyên }_} và {_% khối %_} tên_trường {{ a }}")
        document.add_paragraph("{{ b }}")
        document.add_paragraph("Đắk Lắk {{ c }}")

    path = _template(tmp_path, build)
    parts = _same_as_docxtpl(path, {"a": "x_{_{y}_}z", "b": "một\tcột; {_%", "c": "dòng\ndòng"})
    body = parts["word/document.xml"].decode()
    assert "Mẫu {{ giữ nguyên }} và {% khối %} tên_trường x_{{y}}z" in body
    assert "<w:tab/>" in body and "<w:br/>" in body and "cột; {%" in body


# a 1 × 1 PNG: what a chart is to the document
_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def test_images_in_a_streamed_body_are_placed_and_numbered(tmp_path: Path) -> None:
    def build(document: Any) -> None:
        document.add_paragraph("Biểu đồ 1")
        document.add_paragraph("{{ chart | docx_image(80) }}")
        document.add_paragraph("{{ chart | docx_image(40) }}")

    (tmp_path / "templates").mkdir()
    _template(tmp_path / "templates", build)
    data = render.render_docx("mau.docx", {"chart": _PNG}, tmp_path / "templates")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
        relations = package.read("word/_rels/document.xml.rels").decode()
        media = [name for name in package.namelist() if name.startswith("word/media/")]
    assert re.findall(r'<wp:docPr id="(\d+)"', body) == ["1001", "1002"]
    assert len(media) == 1  # the same picture once, placed twice
    for relation in set(re.findall(r'r:embed="(rId\d+)"', body)):
        assert f'Id="{relation}"' in relations
    document = Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs][0] == "Biểu đồ 1"
