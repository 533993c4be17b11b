"""How long a network command may stay silent grows with the time the member allows it in all."""

from __future__ import annotations

import pytest

from dvcli import gitremote


@pytest.mark.parametrize(("timeout", "stall"), [(5, 5), (30, 30), (120, 30), (600, 150), (3600, 900)])
def test_the_stall_limit_is_a_quarter_of_the_timeout_never_under_30_seconds_nor_over_the_timeout(
        timeout: float, stall: int) -> None:
    assert gitremote.Limits(timeout).stall == stall
