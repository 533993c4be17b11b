"""docxtpl with its whole-document passes made linear in the size of the rendered body.

docxtpl renders the body's XML as one Jinja template, then (1) splits every paragraph, run and
text with Python regex callbacks to turn ``\\n``, ``\\t``, ``\\a``, ``\\f`` in values into Word
breaks, and (2) parses the result as a stand-alone ``w:body`` and moves it into the document
with lxml's ``replace``. Moving a tree between documents makes libxml2 reconcile the namespace
of every ``xml:space`` attribute, which grows with the square of the body: 125 s of 154 s for a
10,000-member report. Here:

- the whole ``w:document`` is the template, so the rendered text parses straight into the
  document's new root (python-docx's element classes, docxtpl's recovering parser) and nothing
  is moved;
- the listing pass runs docxtpl's own code only on the paragraphs whose text holds one of those
  characters, found by one regex scan (most reports have none, or a few).

The output is the same document: the same body, tables fixed and drawing ids renumbered by
docxtpl's own code, the same listing markup.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from lxml import etree

# a text run (w:t) whose content holds a character docxtpl's listing pass rewrites
_LISTING_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_PARAGRAPH_START = re.compile(r"<w:p[ >]")


_TABLE = qn("w:tbl")


def _xpath(element: Any, expression: str, **variables: Any) -> Any:
    # lxml's own xpath: python-docx's element classes replace it with one that takes no
    # namespaces or variables
    return etree.ElementBase.xpath(element, expression, namespaces=nsmap, **variables)


def _grid_matches(table: Any) -> bool:
    """True when docxtpl's ``fix_tables`` leaves ``table`` as it is.

    It adds grid columns when a row under the table has more cells than the grid has columns,
    and removes some when no row spans them all (counting ``gridSpan``; a table with no row loses
    its whole grid). Two XPath queries per table answer that in C, where docxtpl walks every cell
    in Python.
    """
    columns = len(_xpath(table, "w:tblGrid/w:gridCol"))
    # docxtpl counts the rows of tables nested in this one too; without nesting, the table's own
    # rows are all there is, and the query need not visit every paragraph of every cell
    rows = ".//w:tr" if next(table.iterdescendants(_TABLE), None) is not None else "w:tr"
    too_many = _xpath(table, f"boolean({rows}[count(w:tc) > $n])", n=columns)
    full = _xpath(table, f"boolean({rows}[count(w:tc[not(w:tcPr/w:gridSpan)])"
                         " + sum(w:tc/w:tcPr/w:gridSpan/@w:val) >= $n])", n=columns)
    return bool(full) and not too_many


def _parser() -> etree.XMLParser:
    # recover=True like docxtpl's own fix_tables; python-docx's classes for its element types
    parser = etree.XMLParser(recover=True, resolve_entities=False)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


class LinearDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """A ``DocxTemplate`` whose render costs grow linearly with the document."""

    def get_xml(self) -> str:
        # the whole document, so the rendered XML parses as the document root (see map_tree)
        return str(self.xml_to_string(self.docx._element))

    def fix_tables(self, xml: str) -> Any:
        tree = etree.fromstring(xml, _parser())
        if all(_grid_matches(table) for table in tree.iter(_TABLE)):
            return tree  # docxtpl's fix would change nothing
        # a row whose cells disagree with the grid (a {%tc %} loop): docxtpl's own fix, on a tree
        # of plain lxml elements, parsed once more with python-docx's classes
        fixed = super().fix_tables(xml)
        return etree.fromstring(etree.tostring(fixed), _parser())

    def fix_docpr_ids(self, tree: Any) -> None:
        # docxtpl's own renumbering, through lxml's xpath (see _xpath)
        for element in _xpath(tree, "//wp:docPr"):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: Any) -> None:
        # ``tree`` is the new w:document: make it the part's root instead of moving its body
        document = self.docx
        document._element = tree
        document._part._element = tree
        document._Document__body = None

    def resolve_listing(self, xml: str) -> str:
        found = _LISTING_TEXT.search(xml)
        if found is None:
            return xml
        pieces: list[str] = []
        done = 0
        while found is not None:
            start = max(xml.rfind("<w:p>", done, found.start()), xml.rfind("<w:p ", done, found.start()))
            end = xml.find("</w:p>", found.end())
            if start == -1 or end == -1 or _PARAGRAPH_START.search(xml, start + 1, found.start()):
                # text outside a plain paragraph: let docxtpl's pass see the rest of the document
                pieces.append(super().resolve_listing(xml[done:]))
                return "".join(pieces)
            end += len("</w:p>")
            pieces.append(xml[done:start])
            pieces.append(super().resolve_listing(xml[start:end]))
            done = end
            found = _LISTING_TEXT.search(xml, done)
        pieces.append(xml[done:])
        return "".join(pieces)
