"""Which characters never belong in dvcli's text, and how text is made safe where it goes.

One policy for every output (Markdown, HTML, DOCX, PDF, the terminal, spreadsheets):

- Characters that would change how other text is shown, not what it says — C0/C1 control
  characters (ESC starts terminal sequences), bidirectional embeddings, overrides and isolates
  (U+202A–U+202E, U+2066–U+2069: "Trojan Source" reordering), non-characters (U+FDD0–U+FDEF and
  every U+xFFFE/U+xFFFF), lone surrogates and the Unicode line separators (U+2028, U+2029, NEL,
  which YAML counts as line ends, so every later line number would be wrong) — are **refused when
  read** (``yamlio``), with the file, line, field and a hint; ``check`` names them, and no record
  can carry one into any document. The left-to-right/right-to-left marks (U+200E, U+200F) are
  plain marks and stay.
- What still reaches the terminal (file names a teammate committed, git author names, arguments)
  goes through ``terminal`` in the CLI's output helpers: control and bidi characters are shown
  as visible escapes (``\\x1b``), never sent.
- Spreadsheet cells (CSV, XLSX) that a spreadsheet would evaluate (OWASP "CSV injection": text
  starting with ``=``, ``+``, ``-``, ``@``, tab or CR, or their full-width forms) are kept as text:
  ``csv_cell`` prefixes a ``'``; in XLSX such text is a string cell with Excel's quote prefix,
  never a formula (``is_formula_like``).
"""

from __future__ import annotations

import re

_C0_C1 = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_LINE_SEPARATORS = "\u2028\u2029"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
_SURROGATES = "\ud800-\udfff"

FORBIDDEN = re.compile(f"[{_C0_C1}{_BIDI}{_LINE_SEPARATORS}{_NONCHARACTERS}{_SURROGATES}]")
"""Characters no value of a data file may hold (tab, LF and CR aside: YAML's own whitespace)."""

# FORBIDDEN's characters inside the BMP: re tests such a class with one bitmap lookup, while the 32
# non-characters beyond it make it walk a list for every character (0.67 s against 0.05 s over a
# week of 10,000 reports). Text with no character beyond the BMP (an emoji, say) needs only this one.
_FORBIDDEN_BMP = re.compile(f"[{_C0_C1}{_BIDI}{_LINE_SEPARATORS}\ufdd0-\ufdef\ufffe\uffff{_SURROGATES}]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def first_forbidden(text: str) -> re.Match[str] | None:
    """``FORBIDDEN.search(text)``, the same answer, found fast in text that stays within the BMP."""
    if _BEYOND_BMP.search(text):
        return FORBIDDEN.search(text)
    return _FORBIDDEN_BMP.search(text)

LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line ends that YAML counts but editors, git and grep do not: refused before parsing."""


def kind(char: str) -> str:
    """What sort of forbidden character ``char`` is: control, bidi, line, nonchar or surrogate."""
    if re.match(f"[{_BIDI}]", char):
        return "bidi"
    if char in "\x85\u2028\u2029":
        return "line"
    if re.match(f"[{_SURROGATES}]", char):
        return "surrogate"
    if re.match(f"[{_NONCHARACTERS}]", char):
        return "nonchar"
    return "control"


def code(char: str) -> str:
    """``U+202E`` — how the message names a character."""
    return f"U+{ord(char):04X}"


# --- the terminal --------------------------------------------------------------------------

_TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_LINE_SEPARATORS}{_SURROGATES}]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    number = ord(char)
    return f"\\x{number:02x}" if number < 0x100 else f"\\u{number:04x}"


def terminal(text: str) -> str:
    """``text`` with every control, bidi and separator character (tab and LF aside) shown as an escape."""
    if _TERMINAL_UNSAFE.search(text) is None:  # nearly always: one C-level scan
        return text
    return _TERMINAL_UNSAFE.sub(_visible, text)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}{_LINE_SEPARATORS}]")


def json_safe(document: str) -> str:
    """JSON text with the characters ``json.dumps(ensure_ascii=False)`` leaves raw (C1 controls, bidi,
    separators) written as ``\\uXXXX`` escapes: the same JSON value, nothing a terminal acts on."""
    if _JSON_UNSAFE.search(document) is None:
        return document
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


# --- spreadsheets --------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would evaluate (or read as a formula) when it opens the file."""
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as the text it is: formula-like text gets a leading ``'``."""
    return "'" + value if is_formula_like(value) else value  # type: ignore[operator]
