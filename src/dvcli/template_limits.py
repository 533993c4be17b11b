"""Bounds for the templates a workspace holds: time, memory and output size.

A workspace's ``templates/`` may have been pushed by anyone. Jinja's sandbox stops a template
from reaching Python's internals, but not from running forever (nested loops) or filling memory
(``"x" * 10**10``, ``10**10**8``, ``"x"|center(10**10)``). Every render of a workspace template
runs inside ``bounded``:

- **time**: a real-time alarm (``DVCLI_TEMPLATE_SECONDS``, default 120 s — a 10,000-member report
  renders in a few seconds) interrupts the template between two steps;
- **memory**: the address space may grow by at most ``DVCLI_TEMPLATE_MEMORY_MB`` (default 2048 MB)
  during the render (``RLIMIT_AS``, restored afterwards), so an allocation past it fails at once;
- **size**: the output may be at most ``DVCLI_TEMPLATE_OUTPUT_MB`` (default 256 MB of text), and an
  operation that would build a bigger string or list (``*``, ``**`` and integer arguments of
  filters and methods) is refused before it runs — it would otherwise be one C call the alarm
  cannot interrupt.

Each limit stops the render with ``TemplateLimit`` naming what was exceeded; ``render`` turns it
into a Vietnamese message naming the template file and line. The package's own templates are
trusted like dvcli's code and run without these bounds.
"""

from __future__ import annotations

import math
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from .errors import DataError, Problem
from .i18n import _
from .textsafety import FORBIDDEN, code, first_forbidden, kind

_MB = 1024 * 1024


def _setting(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def seconds() -> float:
    return _setting("DVCLI_TEMPLATE_SECONDS", 120)


def memory_bytes() -> int:
    return int(_setting("DVCLI_TEMPLATE_MEMORY_MB", 2048) * _MB)


def output_chars() -> int:
    return int(_setting("DVCLI_TEMPLATE_OUTPUT_MB", 256) * _MB)


class TemplateLimit(Exception):
    """A workspace template went past one of its bounds; ``str()`` says which, in the user's language."""


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, refusing the single operations that would build a huge value at once."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _power_too_big(left, right):
            raise TemplateLimit(_("phép lũy thừa cho số quá lớn ({a} ** {b})").format(a=left, b=right))
        if operator == "*" and _repeat_too_big(left, right):
            raise TemplateLimit(_("phép nhân tạo chuỗi hoặc danh sách quá lớn (hơn {n} ký tự)").format(
                n=output_chars()))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _check_sizes(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def bound_filters(env: SandboxedEnvironment) -> None:
    """Wrap every filter so that an integer argument bigger than the output limit (``center(10**10)``,
    ``indent(10**10)``) is refused before the filter builds its result."""
    for name, function in list(env.filters.items()):
        env.filters[name] = _sized(function)


def _sized(function: Callable[..., Any]) -> Callable[..., Any]:
    # a filter marked pass_context/pass_environment/pass_eval_context gets that object first
    passed = getattr(function, "jinja_pass_arg", None)
    skip = 1 if passed is None else 2

    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args[skip:], kwargs)  # not the value being filtered, only the filter's arguments
        return function(*args, **kwargs)

    if passed is not None:
        checked.jinja_pass_arg = passed  # type: ignore[attr-defined]
    return checked


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    limit = output_chars()
    for value in (*args, *kwargs.values()):
        if type(value) is int and value > limit:
            raise TemplateLimit(_("tham số {v} vượt giới hạn kích thước của mẫu ({n} ký tự)").format(v=value, n=limit))


def _power_too_big(left: Any, right: Any) -> bool:
    if not (isinstance(left, int | float) and isinstance(right, int | float)):
        return False
    if abs(left) <= 1 or right <= 0:
        return False
    return right * math.log2(abs(left)) > 64 * 1024  # more than a 64 Kbit number: no report needs it


def _repeat_too_big(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and type(count) is int:
            return len(sequence) * count > output_chars()
    return False


def limited_output(pieces: Iterator[str]) -> Iterator[str]:
    """``pieces`` as they come, stopping once the text passes the output limit."""
    limit, total = output_chars(), 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            raise TemplateLimit(_("mẫu tạo ra quá {n} MB văn bản").format(n=limit // _MB))
        yield piece


@contextmanager
def bounded() -> Iterator[None]:
    """Run the block under the time and memory bounds (on systems and threads that allow them)."""
    with _deadline(seconds()), _memory(memory_bytes()):
        yield


@contextmanager
def _deadline(limit: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield  # signals reach the main thread only; elsewhere the size bounds still hold
        return

    def stop(_signum: int, _frame: Any) -> None:
        raise TemplateLimit(_("mẫu chạy quá {s:g} giây").format(s=limit))

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory(budget: int) -> Iterator[None]:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: the size bounds still hold
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = _address_space() + budget
    if _address_space() == 0 or (soft != resource.RLIM_INFINITY and soft <= wanted):
        yield  # unknown usage, or already limited tighter by the user: leave it
        return
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    except MemoryError as exc:  # keep the template's frames: the message names its file and line
        raise TemplateLimit(_("mẫu dùng quá {n} MB bộ nhớ").format(n=budget // _MB)).with_traceback(
            exc.__traceback__) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when the system does not say)."""
    try:
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


# --- what characters a workspace template may hold -----------------------------------------

_XML_REFERENCE = re.compile(r"&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def unsafe_character(text: str, xml: bool = False) -> tuple[int, str] | None:
    """The line and the first character of ``text`` that ``textsafety.FORBIDDEN`` refuses, or None.

    A template is text that reaches every document made from it, so it is held to the data files'
    one policy: no control, bidirectional, non-character, surrogate or odd line-break character.
    In a Word file's XML (``xml``) a numeric reference (``&#x202E;``) counts as the character it names.
    """
    found = first_forbidden(text)
    if found is not None:
        return text.count("\n", 0, found.start()) + 1, found.group()
    if xml:
        for reference in _XML_REFERENCE.finditer(text):
            number = int(reference.group(1), 16) if reference.group(1) else int(reference.group(2))
            char = chr(number) if number <= 0x10FFFF else "\ufffe"
            if FORBIDDEN.match(char) or number > 0x10FFFF:
                return text.count("\n", 0, reference.start()) + 1, char
    return None


def text_problem(shown: str, line: int, char: str) -> Problem:
    """``templates/x.md.j2:LINE``: the forbidden character, by its code, with what to do."""
    sort = kind(char)
    if sort == "bidi":
        message = _("mẫu chứa ký tự đảo chiều văn bản {c}").format(c=code(char))
    elif sort == "control":
        message = _("mẫu chứa ký tự điều khiển không được phép (mã {c:#06x})").format(c=ord(char))
    else:
        message = _("mẫu chứa ký tự không được phép {c}").format(c=code(char))
    return Problem(shown, line, "", message,
                   _("xoá ký tự này khỏi tệp mẫu: nó đổi cách chữ hiện ra trong mọi văn bản làm từ mẫu "
                     "(văn bản hiện ra khác nội dung thật); dvcli không đưa nó vào văn bản nào"))


def refuse_unsafe_text(shown: str, text: str, xml: bool = False) -> None:
    """Raise ``DataError`` naming the file and line when ``text`` holds a forbidden character."""
    found = unsafe_character(text, xml)
    if found is not None:
        raise DataError([text_problem(shown, *found)])


def docx_problem(path: Path, shown: str) -> Problem | None:
    """The first forbidden character in the XML parts of a Word template (``shown``: its name in messages)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            for name in sorted(package.namelist()):
                if name.endswith(".xml"):
                    found = unsafe_character(package.read(name).decode("utf-8", errors="replace"), xml=True)
                    if found is not None:
                        return text_problem(f"{shown} ({name})", *found)
    except (OSError, zipfile.BadZipFile, KeyError):
        return None  # what cannot be opened is said when the template is used
    return None


def template_problems(folder: Path, shown_folder: str) -> list[Problem]:
    """One problem per workspace template (``*.j2``, ``*.docx``) holding a forbidden character, for ``check``."""
    found: list[Problem] = []
    if not folder.is_dir() or folder.is_symlink():
        return found
    for path in sorted(folder.iterdir()):
        if path.is_symlink() or not path.is_file():
            continue  # a link is named by check's own rule; dvcli never reads through one
        shown = f"{shown_folder}/{path.name}"
        if path.name.endswith(".j2"):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            hit = unsafe_character(text)
            if hit is not None:
                found.append(text_problem(shown, *hit))
        elif path.name.endswith(".docx"):
            problem = docx_problem(path, shown)
            if problem is not None:
                found.append(problem)
    return found
