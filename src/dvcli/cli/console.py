"""Output and error handling shared by every command — the only place that imports rich.

stdout carries the product (reports, listings, JSON); stderr carries diagnostics. Rich is
imported only when a command prints a table, so plain commands start fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

import typer

from ..errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_USER, DataError, DvcliError, Problem
from ..i18n import _

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Options:
    """Global options, set by the root callback before any command runs."""

    data: str | None = None
    debug: bool = False


options = Options()


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


def print_problems(problems: Iterable[Problem]) -> None:
    """One problem per line on stderr — ``file:line: field: message`` — then its hint."""
    for problem in problems:
        err(f"{problem.location()}: {problem.message}")
        if problem.hint:
            err(f"  {_('gợi ý')}: {problem.hint}")


def fail(error: DvcliError) -> NoReturn:
    if isinstance(error, DataError):
        print_problems(error.problems)
    else:
        err(f"{_('lỗi')}: {error.message}")
        if error.hint:
            err(f"  {_('gợi ý')}: {error.hint}")
    raise typer.Exit(EXIT_USER)


def handled(func: F) -> F:
    """Turn dvcli's errors into messages and exit codes at the command itself.

    Typer's test runner calls the command function directly, so translating only in ``main``
    would leave tests seeing tracebacks; every command is wrapped instead.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DvcliError as error:
            fail(error)
        except KeyboardInterrupt:
            err(_("đã dừng theo yêu cầu (Ctrl-C)"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if options.debug or os.environ.get("DVCLI_DEBUG"):
                traceback.print_exc()
            err(_("lỗi không mong đợi: {e}").format(e=f"{type(error).__name__}: {error}"))
            err("  " + _("gợi ý: đây là lỗi của dvcli — vui lòng báo lại kèm lệnh đã chạy "
                         "và kết quả khi chạy lại với --debug"))
            raise typer.Exit(EXIT_BUG) from None

    return wrapper  # type: ignore[return-value]


def print_json(data: Any) -> None:
    out(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


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

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)


def print_table(title: str | None, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A Rich table on stdout (plain text when stdout is not a terminal, for pipes and tests)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for header in headers:
        table.add_column(header)
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(table)
