"""The annex's charts: each headline indicator week by week since the plan began, this period's
weeks highlighted — one figure of small bar charts, as PNG (DOCX, PDF) and SVG (HTML).

matplotlib (its figure alone, no pyplot and no display) is imported only when a chart is drawn:
``Charts`` is lazy, so a Markdown preview, which shows no chart, never pays for it.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from functools import cached_property
from typing import Any

FONT = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]


# how every chart is drawn and saved (saving lays the text out again: the same settings then)
_STYLE: dict[Any, Any] = {"font.family": "serif", "font.serif": FONT, "font.size": 9, "svg.hashsalt": "dvcli",
                          "svg.fonttype": "none"}


class Chart:
    """One drawn figure, saved in a format when a template first asks for it: DOCX and PDF take the
    PNG, HTML the SVG (saving both cost 0.32 s a report; a DOCX needs 0.19 s of it)."""

    def __init__(self, figure: Any) -> None:
        self._figure = figure

    @cached_property
    def png(self) -> bytes:
        found = io.BytesIO()
        self._save(found, format="png", dpi=200, metadata={"Software": None})
        return found.getvalue()

    @cached_property
    def svg(self) -> str:
        found = io.StringIO()
        self._save(found, format="svg", metadata={"Date": None, "Creator": None})
        text = found.getvalue()
        return text[text.index("<svg"):]

    def _save(self, into: Any, **options: Any) -> None:
        import matplotlib

        with matplotlib.rc_context(_STYLE):
            self._figure.savefig(into, **options)


class Charts:
    """The charts of one report, drawn on first use (``{% if charts %}`` or a loop)."""

    def __init__(self, series: list[Any]) -> None:
        self._series = series

    def __bool__(self) -> bool:
        return bool(self._series) and any(len(s.points) for s in self._series)

    def __iter__(self) -> Iterator[Chart]:
        return iter(self._drawn)

    @cached_property
    def _drawn(self) -> list[Chart]:
        return [draw(self._series)] if self else []


def _face(needed: str, bold: bool = False) -> Any:
    """A font file of the first family in ``FONT`` that has every character of ``needed``.

    Families are not enough: a machine may hold two files under one name (Debian's
    ``fonts-liberation`` without Vietnamese beside ``fonts-liberation2`` with it), and which one
    matplotlib picks by name depends on the order it found them. DejaVu Serif ships with
    matplotlib and covers Vietnamese: it is the last resort.
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    weight = 700 if bold else 400
    wanted = {ord(char) for char in needed}
    for family in FONT:
        files = sorted(entry.fname for entry in font_manager.fontManager.ttflist
                       if entry.name == family and entry.style == "normal" and entry.weight == weight)
        for fname in files:
            if wanted <= FT2Font(fname).get_charmap().keys():
                return font_manager.FontProperties(fname=fname)
    return font_manager.FontProperties(family="DejaVu Serif", weight=weight)


def draw(series: list[Any]) -> Chart:
    """The figure of ``series``: a ``matplotlib.figure.Figure`` of its own (no pyplot, so nothing
    keeps it once the chart is dropped), saved by ``Chart`` on demand."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from .render import number_vi

    columns = 2 if len(series) > 1 else 1
    rows = (len(series) + columns - 1) // columns
    with matplotlib.rc_context(_STYLE):
        titles = [textwrap.fill(f"{one.label} ({one.unit})", 42) for one in series]
        plain, bold = _face("".join(titles) + "0123456789.,"), _face("0123456789.,-", bold=True)
        figure = Figure(figsize=(6.3, 2.1 * rows))
        axes = figure.subplots(rows, columns, squeeze=False)
        for ax, one, title in zip(axes.flat, series, titles, strict=False):
            labels = [week.split("-")[1] for week, _v, _h in one.points]
            values = [float(value) for _w, value, _h in one.points]
            colours = ["#b22222" if here else "#9aa5b1" for _w, _v, here in one.points]
            bars = ax.bar(labels, values, color=colours)
            for bar, (_w, value, here) in zip(bars, one.points, strict=True):
                if here:
                    ax.annotate(number_vi(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                                ha="center", va="bottom", fontproperties=bold, fontsize=8)
            ax.set_title(title, fontproperties=plain, fontsize=9)
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(axis="y", labelsize=7)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: number_vi(round(y))))
            ax.margins(y=0.2)
        for ax in list(axes.flat)[len(series):]:
            ax.set_visible(False)
        figure.tight_layout()
    return Chart(figure)
