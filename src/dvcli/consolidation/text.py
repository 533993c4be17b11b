"""Prose helpers for the computed report: texts as printed paragraphs."""

from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """Prose as printed paragraphs: a blank line separates paragraphs, a single newline only wraps."""
    return [" ".join(block.split()) for block in _BLANK_LINE.split(text.strip()) if block.strip()]
