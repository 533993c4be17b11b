"""SIGTERM handled like Ctrl-C, and the moments when neither may cut a write in half.

``install`` makes SIGTERM (``kill PID``, a closing terminal session manager, a CI timeout) raise
``Interrupted`` exactly where Ctrl-C raises ``KeyboardInterrupt``, so both unwind through the
same clean-up: the write transaction undoes what it wrote and the lock is released.

Inside ``deferred()`` — while git commits and while a failed write is being undone — a signal is
only noted: cutting ``git commit`` off would leave it unknown whether the commit happened, and
cutting an undo off would leave half of it. ``pending()`` says whether one arrived; the write
transaction then reports the outcome that really happened (committed, or nothing saved).

Once a write transaction has ended well (committed, or saved with ``--no-commit``) the command
*has happened*: ``hold()`` notes every later signal until the command ends, and ``settle()``
(called where the command ends, ``cli/console.handled``) says whether one came, so the message
after a landed commit never says it stopped.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

from .errors import Interrupted

_deferring = 0
_pending: int | None = None
_held = False  # the write has happened: signals are noted until the command ends
_late: int | None = None


def _handler(signum: int, frame: FrameType | None) -> None:
    global _pending, _late
    if _held:
        _late = signum
        return
    if _deferring:
        _pending = signum
        return
    raise Interrupted(signum)


def install() -> None:
    """Route SIGINT and SIGTERM through ``_handler`` (main thread only; elsewhere a no-op)."""
    with contextlib.suppress(ValueError):  # not the main thread (a test runner's worker)
        signal.signal(signal.SIGINT, _handler)
        signal.signal(signal.SIGTERM, _handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Note, do not raise, a signal that arrives inside the block."""
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1


def pending() -> int | None:
    """The signal that arrived during a deferred block (None if none), forgotten once asked."""
    global _pending
    signum, _pending = _pending, None
    return signum


def hold(noted: int | None = None) -> None:
    """The command's write has happened: from here on a signal is noted (``noted``: one already was)."""
    global _held, _late
    _held = True
    if noted is not None:
        _late = noted


def settle() -> int | None:
    """End ``hold``; the signal (SIGINT or SIGTERM) that arrived after the write had happened, if any."""
    global _held, _late
    late = _late if _held else None
    _held, _late = False, None
    return late


def name(signum: int) -> str:
    """How a message names the signal: Ctrl-C for SIGINT, else its own name (SIGTERM)."""
    return "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
