"""``yamlio._build_plain`` (libyaml's events straight into dicts and lists) may only ever give what
the composed node graph built by ``_Builder`` gives: the same data, or step aside (``_Unusual``,
a YAML error) so that the composed path decides — it never accepts what ``_Builder`` refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dvcli import yamlio
from dvcli.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 10_000


def composed(text: str) -> tuple[str, Any]:
    """What the careful path says: ("ok", data) or ("problem", the first message)."""
    loader = yamlio._StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return ("yaml-error", None)
    finally:
        loader.dispose()
    if node is None:
        return ("ok", None)
    try:
        return ("ok", yamlio._Builder("x.yaml", BUDGET).build(node))
    except DataError as exc:
        return ("problem", exc.problems[0].message)


def loaded(text: str) -> tuple[str, Any]:
    """What ``loads`` says, in ``composed``'s terms."""
    try:
        return ("ok", yamlio.loads(text.encode(), "x.yaml"))
    except DataError as exc:
        return ("problem", exc.problems[0].message)


def agrees(text: str) -> None:
    try:
        plain = yamlio._build_plain(text, BUDGET)
    except (yamlio._Unusual, yaml.YAMLError):
        return  # the composed path decides, as loads does
    assert composed(text) == ("ok", plain), text


FRAGMENTS = st.sampled_from([
    "a", "b", "<<", "~", "null", "''", '""', '"null"', "'~'", "1", "no", "9:30", "&x ", "*x", "!!str ",
    "!x ", "? ", ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", "\n", "\n  ", "\n    ", "\n- ", "# c\u202e\n",
    '"\\u202e"', '"\\0"', '"\\t"', "|\n  x\n", ">\n  y\n", "---\n", "...\n", "\u00e0", "đ", "\t", " ",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(FRAGMENTS, max_size=16))
def test_events_build_what_the_composed_graph_builds(fragments: list[str]) -> None:
    agrees("".join(fragments))


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, ~, {c: d}]\nq: \"null\"\nn: null\ne:\n", "", "--- hi\n", "[]\n", "- a\n- - b\n  - c\n",
    "a: 1\na: 2\n", "<<: {a: 1}\n", "~: 1\n", "? [a]\n: 1\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
    "a: \"\\u202e\"\n", "# \u202e comment\na: 1\n", "a: 1\n---\nb: 2\n", "a: 'x\u00e0'\n", "\"a\": b\n",
])
def test_chosen_documents(text: str) -> None:
    agrees(text)
    expected = composed(text)
    if expected[0] != "yaml-error":  # a syntax error: loads words it itself (test_yamlio.py)
        assert loaded(text) == expected


@pytest.mark.parametrize("depth", [yamlio.MAX_DEPTH - 1, yamlio.MAX_DEPTH, yamlio.MAX_DEPTH + 1])
@pytest.mark.parametrize("leaf", ["x", "[]", "{}"])
def test_the_depth_limit_is_the_composed_one(depth: int, leaf: str) -> None:
    flow = "[" * depth + leaf + "]" * depth
    block = "".join(f"{'  ' * level}k:\n" for level in range(depth)) + "  " * depth + "k: " + leaf + "\n"
    for text in (flow, block):
        agrees(text)
        assert loaded(text) == composed(text)


def test_every_file_of_the_example_data() -> None:
    files = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "src/dvcli").rglob("*.yaml"))
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yamlio._build_plain(text, BUDGET * 100) == composed(text)[1], path
