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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomic, yamlio
from ..errors import DataError, Problem
from ..i18n import _
from ..names import fold

if TYPE_CHECKING:
    from ..consolidation import ConsolidatedReport
    from ..consolidation.synthesis import Synthesis
    from ..workspace import Workspace

DRAFTS = "drafts"

def folder(ws: Workspace) -> Path:
    return ws.data / DRAFTS


def path_for(ws: Workspace, name: str) -> Path:
    """``name`` is ``consolidate.preview_name`` (a template name and a period label, or a folded
    title): made of codes, never a path of its own."""
    return folder(ws) / f"{name}.yaml"


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


def load(path: Path, display: str) -> dict[str, Any]:
    """The draft file, strictly parsed and checked (every problem named with file, line, field)."""
    data = yamlio.load(path, display)
    problems: list[Problem] = []

    def need(where: list[str | int], ok: bool, what: str) -> None:
        if not ok:
            problems.append(Problem(display, yamlio.line_of(path, where), ".".join(map(str, where)),
                                    _("phải là {w}").format(w=what),
                                    _("sửa lại theo khung dvcli đã ghi; hoặc xoá tệp rồi chạy lại --draft")))

    need([], isinstance(data, dict), _("một bảng (mapping)"))
    if problems:
        raise DataError(problems)
    for key in ("intro", "closing"):
        need([key], isinstance(data.get(key), str) and bool(data.get(key, "").strip()), _("một đoạn văn"))
    sections = data.get("sections")
    need(["sections"], isinstance(sections, list) and bool(sections), _("danh sách các mục"))
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            need(["sections", index], False, _("một mục (id, heading, text)"))
            continue
        for key in ("id", "heading"):
            need(["sections", index, key], isinstance(section.get(key), str) and bool(section.get(key)),
                 _("một dòng chữ"))
        need(["sections", index, "level"], str(section.get("level")) in ("1", "2"), _("1 hoặc 2"))
        need(["sections", index, "text"], isinstance(section.get("text", ""), str), _("đoạn văn (có thể trống)"))
    need(["figures"], isinstance(data.get("figures"), dict), _("bảng số liệu"))
    need(["sources"], isinstance(data.get("sources"), list), _("danh sách nguồn"))
    if problems:
        raise DataError(problems)
    return data  # type: ignore[no-any-return]


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
