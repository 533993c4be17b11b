"""The error hierarchy and exit codes.

Every failure a user can cause is a ``DvcliError``: a Vietnamese message and an optional hint.
The CLI turns it into stderr text and exit code 1; nothing below the CLI prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where, what, and how to fix it."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str | None = None

    def location(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}" if self.field else where

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class DvcliError(Exception):
    """A failure the user can act on."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class DataError(DvcliError):
    """A data file is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(f"{first.location()}: {first.message}", first.hint)
        self.problems = problems


class NotFoundError(DvcliError):
    """A member, record, template or workspace does not exist."""


class ConflictError(DvcliError):
    """The write would overwrite or contradict what exists (a report, a number, a lock)."""

