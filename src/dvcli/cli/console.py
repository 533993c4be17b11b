"""Output and error handling shared by every command — the only place that imports rich.

stdout carries the product (reports, listings, JSON); stderr carries diagnostics. Rich is
imported only when a command prints a table, so plain commands start fast.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

import typer

from ..errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_USER, DataError, DvcliError, Interrupted, Problem
from ..i18n import _, ngettext
from ..textsafety import csv_cell, json_safe, terminal

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Options:
    """Global options, set by the root callback before any command runs."""

    data: str | None = None
    debug: bool = False


options = Options()


def out(text: str = "") -> None:
    """A line on stdout, with control and bidi characters shown as escapes (``textsafety.terminal``):
    file names a teammate committed or git author names never reach the terminal as ESC sequences."""
    sys.stdout.write(terminal(text) + "\n")


def err(text: str) -> None:
    """A line on stderr, made safe for the terminal like ``out``."""
    sys.stderr.write(terminal(text) + "\n")


def out_styled(pieces: Iterable[tuple[str, bool]], before: str = "", after: str = "") -> None:
    """A line whose marked pieces are shown in bold red on a terminal (``[…]`` otherwise).

    Each piece of text is made safe as ``out`` does; only the colour codes added here reach the terminal.
    """
    colour = sys.stdout.isatty()
    line = terminal(before)
    for text, marked in pieces:
        safe = terminal(text)
        line += (f"\x1b[1;31m{safe}\x1b[0m" if colour else f"[{safe}]") if marked else safe
    sys.stdout.write(line + terminal(after) + "\n")


def print_problems(problems: Iterable[Problem]) -> None:
    """One problem per line on stderr — ``file:line: field: message`` — then its hint."""
    for problem in problems:
        err(f"{problem.location()}: {problem.message}")
        if problem.hint:
            err(f"  {_('gợi ý')}: {problem.hint}")


def count_files(n: int) -> str:
    """``n`` files in the user's language, with its plural form ("1 file", "3 files")."""
    return ngettext("{n} tệp", "{n} tệp", n).format(n=n)


def fail(error: DvcliError) -> NoReturn:
    if isinstance(error, DataError):
        if error.headline:
            err(f"{_('lỗi')}: {error.headline}")
        print_problems(error.problems)
        if error.headline and error.hint:
            err(f"  {_('gợi ý')}: {error.hint}")
    else:
        err(f"{_('lỗi')}: {error.message}")
        if error.hint:
            err(f"  {_('gợi ý')}: {error.hint}")
    raise typer.Exit(EXIT_USER)


def _end_of_command() -> None:
    """Where a command's process lifetime ends: save the parse cache of every store it opened."""
    services = sys.modules.get("dvcli.services")  # never imported here: a command without a store pays nothing
    if services is not None:
        services.close_opened()


def handled(func: F) -> F:
    """Turn dvcli's errors into messages and exit codes at the command itself.

    Typer's test runner calls the command function directly, so translating only in ``main``
    would leave tests seeing tracebacks; every command is wrapped instead.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .. import interrupts

        interrupts.install()  # SIGTERM unwinds like Ctrl-C: writes undone, lock released
        interrupts.settle()
        try:
            result = func(*args, **kwargs)
            late = interrupts.settle()  # Ctrl-C or SIGTERM after the command's write had happened
            _end_of_command()
            if late:
                err(_("(đã nhận tín hiệu dừng khi việc ghi đã xong: mọi thay đổi đã được lưu như trên)"))
            return result
        except DvcliError as error:
            interrupts.settle()
            _end_of_command()
            fail(error)
        except KeyboardInterrupt as stop:
            raise typer.Exit(say_interrupted(stop)) from None
        except (typer.Exit, SystemExit):  # a command that ends with a chosen exit code (check's problems)
            _end_of_command()
            raise
        except typer.Abort:
            raise
        except BrokenPipeError:  # the reader went away (dvcli search … | head -1): end quietly, as git does
            quiet_stdout()
            raise typer.Exit(EXIT_PIPE) from None
        except OSError as error:  # a full disk, a read-only mount, a permission: the machine's fault, said so
            from ..oserrors import translate

            fail(translate(error))
        except (OverflowError, ValueError) as error:
            if not _date_overflow(error):
                _bug(error)
            fail(DvcliError(_("ngày tháng vượt quá khoảng dvcli tính được ({e})").format(e=error),
                            _("kiểm tra các ngày, tuần, tháng đã gõ và biến DVCLI_NOW; dvcli tính trong các năm "
                              "1900–9998")))
        except Exception as error:  # noqa: BLE001 - the last line of defence
            _bug(error)

    return wrapper  # type: ignore[return-value]


def say_interrupted(stop: KeyboardInterrupt) -> int:
    """Say that Ctrl-C or SIGTERM stopped the command, and what it left; return the exit code."""
    signum = stop.signum if isinstance(stop, Interrupted) else signal.SIGINT
    said = _("đã dừng theo yêu cầu (Ctrl-C)") if signum == signal.SIGINT else _(
        "đã dừng theo yêu cầu (tín hiệu {s})").format(s=signal.Signals(signum).name)
    state = stop.state if isinstance(stop, Interrupted) else None
    err(f"{said}; {state}" if state else said)
    return EXIT_INTERRUPTED if signum == signal.SIGINT else 128 + signum


EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for ``git log | head``


def quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail a second time."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _date_overflow(error: Exception) -> bool:
    """Python's own words for a date past year 9999 or before year 1."""
    text = str(error)
    return "date value out of range" in text or ("year" in text and "is out of range" in text)


def _bug(error: Exception) -> NoReturn:
    """A real bug (exit 3): what happened, and how to report it."""
    if options.debug or os.environ.get("DVCLI_DEBUG"):
        import traceback

        traceback.print_exception(error)
    err(_("lỗi không mong đợi: {e}").format(e=f"{type(error).__name__}: {error}"))
    err("  " + _("gợi ý: đây là lỗi của dvcli — vui lòng báo lại kèm lệnh đã chạy "
                 "và kết quả khi chạy lại với --debug"))
    raise typer.Exit(EXIT_BUG) from None


def print_json(data: Any) -> None:
    import json  # lazily: start-up pays only for what a command uses

    # JSON escapes C0 controls itself; C1 and bidi characters become \\uXXXX here (the same JSON value)
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)) + "\n")


def _json_default(value: Any) -> Any:
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(cell) for cell in headers])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)  # no cell a spreadsheet would evaluate
    sys.stdout.write(terminal(buffer.getvalue()))


def print_table(title: str | None, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A Rich table on stdout (plain text when stdout is not a terminal, for pipes and tests).

    A plain one-line-per-row table — most of them — is drawn here in the same characters Rich
    would print, without importing Rich (~40 ms) or laying out 10,000 rows through it (~3 s);
    Rich draws the rest (titles, wrapped or multi-line cells, markup-like text, empty tables).
    """
    cells = [["" if cell is None else str(cell) for cell in row] for row in rows]
    if _print_simple_table(title, headers, cells):
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text(), not a str: Rich would read "[blink]" or "[link=…]" in a member's name as markup
    table = Table(title=None if title is None else Text(terminal(title)), show_lines=False)
    for header in headers:
        table.add_column(Text(terminal(header)))
    for row in cells:
        table.add_row(*(Text(terminal(cell)) for cell in row))
    Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(table)


def _cell_width(text: str) -> int | None:
    """Terminal columns of ``text``; None when only Rich can tell (wide characters)."""
    if text.isascii():  # ids, dates, numbers: most cells of a 10,000-row table
        return len(text)
    import unicodedata

    width = 0
    for char in text:
        if char < "\u0300":
            width += 1
        elif unicodedata.combining(char):
            continue
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            return None
        else:
            width += 1
    return width


# Cells made only of these characters are as wide as they are long (one column each, nothing
# combining, nothing wide): printable ASCII but "[" (Rich markup), Latin up to U+02FF and the
# precomposed Vietnamese letters (U+1E00-U+1EFF). A column of such cells is measured with len().
_SLOW_CELL = re.compile(r"[^\x20-\x5a\x5c-\u02ff\u1e00-\u1eff]")


def _column_widths(column: Sequence[str]) -> list[int] | None:
    """Each cell's width in one column; None when only Rich can draw it (see ``_print_simple_table``)."""
    if _SLOW_CELL.search("".join(column)) is None:  # nearly always: one C-level scan per column
        return list(map(len, column))
    measured: list[int] = []
    for text in column:
        if "\n" in text or "[" in text or "\t" in text or "\r" in text:
            return None
        width = _cell_width(text)
        if width is None:
            return None
        measured.append(width)
    return measured


def _print_simple_table(title: str | None, headers: Sequence[str], rows: list[list[str]]) -> bool:
    """Draw Rich's default table (heavy head, no title) when that is all it would be; else False.

    Column by column: a 10,000-row table is measured in a few C-level passes, not cell by cell.
    """
    if title or not rows or any(len(row) != len(headers) for row in rows):
        return False
    columns = list(zip(headers, *rows, strict=True))
    measured: list[list[int]] = []
    for column in columns:
        used = _column_widths(column)
        if used is None:
            return False
        measured.append(used)
    widths = [max(used) for used in measured]
    limit = shutil.get_terminal_size().columns if sys.stdout.isatty() else 200
    if sum(widths) + 3 * len(widths) + 1 > limit:
        return False  # Rich would shrink and wrap columns
    padded = [[text + " " * (width - length) for text, length in zip(column, used, strict=True)]
              for column, used, width in zip(columns, measured, widths, strict=True)]

    def rule(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (width + 2) for width in widths) + right

    lines = [rule("┏", "━", "┳", "┓"), "┃ " + " ┃ ".join(column[0] for column in padded) + " ┃",
             rule("┡", "━", "╇", "┩")]
    lines += ["│ " + " │ ".join(cells) + " │" for cells in zip(*(column[1:] for column in padded), strict=True)]
    lines.append(rule("└", "─", "┴", "┘"))
    sys.stdout.write(terminal("\n".join(lines)) + "\n")
    return True
