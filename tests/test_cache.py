"""The verified parse cache, seen from the outside: served when the bytes are the same, never trusted otherwise."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from dvcli import schema
from foundation_support import Workspace


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("schema.validate was called: the cache did not serve this file")


def _cache_files(ws: Workspace) -> list[Path]:
    return sorted(path for path in (ws.root / ".dvcli" / "cache").rglob("*") if path.is_file())


def test_a_second_check_is_served_from_the_cache(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert workspace.run("check").exit_code == 0
    assert _cache_files(workspace)
    monkeypatch.setattr(schema, "validate", _refuse)
    result = workspace.run("check")
    assert (result.exit_code, result.stderr) == (0, "")


def test_an_edited_file_of_the_same_size_and_time_is_validated_again(workspace: Workspace,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert workspace.run("check").exit_code == 0
    members = workspace.root / "data" / "members.yaml"
    before = members.stat()
    workspace.edit("data/members.yaml", "role: thu-ky", "role: thu-kx")
    os.utime(members, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert members.stat().st_size == before.st_size
    result = workspace.run("check")
    assert result.exit_code == 1
    assert 'members[10].role: "thu-kx" không phải giá trị được phép' in result.stderr


@pytest.mark.parametrize("garbage", [
    os.urandom(4096),
    b"",
    pickle.dumps(("dvcli-cache", 999, "0"), protocol=2)[:-3],
])
def test_a_corrupt_cache_is_ignored_and_rebuilt(workspace: Workspace, monkeypatch: pytest.MonkeyPatch,
                                                garbage: bytes) -> None:
    assert workspace.run("check").exit_code == 0
    files = _cache_files(workspace)
    for path in files:
        path.write_bytes(garbage)
    result = workspace.run("check")
    assert (result.exit_code, result.stderr) == (0, "")
    # rebuilt: a third run is served from the cache again
    monkeypatch.setattr(schema, "validate", _refuse)
    assert workspace.run("check").exit_code == 0


class _Exploit:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def _dotted_global() -> bytes:
    """A protocol-4 pickle calling ``datetime.sys.exit(7)`` through a dotted global name."""
    return b"\x80\x04cdatetime\nsys.exit\n(K\x07tR."


def test_a_foreign_pickle_is_never_executed(workspace: Workspace, tmp_path: Path) -> None:
    assert workspace.run("check").exit_code == 0
    marker = tmp_path / "pwned"
    payloads = [pickle.dumps(_Exploit(marker), protocol=p) for p in (0, 2, pickle.HIGHEST_PROTOCOL)]
    payloads.append(pickle.dumps(("dvcli-cache", 1, "0.1.0", {("Plan", "x"): _Exploit(marker)})))
    payloads.append(_dotted_global())
    for payload in payloads:
        for path in _cache_files(workspace):
            path.write_bytes(payload)
        result = workspace.run("check")
        assert (result.exit_code, result.stderr) == (0, ""), payload
        assert not marker.exists(), "the cache executed code from a foreign pickle"


def test_the_cache_lives_in_the_ignored_state_folder(workspace: Workspace) -> None:
    workspace.run("check")
    assert all(path.is_relative_to(workspace.root / ".dvcli") for path in _cache_files(workspace))
    assert not [path for path in (workspace.root / "data").rglob("*") if path.name.startswith(".")]
