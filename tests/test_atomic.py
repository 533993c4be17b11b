"""Atomic writes (``atomic.py``): never a partial file, never an overwrite by ``create``, the usual modes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dvcli import atomic


def test_an_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.yaml"
    atomic.write_text(target, "a: 1\n")
    atomic.write_text(target, "a: 2\n")
    assert target.read_text(encoding="utf-8") == "a: 2\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.yaml"]


def test_atomic_write_gives_a_new_file_the_usual_mode(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    reference.write_text("x", encoding="utf-8")
    target = tmp_path / "a.yaml"
    atomic.write_text(target, "a: 1\n")
    assert target.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777


def test_an_atomic_create_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    assert atomic.create(target, b"first\n") is True
    assert atomic.create(target, b"second\n") is False
    assert target.read_bytes() == b"first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_an_atomic_write_keeps_the_mode_an_existing_file_has(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("a: 1\n", encoding="utf-8")
    target.chmod(0o640)
    atomic.write_bytes(target, b"a: 2\n")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"a: 2\n", 0o640)


def test_an_atomic_create_without_hard_links_still_never_overwrites(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*_args: object, **_kwargs: object) -> None:
        raise OSError("Operation not permitted")  # as on some network shares

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "r.yaml"
    assert atomic.create(target, b"first\n") is True
    assert atomic.create(target, b"second\n") is False
    assert target.read_bytes() == b"first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]
