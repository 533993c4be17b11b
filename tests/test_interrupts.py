"""A late signal is named as it came: Ctrl-C for SIGINT, SIGTERM for a kill."""

from __future__ import annotations

import signal

from dvcli import interrupts


def test_a_signal_after_the_write_is_settled_with_its_own_name() -> None:
    interrupts.hold()
    interrupts._handler(signal.SIGTERM, None)
    late = interrupts.settle()
    assert late == signal.SIGTERM and interrupts.name(late) == "SIGTERM"
    assert interrupts.settle() is None  # forgotten once settled
    assert interrupts.name(signal.SIGINT) == "Ctrl-C"
