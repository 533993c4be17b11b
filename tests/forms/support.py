"""Helpers for the form and import tests: make a form, load a report, edit DOCX/XLSX as people do."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

from dvcli.model import Report
from dvcli.schema import validate
from dvcli.yamlio import loads
from foundation_support import Workspace

W38 = sorted(path.stem for path in (Path(__file__).resolve().parents[2] / "data/reports/2021/W38").glob("*.yaml"))


def load_report(path: Path) -> Report:
    record, errors = validate(Report, loads(path.read_bytes(), str(path)))
    assert record is not None, errors
    return record


def without_received(report: Report) -> Report:
    return dataclasses.replace(report, received=None)


def make_form(ws: Workspace, member: str, fmt: str, out: Path, week: str = "2021-W38") -> None:
    result = ws.run("form", member, "--week", week, "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.stderr


def edit_docx_cell(path: Path, tag: str, text: str) -> None:
    """Replace the text of the box (table cell) holding field ``tag`` with ``text``, as a person types."""
    from docx import Document

    from dvcli.forms import docx_xml as x

    doc = Document(str(path))
    for sdt in x.all_controls(doc.element.body):
        if x.tag_of(sdt) == tag:
            cell = x.cell_of(sdt)
            target = cell if cell is not None else x.content_of(sdt)
            ts = list(target.iter(x._T))
            if not ts:  # an empty box: type into its first paragraph
                from docx.oxml import OxmlElement

                run, t = OxmlElement("w:r"), OxmlElement("w:t")
                run.append(t)
                next(target.iter(x._P)).append(run)
                ts = [t]
            ts[0].text = text
            for extra in ts[1:]:
                extra.text = ""
            break
    else:
        raise AssertionError(f"no field {tag}")
    doc.save(str(path))


def delete_docx_box(path: Path, tag: str) -> None:
    from docx import Document

    from dvcli.forms import docx_xml as x

    doc = Document(str(path))
    for sdt in x.all_controls(doc.element.body):
        if x.tag_of(sdt) == tag:
            table = x.table_of(sdt)
            (table if table is not None else sdt).getparent().remove(table if table is not None else sdt)
            break
    doc.save(str(path))


def workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(path.read_bytes()))
