from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", "2021-09-27T09:00:00+07:00")
