"""The only Jinja user: templates from the workspace (overrides) or the package (defaults).

Workspace templates are the secretary's to edit, so they run sandboxed; every template runs
with StrictUndefined so a typo is an error, not a silent blank. Templates only lay out data
computed elsewhere; the filters here only format (numbers, dates) and never compute.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .errors import DataError, DvcliError
from .i18n import _
from .template_limits import (
    BoundedSandbox,
    TemplateLimit,
    bound_filters,
    bounded,
    docx_problem,
    limited_output,
    refuse_unsafe_text,
)

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
T = TypeVar("T")


_WIDE = decimal.Context(prec=100)


def number_vi(value: Any, places: int | None = None) -> str:
    """Vietnamese figures: ``1.234.567`` and ``19.300,5`` (dot groups, comma decimals)."""
    number = value if type(value) is Decimal else Decimal(str(value))
    if places is None:
        if number == number.to_integral_value():
            if number or not number.is_signed():  # an integer (not -0): int's grouping, 3x faster
                return f"{int(number):,}".replace(",", ".")
            places = 0
        else:
            # normalize() in the default context would round to 28 digits: a wide one keeps them all
            places = max(0, -number.normalize(_WIDE).as_tuple().exponent)  # type: ignore[operator]
    text = f"{number:,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def date_vi(value: dt.date | None) -> str:
    """``ngày 05 tháng 02 năm 2021``: day < 10 and months 1–2 take a leading zero.

    None (a document prepared for signature) leaves the day, month and year blank for release.
    """
    if value is None:
        return _("ngày      tháng      năm        ")
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return _("ngày {d:02d} tháng {m} năm {y}").format(d=value.day, m=month, y=value.year)


def short_date(value: dt.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


# Inline Markdown that changes what a reader sees: links and images ("[", "]"), table cells ("|"),
# code spans (inside one the entities below would show as "&lt;"), and "\" itself. Emphasis
# ("**đậm**") is left to format, as a member means it.
_MD_INLINE = re.compile(r"([\\`\[\]|])")
# What starts a heading at the beginning of a line: "# …", or a line of "=" or "-" under text (setext)
# (a rule "***" / "___" is caught by the inline escapes). Lists and numbers stay as they are: they
# change no structure a reader could be misled by, and "1. Tình hình" must read as written.
_MD_LINE_START = re.compile(r"^([ \t]{0,3})(#|=+[ \t]*$|-+[ \t]*$|~{3})", re.MULTILINE)
# An indented code block: a line indented by four columns or more (a tab counts as reaching the next
# multiple of four). Its indentation is dropped: the words stay, the box of code does not.
_MD_CODE_INDENT = re.compile(r"^(?: {4}| {0,3}\t)[ \t]*", re.MULTILINE)


def md_escape(value: Any) -> str:
    """Member text for Markdown: shown as written, never read as Markdown or HTML.

    ``&``, ``<``, ``>`` become entities (no raw HTML, no ``<javascript:…>`` autolink); the
    characters of links and images ``[…](…)``, code spans and table pipes, and the start of a heading at the beginning of a line (``# …``, a setext ``===`` or ``---``
    line) or of a ``~~~`` code fence are backslash-escaped, so a report's ``# tiêu đề`` or
    ``![x](javascript:…)`` stays text; a line indented as a code block loses its indentation.
    """
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Each substitution only when it can match (most values: one line of plain words): the same
    # output, without three regex scans of every one of a 10,000-member report's ~89k values.
    if "    " in text or "\t" in text:  # an indent of four columns needs four spaces or a tab
        text = _MD_CODE_INDENT.sub("", text)
    if "\\" in text or "`" in text or "[" in text or "]" in text or "|" in text:
        text = _MD_INLINE.sub(r"\\\1", text)
    if "\n" in text or text.lstrip(" \t")[:1] in _LINE_START_CHARS:
        text = _MD_LINE_START.sub(r"\1\\\2", text)
    return text


# What a one-line value (at most three blanks before it once code indents are dropped) must start
# with for _MD_LINE_START to match it.
_LINE_START_CHARS = frozenset("#=-~")


_BLANKS = re.compile(r" {2,}")


def md_blanks(value: Any) -> str:
    """A preview's blanks ("Số      -BC/…", "ngày   /   /    ") as ``&nbsp;``: a Markdown viewer
    collapses a run of plain spaces into one, and the blank is where the number is written by hand."""
    return _BLANKS.sub(lambda match: "&nbsp;" * len(match.group()), str(value))


_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2"),
                                           default=False),
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def _filters(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(number_vi=number_vi, date_vi=date_vi, short_date=short_date, md_escape=md_escape,
                       md_blanks=md_blanks, docx_image=_no_image)
    return env


class _GuardedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader that never follows a workspace symlink (``templates -> /etc``, ``x.j2 -> ~/.ssh/…``).

    A workspace folder's templates (and what they include) are read only through real folders and
    files below the workspace root (``paths.inside``); the package's folder is dvcli's own.
    """

    def __init__(self, folders: list[Path]) -> None:
        super().__init__([str(folder) for folder in folders])
        self.workspace_folders = [folder for folder in folders if folder != PACKAGE_TEMPLATES]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)  # refuses ".." itself
        for folder in self.workspace_folders:
            guard_template(folder, folder.joinpath(*pieces))
        source, filename, uptodate = super().get_source(environment, template)
        for folder in self.workspace_folders:  # a workspace's template: held to the data files' characters
            if Path(filename).parent == folder.joinpath(*pieces).parent:
                refuse_unsafe_text(f"{folder.name}/{'/'.join(pieces)}", source)
        return source, filename, uptodate


def guard_template(folder: Path, path: Path) -> None:
    """Refuse a template under the workspace's ``folder`` reached through a symlink (``folder`` included)."""
    from . import paths

    paths.inside(folder.parent, path)


def environment(template_dirs: list[Path]) -> jinja2.Environment:
    """The sandboxed environment: for any template a workspace may have written, with the
    bounds of ``template_limits`` (its renders also run under ``template_limits.bounded``)."""
    env = _filters(BoundedSandbox(loader=_GuardedLoader(template_dirs), **_OPTIONS))
    bound_filters(env)  # type: ignore[arg-type]
    return env


_TRUSTED: jinja2.Environment | None = None


def trusted_environment() -> jinja2.Environment:
    """The package's own templates only, not sandboxed, built once per process.

    Its loader sees nothing but ``PACKAGE_TEMPLATES``, so no workspace file can reach it. The
    sandbox checks every attribute access and call: on a 10,000-member consolidated report that
    was half of the rendering time, for templates that ship with dvcli and are trusted like its code.
    """
    global _TRUSTED
    if _TRUSTED is None:
        _TRUSTED = _filters(jinja2.Environment(loader=jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)), **_OPTIONS))
    return _TRUSTED


_TRUSTED_DOCX: jinja2.Environment | None = None


def trusted_docx_environment() -> jinja2.Environment:
    """Like ``trusted_environment``, for the package's Word templates: always autoescaped (docxtpl
    sets ``autoescape`` on the environment it is given, so it gets one of its own)."""
    global _TRUSTED_DOCX
    if _TRUSTED_DOCX is None:
        loader = jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES))
        _TRUSTED_DOCX = _filters(jinja2.Environment(loader=loader, **{**_OPTIONS, "autoescape": True}))
    return _TRUSTED_DOCX


def choose_environment(name: str, workspace_templates: Path | None) -> jinja2.Environment:
    """The trusted environment unless the workspace's templates folder takes part in this render.

    It does when it holds ``name`` itself or overrides any package template (``_bao-cao.md.j2``
    is included by others): then the whole render runs sandboxed, the workspace's folder first,
    exactly as before the trusted path existed.
    """
    if workspace_templates is not None:
        try:
            with os.scandir(workspace_templates) as entries:
                names = {entry.name for entry in entries}
        except OSError:  # no templates/ folder (or not a folder): nothing is overridden
            names = set()
        if name in names or any((PACKAGE_TEMPLATES / other).is_file() for other in names):
            return environment([workspace_templates, PACKAGE_TEMPLATES])
    return trusted_environment()


def render(name: str, context: dict[str, Any], workspace_templates: Path | None = None) -> str:
    """Render template ``name``, preferring the workspace's copy over the package default."""
    return _render(name, context, workspace_templates, "".join)


def render_encoded(name: str, context: dict[str, Any], workspace_templates: Path | None = None) -> list[bytes]:
    """``render(...)`` as UTF-8 chunks of a few hundred KB, never one huge string.

    A 10,000-member report is ~1.2 million pieces and 26 MB of text: joined, that is a ~50 MB
    string, another copy to strip it and another to encode it. Chunks are encoded as they come
    and written out (and memoised) one by one.
    """
    return _render(name, context, workspace_templates, _encode)


def _encode(pieces: Iterator[str]) -> list[bytes]:
    chunks: list[bytes] = []
    batch = list(islice(pieces, _BATCH))
    while batch:
        chunks.append("".join(batch).encode("utf-8"))
        batch = list(islice(pieces, _BATCH))
    return chunks


_BATCH = 8192  # pieces per chunk


def _render(name: str, context: dict[str, Any], workspace_templates: Path | None,
            consume: Callable[[Iterator[str]], T]) -> T:
    env = choose_environment(name, workspace_templates)
    untrusted = isinstance(env, SandboxedEnvironment)
    where = name
    try:
        with bounded() if untrusted else nullcontext():
            template = env.get_template(name)
            where = template.filename or name
            try:
                pieces = template.root_render_func(template.new_context(context))
                return consume(limited_output(pieces) if untrusted else pieces)
            except Exception:
                env.handle_exception()  # re-raises with the template's file and line in the traceback
                raise  # pragma: no cover - handle_exception always raises
    except TemplateLimit as exc:
        raise _stopped(_where(exc, where), exc) from None
    except jinja2.TemplateNotFound as exc:
        raise DvcliError(_("không có mẫu \"{n}\"").format(n=exc.name),
                         _("xem các mẫu có sẵn bằng: dvcli templates list")) from exc
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise DvcliError(_("mẫu {w} có lỗi cú pháp: {m}").format(w=where, m=exc.message),
                         _("sửa mẫu, hoặc xoá bản sửa để dùng mẫu mặc định")) from exc
    except (jinja2.UndefinedError, SecurityError, TypeError) as exc:
        raise DvcliError(_("mẫu {n} lỗi khi dựng: {m}").format(n=_where(exc, name), m=exc),
                         _("kiểm tra tên biến trong mẫu; xem biến có sẵn trong docs/templates.md")) from exc


def _stopped(where: str, exc: TemplateLimit) -> DvcliError:
    return DvcliError(_("mẫu {w} đã bị dừng: {m}").format(w=where, m=exc),
                      _("mẫu trong thư mục templates/ của workspace có vòng lặp lồng nhau hoặc tạo chuỗi quá lớn; "
                        "sửa mẫu, hoặc xoá bản sửa để dùng mẫu mặc định (giới hạn: DVCLI_TEMPLATE_SECONDS, "
                        "DVCLI_TEMPLATE_MEMORY_MB, DVCLI_TEMPLATE_OUTPUT_MB)"))


def _where(exc: BaseException, name: str) -> str:
    """``file:line`` of the template frame that raised, from the traceback Jinja rewrote."""
    tb = exc.__traceback__
    found = name
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


# --- template files, DOCX ------------------------------------------------------------------


def template_file(name: str, workspace_templates: Path | None = None) -> Path:
    """The file behind template ``name``: the workspace's override if there is one, else the package's."""
    if workspace_templates is not None:
        guard_template(workspace_templates, workspace_templates / name)
        if (workspace_templates / name).is_file():
            return workspace_templates / name
    if (PACKAGE_TEMPLATES / name).is_file():
        return PACKAGE_TEMPLATES / name
    raise DvcliError(_("không có mẫu \"{n}\"").format(n=name),
                     _("xem các mẫu có sẵn bằng: dvcli templates list"))


def _no_image(data: bytes, width: float) -> str:
    """``docx_image`` outside a Word document (a text template): nothing to place an image in."""
    return ""


def _docx_image(document: Any) -> Callable[[bytes, float], Any]:
    """The ``docx_image`` filter: PNG bytes (a chart) as an image ``width`` mm wide in this document."""
    def image(data: bytes, width: float) -> Any:
        import io

        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(document, io.BytesIO(data), width=Mm(width))

    return image


def render_docx(name: str, context: dict[str, Any], workspace_templates: Path | None = None) -> bytes:
    """Fill the Jinja-tagged Word file ``name`` (docxtpl) in the same sandbox, with the same filters."""
    from .docx_fill import LinearDocxTemplate

    path = template_file(name, workspace_templates)
    if path.parent != PACKAGE_TEMPLATES:  # a workspace's Word template: the same characters as any template
        problem = docx_problem(path, f"{path.parent.name}/{path.name}")
        if problem is not None:
            raise DataError([problem])
    try:
        document = LinearDocxTemplate(str(path))
        # autoescape: report text is data; "<", "&" must not break the document's XML
        trusted = path.parent == PACKAGE_TEMPLATES
        jinja_env = trusted_docx_environment() if trusted else environment([path.parent])
        jinja_env.filters["docx_image"] = _docx_image(document)  # this document's images (the charts)
        with nullcontext() if trusted else bounded():
            return bytes(document.render_bytes(context, jinja_env))
    except TemplateLimit as exc:
        raise _stopped(str(path), exc) from None
    except jinja2.TemplateSyntaxError as exc:
        raise DvcliError(_("mẫu {w} có lỗi cú pháp: {m}").format(w=f"{path}:{exc.lineno}", m=exc.message),
                         _("sửa mẫu trong Word (các thẻ {{ }} và {%p %}), hoặc xoá bản sửa để dùng mẫu mặc định")) from exc
    except (jinja2.UndefinedError, SecurityError, TypeError) as exc:
        raise DvcliError(_("mẫu {n} lỗi khi dựng: {m}").format(n=path, m=exc),
                         _("kiểm tra tên biến trong mẫu; xem biến có sẵn trong docs/templates.md")) from exc
    except Exception as exc:  # a damaged .docx: zip or XML errors from python-docx/lxml
        if isinstance(exc, DvcliError):
            raise
        raise DvcliError(_("không đọc được mẫu Word {p}: {e}").format(p=path, e=exc),
                         _("mở lại tệp bằng Word rồi lưu dạng .docx, hoặc xoá bản sửa để dùng mẫu mặc định")) from exc
