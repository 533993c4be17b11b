"""Reading a printed PDF back as a reader sees it: words with their boxes (``pdftotext -bbox``), the
page's text lines (``pdftotext -layout``) and the drawn rules (the page rendered by ``pdftoppm``,
dark horizontal runs). Lengths are in millimetres from the page's top-left corner.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PT = 25.4 / 72  # mm per point
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r"<page width=")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Phrase:
    words: tuple[Word, ...]

    @property
    def one_line(self) -> bool:
        """Every word on the same baseline band (a wrapped line would start a new one)."""
        return max(w.y0 for w in self.words) - min(w.y0 for w in self.words) < 1.0

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return sum(w.height for w in self.words) / len(self.words)


@dataclass(frozen=True)
class Rule:
    y: float
    x0: float
    x1: float

    @property
    def length(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def words(pdf: Path, page: int) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert _PAGE.search(out), out[:200]
    return [Word(html.unescape(m[4]), float(m[0]) * PT, float(m[1]) * PT, float(m[2]) * PT, float(m[3]) * PT)
            for m in _WORD.findall(out)]


def lines(pdf: Path, page: int) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def find(found: list[Word], phrase: str, start: int = 0) -> Phrase:
    """The first run of consecutive words (reading order) that spells ``phrase``."""
    wanted = phrase.split()
    texts = [w.text for w in found]
    for index in range(start, len(texts) - len(wanted) + 1):
        if texts[index:index + len(wanted)] == wanted:
            return Phrase(tuple(found[index:index + len(wanted)]))
    raise AssertionError(f"{phrase!r} not on the page: {' '.join(texts)[:600]}")


def rules(pdf: Path, page: int, tmp: Path, dpi: int = 200) -> list[Rule]:
    """Horizontal lines drawn on the page: a run of dark pixels at least 8 mm long and at most
    0.8 mm thick (text has no such runs; an underline under a word does, and is reported too)."""
    import numpy as np
    from PIL import Image

    stem = tmp / f"page-{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", "-png", "-singlefile",
                    str(pdf), str(stem)], check=True, capture_output=True)
    dark = np.asarray(Image.open(f"{stem}.png").convert("L")) < 128
    mm = 25.4 / dpi
    minimum = int(8 / mm)
    runs: dict[tuple[int, int], list[int]] = {}  # (x0, x1) → rows
    edges = np.diff(np.pad(dark.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    for y in np.flatnonzero(dark.sum(axis=1) >= minimum):
        starts, ends = np.flatnonzero(edges[y] == 1), np.flatnonzero(edges[y] == -1)
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            if b - a >= minimum:
                key = next(((x0, x1) for x0, x1 in runs if abs(x0 - a) <= 2 and abs(x1 - b) <= 2
                            and y - runs[(x0, x1)][-1] <= 1), (a, b))
                runs.setdefault(key, []).append(int(y))
    found = [Rule(sum(rows) / len(rows) * mm, a * mm, b * mm) for (a, b), rows in runs.items()
             if (rows[-1] - rows[0] + 1) * mm <= 0.8]
    return sorted(found, key=lambda rule: (rule.y, rule.x0))


def rule_under(found: list[Rule], phrase: Phrase, within: float = 12.0) -> Rule:
    """The first rule below ``phrase`` (within ``within`` mm) that overlaps it horizontally."""
    for rule in found:
        if phrase.y1 - 0.5 <= rule.y <= phrase.y1 + within and rule.x0 < phrase.x1 and rule.x1 > phrase.x0:
            return rule
    raise AssertionError(f"no rule under {' '.join(w.text for w in phrase.words)!r}: {found}")
