"""The editable draft between the data and the document (issue 15): ``data/drafts/<name>.yaml``.

``consolidate … --draft`` writes one file per period and template — the synthesis as sections
(``text``: paragraphs separated by blank lines, a bold lead as ``**Tại Tây Nguyên:**``), the figures
it states and the sources it was made from (sha256) — and commits it. Every preview and
``--issue`` render from the draft when there is one, so the secretary's text is what gets issued.

A re-draft never overwrites what the secretary wrote: a section whose ``text`` no longer matches
the digest dvcli wrote (``generated``) keeps its text, and what the new or changed reports add is
put beside it under ``new:`` (sentences the synthesis without those reports would not have said);
untouched sections take the new synthesis. ``check`` flags a draft whose figures no longer match
the sources (``stale_problems``), and ``--issue`` refuses one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import atomic, yamlio
from ..i18n import _
from ..names import fold

if TYPE_CHECKING:
    from ..consolidation import ConsolidatedReport
    from ..consolidation.synthesis import Synthesis
    from ..workspace import Workspace

from ..snapshot.drafts import DRAFTS as DRAFTS
from ..snapshot.drafts import draft_files as draft_files
from ..snapshot.drafts import folder as folder
from ..snapshot.drafts import load as load
from ..snapshot.drafts import path_for as path_for


def digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def section_text(paragraphs: list[Any]) -> str:
    return "\n\n".join(p.markup for p in paragraphs)


def figures_of(report: ConsolidatedReport) -> dict[str, dict[str, str | None]]:
    return {t.id: {"period": _text(t.period), "cumulative": _text(t.cumulative)} for t in report.indicators}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class Drafted:
    path: str
    created: bool
    fresh_sources: list[str] = field(default_factory=list)
    """Reports new or changed since the draft was made (re-draft only)."""
    with_new: list[str] = field(default_factory=list)
    """Headings of the secretary's sections that got ``new:`` material."""
    changed_figures: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    committed: bool = False


def synthesis_of(data: dict[str, Any]) -> Synthesis:
    from ..consolidation.synthesis import Paragraph, Section, Synthesis

    sections = [Section(s["id"], int(str(s["level"])), s["heading"],
                        [Paragraph.parse(block) for block in _blocks(s.get("text") or "")])
                for s in data["sections"]]
    return Synthesis(" ".join(data["intro"].split()), sections, " ".join(data["closing"].split()))


def _blocks(text: str) -> list[str]:
    from ..consolidation.text import paragraphs

    return paragraphs(text)


def write(ws: Workspace, name: str, meta: dict[str, Any], made: Synthesis, baseline: Synthesis | None,
          report: ConsolidatedReport, sources: dict[str, str]) -> Drafted:
    """Create the draft, or merge the new synthesis into the existing one (module docstring).

    ``baseline``: the synthesis without the reports that are new or changed since the draft.
    """
    path = path_for(ws, name)
    display = ws.rel(path)
    old = load(path, display) if path.exists() else None
    drafted = Drafted(display, old is None)
    old_sections = {s["id"]: s for s in (old or {}).get("sections", [])}
    if old is not None:
        before = {item["path"]: item["sha256"] for item in old["sources"] if isinstance(item, dict)}
        drafted.fresh_sources = [p for p, sha in sources.items() if before.get(p) != sha]
        now = figures_of(report)
        drafted.changed_figures = [key for key, value in now.items() if old["figures"].get(key) != value]
    said_before = set()
    if baseline is not None:
        said_before = {fold(s) for s in baseline.sentences()}
    sections = []
    for section in made.sections:
        text = section_text(section.paragraphs)
        entry: dict[str, Any] = {"id": section.id, "level": section.level, "heading": section.heading}
        previous = old_sections.get(section.id)
        edited = previous is not None and digest(previous.get("text") or "") != previous.get("generated")
        if edited:
            assert previous is not None
            entry["text"], entry["generated"] = previous.get("text") or "", previous.get("generated")
            new = _new_sentences(section, said_before, previous.get("text") or "") if baseline else []
            if new or previous.get("new"):
                entry["new"] = "\n\n".join(p for p in [previous.get("new") or "", " ".join(new)] if p)
                if new:
                    drafted.with_new.append(section.heading)
        else:
            entry["text"], entry["generated"] = text, digest(text)
        if section.left_out:
            entry["left_out"] = list(section.left_out)
        sections.append(entry)
    record = {**meta,
              "intro": (old or {}).get("intro") or made.intro, "sections": sections,
              "closing": (old or {}).get("closing") or made.closing,
              "figures": figures_of(report),
              "sources": [{"path": p, "sha256": sha} for p, sha in sources.items()]}
    atomic.write_text(path, _(
        "# Dự thảo báo cáo tổng hợp: sửa nội dung các mục (text), giữ nguyên id, heading, figures, sources.\n"
        "# Chạy lại dvcli consolidate … --draft khi có báo cáo mới: phần đã sửa được giữ, phần mới ghi ở new.\n")
        + yamlio.dumps(record))
    drafted.written.append(display)
    return drafted


def _new_sentences(section: Any, said_before: set[str], kept: str) -> list[str]:
    from ..consolidation.prose import sentences

    in_text = {fold(s) for s in sentences(kept)}
    found = []
    for paragraph in section.paragraphs:
        for sentence in sentences(paragraph.text):
            key = fold(sentence)
            if key not in said_before and key not in in_text:
                found.append(sentence)
    return found


def stale(data: dict[str, Any], report: ConsolidatedReport) -> list[tuple[str, Any, Any]]:
    """(indicator, the draft's figure, the sources' figure) for every figure that no longer matches."""
    now = figures_of(report)
    return [(key, data["figures"].get(key), value) for key, value in now.items() if data["figures"].get(key) != value]
