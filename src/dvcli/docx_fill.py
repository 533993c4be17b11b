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

import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from lxml import etree

# the characters docxtpl's listing pass rewrites, and a text run (w:t) whose content holds one
_LISTING = "\t\a\n\f"
_LISTING_TEXT = re.compile(f"<w:t(?: [^>]*)?>[^<]*[{_LISTING}]")
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


_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_BODY_PART = "word/document.xml"
_CHUNK = 1 << 20  # characters of rendered XML handled at a time (cut after a paragraph's end)
_DRAWING_ID = re.compile(r'(<wp:docPr\b[^>]*?\sid=")([^"]*)(")')
_OTHER_DRAWING = re.compile(r"<(?!wp:)\w+:docPr\b")
_TABLE_TAG = re.compile(rb"<w:(tbl|tr|tc|gridCol|gridSpan)\b([^>]*)>|</w:(tbl|tr)>")
_GRID_SPAN = re.compile(rb'\sw:val="([0-9]+)"')
# the same characters as bytes: a chunk holding none of them is one the listing pass leaves alone
_LISTING_BYTES = tuple(character.encode() for character in _LISTING)


class _Unusual(Exception):
    """The streamed document needs docxtpl's own passes (see ``LinearDocxTemplate.render_bytes``)."""


class _Sink:
    """An lxml parser target that keeps nothing: the stream is checked well-formed, in C."""

    def close(self) -> None:
        return None


class _TableCheck:
    """Follows the tables of a streamed body as docxtpl's ``fix_tables`` would see them.

    For every table: its grid columns, and over every row under it (rows of nested tables
    included, as docxtpl's ``iter`` sees them) the most cells and the widest span. The table is
    left alone by docxtpl exactly when no row has more cells than the grid has columns and some
    row spans all of them (see ``_grid_matches``).
    """

    def __init__(self) -> None:
        self.tables: list[list[int]] = []  # [columns, most cells, widest span]
        self.rows: list[list[int]] = []  # [cells, span]

    def feed(self, xml: bytes) -> None:
        tables, rows = self.tables, self.rows
        try:
            for tag, attributes, closing in _TABLE_TAG.findall(xml):  # most often a cell: tested first
                if tag == b"tc":
                    row = rows[-1]
                    row[0] += 1
                    row[1] += 1
                elif closing == b"tr":
                    cells, span = rows.pop()
                    for table in tables:
                        table[1], table[2] = max(table[1], cells), max(table[2], span)
                elif tag == b"tr":
                    if attributes.endswith(b"/"):
                        raise _Unusual
                    rows.append([0, 0])
                elif tag == b"gridSpan":  # this cell spans val columns
                    value = _GRID_SPAN.search(attributes)
                    if value is None:
                        raise _Unusual
                    rows[-1][1] += int(value.group(1)) - 1
                elif tag == b"gridCol":
                    tables[-1][0] += 1
                elif tag == b"tbl":
                    if attributes.endswith(b"/"):
                        raise _Unusual
                    tables.append([0, 0, 0])
                else:  # </w:tbl>
                    columns, most, widest = tables.pop()
                    if most > columns or widest < columns:
                        raise _Unusual
        except IndexError as exc:  # a row outside a table, a cell outside a row
            raise _Unusual from exc

    def close(self) -> None:
        if self.tables or self.rows:
            raise _Unusual


def _chunks(pieces: Iterator[str]) -> Iterator[str]:
    """Rendered text in pieces of about ``_CHUNK`` characters, each ending at a paragraph's end."""
    pending: list[str] = []
    size = 0
    for piece in pieces:
        pending.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            text = "".join(pending)
            cut = text.rfind("</w:p>")
            if cut == -1:
                pending, size = [text], len(text)
                continue
            cut += len("</w:p>")
            yield text[:cut]
            pending, size = [text[cut:]], len(text) - cut
    yield "".join(pending)


class LinearDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """A ``DocxTemplate`` whose render costs grow linearly with the document."""

    def render_bytes(self, context: dict[str, Any], jinja_env: Any) -> bytes:
        """The filled document as .docx bytes, streaming the body when that gives docxtpl's document.

        The body's rendered XML goes in chunks through docxtpl's text passes, the drawing-id
        renumbering, a well-formedness check and the table check, into the package, and is never
        parsed into a tree or held whole. A body that is not well-formed (docxtpl's parser would
        recover it), whose tables docxtpl would fix, or that holds text boxes or unusual drawings
        is rendered again by ``render``, the tree path.
        """
        try:
            return self._render_streamed(context, jinja_env)
        except _Unusual:
            # anew from the template file (init_docx reloads a rendered one); filters bound to this
            # template (docx_image) stay valid
            self.is_rendered = True
            self.init_docx()
            self.render(context, jinja_env=jinja_env, autoescape=True)
            buffer = io.BytesIO()
            self.save(buffer)
            return _with_body(buffer, None)

    def _render_streamed(self, context: dict[str, Any], jinja_env: Any) -> bytes:
        self.render_init()
        jinja_env.autoescape = True  # as docxtpl's render(autoescape=True)
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self.patch_xml(self.get_xml()))
        template = jinja_env.from_string(source)
        self.current_rendering_part = self.docx._part
        with tempfile.SpooledTemporaryFile(max_size=32 << 20) as body:
            self._stream_body(template.generate(context), body)
            self._render_other_parts(context, jinja_env)
            self.is_rendered = True
            package = io.BytesIO()
            self.save(package)
            return _with_body(package, body)

    def _stream_body(self, pieces: Iterator[str], body: IO[bytes]) -> None:
        checker = etree.XMLParser(target=_Sink(), resolve_entities=False, huge_tree=True)
        tables = _TableCheck()
        body.write(_DECLARATION)
        for raw in _chunks(pieces):
            # docxtpl's passes, in its order, on the UTF-8 bytes: every pattern is ASCII, and no
            # ASCII byte occurs inside a multi-byte character, so each finds what it finds in the
            # text. A pass runs only where one byte it needs is present (a byte is found at memory
            # speed, a pattern is not): a 10,000-member body has no "_", no listing character and
            # one picture, and each skipped pass over its 45 MB cost 0.1-0.25 s.
            xml = raw.encode("utf-8").replace(b"\n<w:p ", b"<w:p ").replace(b"\n<w:p>", b"<w:p>")
            if b"_" in xml:
                xml = xml.replace(b"{_{", b"{{").replace(b"}_}", b"}}").replace(b"{_%", b"{%").replace(b"%_}", b"%}")
            if b"txbxContent" in xml:
                raise _Unusual  # nested paragraphs may straddle a cut
            if any(mark in xml for mark in _LISTING_BYTES) or b"docPr" in xml:
                xml = self._listing_and_drawings(xml.decode("utf-8")).encode("utf-8")
            try:
                checker.feed(xml)
            except etree.XMLSyntaxError as exc:
                raise _Unusual from exc
            tables.feed(xml)
            body.write(xml)
        try:
            checker.close()
        except etree.XMLSyntaxError as exc:
            raise _Unusual from exc
        tables.close()

    def _listing_and_drawings(self, xml: str) -> str:
        """docxtpl's listing pass, then its drawing-id renumbering (``fix_docpr_ids``)."""
        if _OTHER_DRAWING.search(xml):
            raise _Unusual  # drawing ids docxtpl would set that this renumbering does not
        xml = self.resolve_listing(xml)
        xml, renumbered = _DRAWING_ID.subn(self._next_drawing_id, xml)
        if renumbered != xml.count("<wp:docPr"):
            raise _Unusual
        return xml

    def _next_drawing_id(self, found: re.Match[str]) -> str:
        self.docx_ids_index += 1
        return f"{found.group(1)}{self.docx_ids_index}{found.group(3)}"

    def _render_other_parts(self, context: dict[str, Any], jinja_env: Any) -> None:
        # what docxtpl's render does after the body, in its order
        for relation, xml in self.build_headers_footers_xml(context, self.HEADER_URI, jinja_env):
            self.map_headers_footers_xml(relation, xml)
        for relation, xml in self.build_headers_footers_xml(context, self.FOOTER_URI, jinja_env):
            self.map_headers_footers_xml(relation, xml)
        self.render_properties(context, jinja_env)
        self.render_footnotes(context, jinja_env)

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


# Every zip entry's time: python-docx stamps each with the moment it saves, so the same report
# rendered twice would differ in those bytes. A fixed time (the zip format's first day, as
# reproducible builds use) makes a document the same bytes whenever it is made.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _with_body(package: io.BytesIO, body: IO[bytes] | None) -> bytes:
    """``package`` (a saved .docx) with its main document part's XML taken from ``body`` (None: as it
    is), every entry dated ``ZIP_TIME``."""
    if body is not None:
        body.seek(0)
    result = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            dated = zipfile.ZipInfo(info.filename, ZIP_TIME)
            dated.compress_type = zipfile.ZIP_DEFLATED
            dated.external_attr = info.external_attr
            if info.filename == _BODY_PART and body is not None:
                with target.open(dated, "w") as stream:
                    while chunk := body.read(1 << 20):
                        stream.write(chunk)
            else:
                target.writestr(dated, source.read(info))
    return result.getvalue()
