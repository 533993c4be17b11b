"""Word content controls (``w:sdt``): making them with python-docx's XML, and reading their text."""

from __future__ import annotations

import itertools
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FIELD_FILL = "FFF7D6"  # a pale yellow: "write here"


def sdt_properties(tag: str, alias: str, locked: bool = False) -> Any:
    props = OxmlElement("w:sdtPr")
    alias_el = OxmlElement("w:alias")
    alias_el.set(qn("w:val"), alias[:255])
    tag_el = OxmlElement("w:tag")
    tag_el.set(qn("w:val"), tag)
    props.append(alias_el)
    props.append(tag_el)
    lock = OxmlElement("w:lock")
    # Identity and codes can not be edited or deleted; a field can be typed in but not deleted.
    lock.set(qn("w:val"), "sdtContentLocked" if locked else "sdtLocked")
    props.append(lock)
    return props


_ids = itertools.count(100)


def bookmark_name(tag: str) -> str:
    """The bookmark that marks the same field as the control ``tag``.

    LibreOffice 7.4 keeps bookmarks but drops content controls' tags (and block controls), so every
    field carries both: Word users get the control, a file saved by LibreOffice still has the mark.
    """
    return ("dv_" + tag.replace(".", "_").replace("-", "_"))[:40]


def _bookmark(tag: str) -> tuple[Any, Any]:
    number = str(next(_ids))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), bookmark_name(tag))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), number)
    return start, end


def mark_point(paragraph: Any, tag: str) -> None:
    """An empty bookmark at the start of ``paragraph``: it names the box (cell) the paragraph is in."""
    start, end = _bookmark(tag)
    props = paragraph.find(qn("w:pPr"))
    if props is not None:
        props.addnext(start)
    else:
        paragraph.insert(0, start)
    start.addnext(end)


def wrap_block(elements: list[Any], tag: str, alias: str) -> Any:
    """Put body-level paragraphs/tables into one block content control, where the first one was."""
    if elements[0].tag == qn("w:tbl"):
        mark_point(elements[0].find(qn("w:tr")).find(qn("w:tc")).find(qn("w:p")), tag)
    else:
        mark_point(elements[0], tag)
    sdt = OxmlElement("w:sdt")
    sdt.append(sdt_properties(tag, alias))
    content = OxmlElement("w:sdtContent")
    elements[0].addprevious(sdt)
    for element in elements:
        content.append(element)
    sdt.append(content)
    return sdt


def inline_control(paragraph: Any, tag: str, alias: str, text: str, locked: bool = False, size: int | None = None,
                   shade: bool = True) -> None:
    """Append an inline content control holding ``text`` to ``paragraph``."""
    sdt = OxmlElement("w:sdt")
    sdt.append(sdt_properties(tag, alias, locked))
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    if shade:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), FIELD_FILL)
        props.append(shd)
    if size:
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(size * 2))
        props.append(sz)
    run.append(props)
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    start, end = _bookmark(tag)
    content.append(start)
    content.append(run)
    content.append(end)
    sdt.append(content)
    paragraph._p.append(sdt)


def shade_paragraph(paragraph: Any) -> None:
    props = paragraph._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), FIELD_FILL)
    props.append(shd)


def set_lines(paragraph: Any, text: str) -> None:
    """The paragraph's text, its line breaks as Word line breaks."""
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if index:
            run._r.insert(0, OxmlElement("w:br"))


_T, _BR, _CR, _TAB, _P, _TBL, _TR, _TC, _SDT = (qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab"), qn("w:p"),
                                                 qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"))
_DEL = qn("w:del")


def paragraph_text(p: Any) -> str:
    """A paragraph's visible text: runs (also in hyperlinks, insertions, nested controls), breaks as ``\\n``."""
    parts: list[str] = []
    for element in p.iter(_T, _BR, _CR, _TAB):
        if any(ancestor.tag == _DEL for ancestor in element.iterancestors()):
            continue
        if element.tag == _T:
            parts.append(element.text or "")
        elif element.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def tag_of(sdt: Any) -> str | None:
    props = sdt.find(qn("w:sdtPr"))
    if props is None:
        return None
    tag = props.find(qn("w:tag"))
    return None if tag is None else tag.get(qn("w:val"))


def content_of(sdt: Any) -> Any:
    return sdt.find(qn("w:sdtContent"))


def block_paragraphs(content: Any) -> list[str]:
    """Every paragraph's text inside a control (tables' paragraphs too), in order."""
    return [paragraph_text(p) for p in content.iter(_P)]


def block_tables(content: Any) -> list[list[list[str]]]:
    """Each table inside a control as rows of cell texts (a cell's paragraphs joined by newlines)."""
    tables = []
    for tbl in content.iter(_TBL):
        rows = []
        for tr in tbl.iter(_TR):
            if tr.getparent() is not tbl:
                continue
            cells = ["\n".join(paragraph_text(p) for p in tc.iter(_P)).strip()
                     for tc in tr if tc.tag == _TC]
            rows.append(cells)
        tables.append(rows)
    return tables


def all_controls(root: Any) -> list[Any]:
    return list(root.iter(_SDT))


def is_inline(sdt: Any) -> bool:
    return sdt.getparent() is not None and sdt.getparent().tag == _P


_BM_START, _BM_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")


def bookmarks(root: Any) -> dict[str, list[Any]]:
    """Each bookmark's text as paragraphs (name → paragraphs), and where it starts.

    Returns name → [start element, paragraphs]; a walk in document order, deleted text skipped.
    """
    from lxml import etree

    open_ids: dict[str, str] = {}
    found: dict[str, list[Any]] = {}
    deleted = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if tag == _DEL:
            deleted += 1 if event == "start" else -1
            continue
        if event == "end":
            if tag == _P:
                for name in open_ids.values():
                    found[name][1].append("")
            continue
        if tag == _BM_START:
            name = element.get(qn("w:name")) or ""
            open_ids[element.get(qn("w:id")) or ""] = name
            found.setdefault(name, [element, [""]])
        elif tag == _BM_END:
            open_ids.pop(element.get(qn("w:id")) or "", None)
        elif deleted == 0 and tag in (_T, _BR, _CR, _TAB):
            piece = (element.text or "") if tag == _T else ("\t" if tag == _TAB else "\n")
            for name in open_ids.values():
                found[name][1][-1] += piece
    return found


def table_of(element: Any) -> Any:
    """The table an element sits in (None outside tables)."""
    for ancestor in element.iterancestors(_TBL):
        return ancestor
    return None


def cell_of(element: Any) -> Any:
    """The table cell an element sits in (None outside tables)."""
    for ancestor in element.iterancestors(_TC):
        return ancestor
    return None


def cell_paragraphs(cell: Any) -> list[str]:
    return [paragraph_text(p) for p in cell.iter(_P)]


def table_rows(tbl: Any) -> list[list[str]]:
    rows = []
    for tr in tbl.iterchildren(_TR):
        rows.append(["\n".join(cell_paragraphs(tc)).strip() for tc in tr.iterchildren(_TC)])
    return rows
