"""The error hierarchy and exit codes.

Every failure a user can cause is a ``DvcliError``: a Vietnamese message and an optional hint.
The CLI turns it into stderr text and exit code 1; nothing below the CLI prints or exits.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from .i18n import _

# Exit codes: 0 success, 1 the user's input or data (EXIT_USER), 2 a usage error (Click's own),
# 3 a bug in dvcli (EXIT_BUG), 130 Ctrl-C (EXIT_INTERRUPTED).
EXIT_USER = 1
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


def cannot_read(display: str, exc: OSError, restore: str | None = None) -> Problem:
    """The one "cannot read file" problem: the file as shown, why (in the user's language), a hint.

    ``restore``: the hint for a file that is gone, where the caller knows how to get it back."""
    if exc.errno == errno.ENOENT:
        return Problem(display, None, "", _("không đọc được tệp: tệp không còn ở đó"),
                       restore or _("kiểm tra đường dẫn; tệp đã bị xoá hoặc đổi tên?"))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Problem(display, None, "", _("không đọc được tệp: không có quyền đọc"),
                       _("xin quyền đọc tệp (chmod a+r '{p}'), hoặc chạy dvcli bằng người dùng sở hữu nó").format(
                           p=display))
    if exc.errno == errno.ELOOP:
        return Problem(display, None, "", _("không đọc được tệp: đó là một liên kết tượng trưng (symlink)"),
                       _("thay liên kết bằng chính tệp đó"))
    return Problem(display, None, "", _("không đọc được tệp: {e}").format(e=exc.strerror or exc),
                   _("kiểm tra đường dẫn và quyền đọc tệp"))


class DvcliError(Exception):
    """A failure the user can act on."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class DataError(DvcliError):
    """A data file is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[Problem], headline: str | None = None, hint: str | None = None) -> None:
        first = problems[0]
        super().__init__(headline or f"{first.location()}: {first.message}", hint if headline else first.hint)
        self.problems = problems
        self.headline = headline
        """Said before the problems (``lỗi: chưa ban hành: …``), with ``hint`` after them."""


class NotFoundError(DvcliError):
    """A member, record, template or workspace does not exist."""


class ConflictError(DvcliError):
    """The write would overwrite or contradict what exists (a report, a number, a lock)."""



class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) or SIGTERM: the command stops; ``state`` says what it left behind (if it wrote)."""

    def __init__(self, signum: int = 2, state: str | None = None) -> None:
        super().__init__(signum)
        self.signum = signum
        self.state = state

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # what a shell reports for a process a signal ended: 130, 143
