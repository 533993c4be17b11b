"""Strict YAML reading and safe YAML text — the only module that imports ``yaml``.

Reading never changes a value behind the user's back: every plain scalar stays a string
(``0912345678``, ``no``, ``9:30``, ``1e3``) except the null forms; the schema decides the type
later. Duplicate keys, unknown tags and alias bombs are errors, each with a line number.
A UTF-8 BOM and CRLF line ends are accepted; text is NFC-normalised. Files are written by
``atomic.py``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem, cannot_read
from .i18n import _
from .model.common import MAX_FILE_BYTES
from .rawio import paused_gc, read_bytes
from .textsafety import LINE_BREAKS, code, first_forbidden, kind

try:  # libyaml when present: the same results, several times faster
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# Nodes built from one document: every node but an alias's takes at least a byte of the file, so a
# document may build one node a byte and this many more; only aliases (a "billion laughs" bomb) can
# go past that. The cost of a hostile file is then that of a genuine file of its size.
MAX_NODES = 200_000
MAX_DEPTH = 100  # nesting depth; real files nest five or six levels
MAX_BYTES = MAX_FILE_BYTES  # the default size limit (per kind: model.common.max_file_bytes)

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Explicit tags a person may reasonably write; anything else (``!!python/object``…) is refused.
_ALLOWED_TAGS = frozenset(
    {_STR, _NULL, _MAP, _SEQ, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
     "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
)


class _StrictLoader(_BaseLoader):
    """Resolves every plain scalar to a string (null forms aside); constructs nothing itself."""


_StrictLoader.yaml_implicit_resolvers = {}


def _resolve(self: Any, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
    if kind is yaml.ScalarNode:
        return _NULL if implicit[0] and value in _NULL_WORDS else _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_StrictLoader.resolve = _resolve  # type: ignore[method-assign]


def load(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Any:
    """Read one YAML document from ``path`` strictly; raise ``DataError`` on any problem."""
    name = display or str(path)
    try:
        raw = read_bytes(path, max_bytes)
    except OSError as exc:
        raise DataError([cannot_read(name, exc)]) from exc
    return loads(raw, name, max_bytes)


def loads(raw: bytes, name: str, max_bytes: int = MAX_BYTES) -> Any:
    """Parse YAML bytes strictly (see module docstring); ``name`` labels every problem.

    ``max_bytes`` is the largest file of its kind (``model.common.max_file_bytes``); ``raw`` may
    stop just past it (``rawio.read_bytes(path, limit)``), so the message says "more than".
    """
    if len(raw) > max_bytes:
        raise _problem(name, None, _("tệp quá lớn (hơn {m} byte)").format(m=max_bytes),
                       _("tệp dữ liệu loại này không lớn đến vậy; hãy kiểm tra tệp có bị ghi nhầm nội dung"))
    if b"\x00" in raw:
        raise _problem(name, None, _("tệp chứa dữ liệu nhị phân, không phải văn bản YAML"),
                       _("hãy khôi phục tệp từ git (git checkout -- TỆP) hoặc viết lại"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _problem(name, line, _("tệp không phải mã UTF-8 (byte 0x{b:02x})").format(b=raw[exc.start]),
                       _("lưu lại tệp với bảng mã UTF-8 (ví dụ tệp soạn bằng bảng mã Windows-1258)")) from exc
    text = text.replace("\r\n", "\n")
    # NFC applies to the values, not to the YAML text: normalising the text first would join an
    # escape's last hex digit to a combining mark after it ("\\U0001079A" + U+0300 -> "...079À").
    decomposed = not unicodedata.is_normalized("NFC", text)
    odd_break = LINE_BREAKS.search(text)
    if odd_break:  # YAML would count it as a line end: every later line number would be wrong
        line = text.count("\n", 0, odd_break.start()) + 1
        raise _problem(name, line, _("tệp chứa ký tự ngắt dòng lạ {c}").format(c=code(odd_break.group())),
                       _("xoá ký tự này hoặc thay bằng một lần xuống dòng thường "
                         "(thường do sao chép từ Word hay trang web)"))
    # a roster of 100,000 members is 1.2 million nodes: with the cyclic GC walking them all again
    # and again as they are made, composing them took three times as long
    with paused_gc():
        data = _parse(text, name, MAX_NODES + len(raw))
    return _nfc(data) if decomposed else data


def _nfc(data: Any) -> Any:
    """``data`` with every key and text NFC-normalised (only called when the file was not NFC)."""
    if isinstance(data, str):
        return unicodedata.normalize("NFC", data)
    if isinstance(data, dict):
        return {_nfc(key): _nfc(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_nfc(item) for item in data]
    return data


def _parse(text: str, name: str, budget: int) -> Any:
    try:
        return _build_plain(text, budget)
    except (_Unusual, yaml.YAMLError):  # something to report, or an odd construct: composed and looked at
        pass
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(name, exc, text) from exc
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        # libyaml's position counts bytes of its UTF-8 copy, not characters: find the character itself
        where = text.find(chr(exc.character))
        line = text.count("\n", 0, where) + 1 if where >= 0 else text[: exc.position].count("\n") + 1
        if kind(chr(exc.character)) == "nonchar":
            raise _problem(name, line, _("tệp chứa ký tự không dùng trong văn bản {c}").format(c=code(chr(exc.character))),
                           _("xoá ký tự này: Unicode dành riêng mã này, không phải chữ")) from exc
        raise _problem(name, line, _("tệp chứa ký tự điều khiển không được phép (mã {c:#06x})").format(c=exc.character),
                       _("xoá ký tự lạ ở dòng này (thường do sao chép từ phần mềm khác)")) from exc
    finally:
        loader.dispose()
    if node is None:
        return None
    return _Builder(name, budget).build(node)


# libyaml's most frequent complaints, in the user's words
_SYNTAX_DETAILS = {
    "found character that cannot start any token": "có ký tự không được phép ở đầu giá trị",
    "did not find expected node content": "thiếu giá trị",
    "did not find expected key": "thụt lề không khớp hoặc thiếu tên trường",
    "mapping values are not allowed in this context": "dấu ':' đặt sai chỗ",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng)",
    "did not find expected ',' or ']'": "thiếu dấu ',' hoặc ']'",
    "did not find expected ',' or '}'": "thiếu dấu ',' hoặc '}'",
    "found undefined alias": "alias (*tên) chưa được định nghĩa",
    "but found another document": "tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)",
    "exceeded maximum nesting depth": "lồng nhau quá sâu",
    "found invalid Unicode character escape code": "chuỗi thoát \\u… không phải ký tự Unicode hợp lệ "
                                                   "(\\ud800–\\udfff là nửa cặp thay thế UTF-16)",
    "found unknown escape character": "chuỗi thoát sau dấu '\\' không hợp lệ trong dấu nháy kép",
}


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    detail = exc.problem or exc.context or ""
    lines = text.split("\n")
    source = lines[line - 1] if line and line <= len(lines) else ""
    if "\t" in source:
        return _problem(name, line, _("dòng thụt lề bằng ký tự tab"),
                        _("YAML không cho dùng tab để thụt lề; hãy thay bằng dấu cách"))
    message = _(_SYNTAX_DETAILS.get(detail, detail))
    if "escape" in detail:
        hint = _("trong dấu nháy kép chỉ dùng các chuỗi thoát \\n, \\t, \\\\, \\\" và \\uXXXX của một ký tự "
                 "thật; đơn giản nhất là viết thẳng ký tự, hoặc dùng dấu nháy đơn")
    else:
        hint = _("sửa cú pháp YAML ở dòng này: thụt lề bằng dấu cách, dấu ':' sau tên trường, "
                 "đặt văn bản có ký tự đặc biệt trong dấu nháy")
    return _problem(name, line, _("lỗi cú pháp YAML: {d}").format(d=message), hint)


def _problem(name: str, line: int | None, message: str, hint: str, field: str = "") -> DataError:
    return DataError([Problem(name, line, field, message, hint)])


# Control, bidi, non-characters, surrogates (textsafety.FORBIDDEN): never part of a report's text.
_CONTROL = first_forbidden


def _forbidden_problem(name: str, line: int, char: str, path: str) -> DataError:
    """The message for a forbidden character in a value, by what sort of character it is."""
    sort = kind(char)
    if sort == "bidi":
        return _problem(name, line, _("giá trị chứa ký tự đảo chiều văn bản {c}").format(c=code(char)),
                        _("xoá ký tự này: nó đảo thứ tự hiển thị của chữ (văn bản hiện ra khác với "
                          "nội dung thật); dvcli không đưa nó vào văn bản nào"), path)
    if sort == "nonchar":
        return _problem(name, line, _("giá trị chứa ký tự không dùng trong văn bản {c}").format(c=code(char)),
                        _("xoá ký tự này (hoặc chuỗi thoát \\u… của nó): Unicode dành riêng mã này, "
                          "không phải chữ"), path)
    if sort == "surrogate":
        return _problem(name, line, _("giá trị chứa nửa cặp thay thế UTF-16 {c}").format(c=code(char)),
                        _("viết thẳng ký tự thay cho chuỗi thoát, hoặc dùng \\U0001F600 cho ký tự ngoài BMP"), path)
    if sort == "line":
        return _problem(name, line, _("giá trị chứa ký tự ngắt dòng lạ {c}").format(c=code(char)),
                        _("thay chuỗi thoát này bằng \\n, hoặc xuống dòng thường trong khối '|'"), path)
    return _problem(name, line, _("giá trị chứa ký tự điều khiển không được phép (mã {c:#06x})").format(
        c=ord(char)), _("xoá chuỗi thoát như \\0, \\a, \\e khỏi giá trị"), path)


class _Unusual(Exception):
    """Raised by the fast builder at anything ``_Builder`` must look at closely."""


_NO_KEY = object()  # _build_plain: the open mapping waits for a key


def _build_plain(text: str, budget: int) -> Any:
    """The document ``_Builder`` would build, straight from libyaml's events, for the common case.

    Every data file passes through here, so it does the least work that keeps the same rules:
    no node graph is composed (composing and then walking it cost twice as long: 1.72 s against
    0.89 s for a week of 10,000 reports). At anything the rules might reject or that needs a node
    graph — a tag, an anchor or alias, a non-scalar or null key, a merge key, a duplicate, a
    control character, too many nodes or too deep, a second document, any YAML error — it gives
    up (``_Unusual``), and the document is composed and built by ``_Builder``, which knows the
    field path and says exactly what is wrong.
    """
    if _CONTROL(text):  # perhaps only in a comment, which is allowed: the careful path decides
        raise _Unusual
    loader = _StrictLoader(text)
    try:
        get = loader.get_event
        get()  # the stream's start
        if get().__class__ is yaml.StreamEndEvent:  # no document at all
            return None
        root = _plain_document(get, budget)
        if get().__class__ is not yaml.DocumentEndEvent or get().__class__ is not yaml.StreamEndEvent:
            raise _Unusual  # a second document: composing says so
        return root
    finally:
        loader.dispose()


def _plain_document(get: Any, budget: int) -> Any:
    """``_build_plain``'s walk over the events of one document whose text holds no control character:
    only a double-quoted scalar's escapes can put one in a value."""
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    null, control = _NULL_WORDS, _CONTROL
    parents: list[Any] = []  # the open collections around ``top``
    top: Any = None  # the collection being filled
    key: Any = _NO_KEY
    remaining = budget
    while True:
        event = get()
        kind = event.__class__
        # the open collections: a node built now is this deep (``_Builder``'s rule: below MAX_DEPTH)
        depth = len(parents) + (top is not None)
        if kind is scalar:
            remaining -= 1
            text = event.value
            if (event.tag is not None or event.anchor is not None or depth >= MAX_DEPTH or remaining < 0
                    or (event.style == '"' and control(text))):
                raise _Unusual
            value = None if event.implicit[0] and text in null else text
            if top is None:  # the whole document is one scalar
                return value
            if top.__class__ is list:
                top.append(value)
            elif key is _NO_KEY:
                if value is None or value in top or value == "<<":
                    raise _Unusual
                key = value
            else:
                top[key] = value
                key = _NO_KEY
            continue
        if kind is mapping or kind is sequence:
            remaining -= 1
            if event.tag is not None or event.anchor is not None or depth >= MAX_DEPTH or remaining < 0:
                raise _Unusual
            made: Any = {} if kind is mapping else []
            if top is not None:
                if top.__class__ is list:
                    top.append(made)
                elif key is _NO_KEY:
                    raise _Unusual  # a collection as a key
                else:
                    top[key] = made
                    key = _NO_KEY
                parents.append(top)
            top = made
            continue
        if kind is not yaml.MappingEndEvent and kind is not yaml.SequenceEndEvent:
            raise _Unusual  # an alias
        if not parents:
            return top
        top = parents.pop()


class _Builder:
    """Turns a composed node graph into dicts, lists and strings, enforcing the rules above."""

    def __init__(self, name: str, budget: int) -> None:
        self.name = name
        self.budget = budget
        self.open: set[int] = set()  # collections being built: an alias to one is a cycle

    def build(self, node: yaml.Node, path: str = "") -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _problem(self.name, node.start_mark.line + 1,
                           _("tệp có quá nhiều nút YAML (bom alias?)"),
                           _("bỏ các alias (*tên) lồng nhau; viết dữ liệu trực tiếp"), path)
        if id(node) in self.open:
            raise _problem(self.name, node.start_mark.line + 1, _("alias (*tên) tự tham chiếu đến chính nó"),
                           _("bỏ alias này; viết dữ liệu trực tiếp"), path)
        if len(self.open) >= MAX_DEPTH:
            raise _problem(self.name, node.start_mark.line + 1, _("dữ liệu lồng nhau quá sâu"),
                           _("viết dữ liệu phẳng hơn; tệp dữ liệu chỉ lồng vài cấp"), path)
        if node.tag not in _ALLOWED_TAGS:
            raise _problem(self.name, node.start_mark.line + 1,
                           _("thẻ YAML không được phép: {t}").format(t=node.tag),
                           _("xoá thẻ bắt đầu bằng '!' — dữ liệu chỉ gồm văn bản, danh sách và bảng"), path)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self.open.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node, path)
                return [self.build(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        if node.tag == _NULL:
            return None
        control = _CONTROL(node.value)
        if control:  # an escape ("\0", "\e", "\u202e") or a raw bidi character: the data must not hold it
            raise _forbidden_problem(self.name, node.start_mark.line + 1, control.group(), path)
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.value == "<<" and key_node.tag == _STR and not key_node.style:
                raise _problem(self.name, key_node.start_mark.line + 1, _("không hỗ trợ khoá gộp '<<'"),
                               _("viết đầy đủ các trường thay cho '<<: *tên'"), path)
            key = self.build(key_node, path)
            if not isinstance(key, str):
                raise _problem(self.name, key_node.start_mark.line + 1,
                               _("tên trường phải là văn bản"), _("đặt tên trường là một từ, ví dụ 'ten:'"), path)
            child = f"{path}.{key}" if path else key
            if key in result:
                raise _problem(self.name, key_node.start_mark.line + 1,
                               _("trường '{k}' bị lặp lại").format(k=key),
                               _("mỗi trường chỉ được viết một lần; gộp hai giá trị hoặc xoá một dòng"), child)
            result[key] = self.build(value_node, child)
        return result


def line_of(path: Path, field_path: list[str | int]) -> int | None:
    """Best line number for ``field_path`` in ``path`` (re-parsed: only called on errors)."""
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        loader = _StrictLoader(unicodedata.normalize("NFC", text))
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if node is None:
        return None
    # A key's own line: for a block value (a list, a table) the value starts on the next line,
    # but "unknown field" or "must be a list" is about the key the user wrote.
    line: int = node.start_mark.line + 1
    for part in field_path:
        key, node = _child(node, part)
        if node is None:
            break
        line = (key or node).start_mark.line + 1
    return line


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The key node (None for a list item) and the value node of ``part`` under ``node``."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
        return None, None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None, None


# --- writing -------------------------------------------------------------------------------

# Strings that some YAML reader (1.1 or 1.2) would turn into another type: always quote them.
_AMBIGUOUS = re.compile(
    r"""^(?:[-+]?(?:\d[\d_,:.]*|\.\d+)(?:[eE][-+]?\d+)?   # numbers, sexagesimal, 1e3
         |0[xXoObB][0-9a-fA-F_]+                          # 0x1F, 0o17, 0b101
         |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
         |y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE
         |on|On|ON|off|Off|OFF|~|null|Null|NULL
         |\d{4}-\d\d?-\d\d?(?:[Tt ].*)?                   # dates and timestamps
         )$""",
    re.VERBOSE,
)


class _Dumper(_BaseDumper):
    pass


def _represent_str(dumper: _Dumper, value: str) -> yaml.Node:
    if "\n" in value:  # prose keeps its paragraphs as a literal block
        return dumper.represent_scalar(_STR, value, style="|")
    if _AMBIGUOUS.match(value):
        return dumper.represent_scalar(_STR, value, style='"')
    return dumper.represent_scalar(_STR, value)


_Dumper.add_representer(str, _represent_str)


def _represent_decimal(dumper: _Dumper, value: Decimal) -> yaml.ScalarNode:
    """Every digit as written (a float would round 1234567890123456.7 to …456.8)."""
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_Dumper.add_representer(Decimal, _represent_decimal)


def dumps(data: Any) -> str:
    """YAML text for ``data``: readable Vietnamese, key order kept, ambiguous strings quoted."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
