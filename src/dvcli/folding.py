"""Accent- and case-insensitive matching: what "ton giao" finds in "Tôn giáo".

Folding is defined character by character (``fold_char``: NFD, combining marks dropped, đ→d,
lower case). ``Finder`` finds a folded needle in a text without folding the text: the needle becomes
a regular expression whose every position is the class of characters that fold to the needle's
character there, which the ``re`` engine scans in C at a few nanoseconds a character — folding the
whole text with ``str.translate`` costs about 50 (a dictionary lookup each).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


def fold_char(char: str) -> str:
    """One character without accents and case (may be empty for a lone combining mark)."""
    if char in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base.lower()


class _FoldTable(dict[int, str]):
    """fold_char of every character met so far, by code point, learnt on first sight.

    ``str.translate`` looks each character up in C and calls ``__missing__`` only for one not
    met before. ``irregular`` holds those whose fold is not exactly one character (a lone
    combining mark folds to none): the only ones that move folded positions away from the
    original ones.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        piece = fold_char(chr(code))
        self[code] = piece
        if len(piece) != 1:
            self.irregular.add(chr(code))
        return piece


_FOLDED = _FoldTable()


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """``text`` folded, and for each folded character the index of its original character."""
    folded = text.translate(_FOLDED)  # every character of text is known from here on
    if _FOLDED.irregular.isdisjoint(text):  # one folded character for each: positions are unchanged
        return folded, range(len(text))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _FOLDED[ord(char)]:
            pieces.append(piece)
            origin.append(index)
    return "".join(pieces), origin


def fold(text: str) -> str:
    return fold_with_map(unicodedata.normalize("NFC", text))[0]


def _spans(folded: str, origin: Sequence[int], needle: str) -> list[tuple[int, int]]:
    spans = []
    start = folded.find(needle)
    while needle and start != -1:
        end = start + len(needle)
        spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(needle, end)
    return spans


_EXACT_CHARS_PER_CLASS_CHAR = 16
"""How many characters the exact path folds, per character the pattern's classes hold, before
the pattern is compiled again: compiling costs about 0.75 µs a class character, folding about
0.05 µs a text character, so compiling never costs more than the folding it saves."""


class Finder:
    """Every place in NFC texts where the folded ``needle`` occurs, as ``str.find`` in the folded text says.

    The classes are built from the characters met so far (the fold table). A text holding a
    character they do not cover — met after the pattern was compiled, or one whose fold is not
    exactly one character, which moves folded positions — takes the exact path (fold with a map,
    which teaches the table); once that path has folded enough characters, the pattern is
    compiled again to cover the new ones.
    """

    def __init__(self, needle: str) -> None:
        self.needle = needle
        self._compile()

    def _compile(self) -> None:
        regular = [(chr(code), piece) for code, piece in list(_FOLDED.items()) if len(piece) == 1]
        by_fold: dict[str, list[str]] = {}
        for char, piece in regular:
            by_fold.setdefault(piece, []).append(char)
        self._pattern = re.compile("".join(
            "[" + "".join(map(re.escape, by_fold[piece])) + "]" if piece in by_fold else "(?!)"
            for piece in self.needle))
        covered = "".join(re.escape(char) for char, _piece in regular)
        self._uncovered = re.compile(f"[^{covered}]" if covered else "(?s:.)")
        self._budget = max(1, len(regular)) * _EXACT_CHARS_PER_CLASS_CHAR

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) spans of ``text``, leftmost first and not overlapping, as ``str.find``
        finds them in the folded text."""
        if not self.needle:
            return []
        if self._uncovered.search(text) is None:  # every character folds to one the classes know
            return [match.span() for match in self._pattern.finditer(text)]
        folded, origin = fold_with_map(text)
        self._budget -= len(text)
        if self._budget <= 0:
            self._compile()
        return _spans(folded, origin, self.needle)
