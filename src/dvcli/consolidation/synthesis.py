"""The consolidated report as one text a leader reads: sections of short paragraphs, synthesised
from the computed report (``ConsolidatedReport``) — no member credits, no vocabulary tags, each
statement once.

Shape (DOCUMENT-FORMAT.md, and the quick-report outline danvan.vn describes — developments,
results, assessment, next tasks, recommendations):
I. situation, one paragraph per area; II. results, one paragraph per field, then the effective
models; III. assessment — the headline figures (the same totals Biểu 1 prints: one source), the
difficulties and their causes, each merged into one paragraph; IV. next tasks; V. proposals, one
paragraph per body addressed; then the customary closing sentence. A report addressed above the
Ban (``upward``) leaves out the Ban's own office and proposals to the Ban's own leadership; every
report leaves out the group's housekeeping (leave, who drafts the report, reminders).

The draft (``services/draft.py``) stores exactly these sections; the templates lay them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Plan
from ..names import fold
from .content import KIND_AD_HOC, ConsolidatedReport, Entry, IndicatorTotal, ModelEntry
from .prose import Merger, cut, lower_first, period_wording, sentences, without_internal

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_LEAD = re.compile(r"^\*\*(?P<lead>[^*]+)\*\*\s*(?P<text>.*)$", re.DOTALL)
_OWN_OFFICE = "co-quan-ban"
_OWN_LEADERS = "lanh-dao-ban"
PARAGRAPH_BUDGET = 480
"""Characters of one group's paragraph (about six lines at 14 pt): "one short paragraph per group"."""
_AREA_PREFIX = re.compile(r"^(?:thanh-pho-|tinh-|cac-|mien-nui-)")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``lead`` (bold, with its colon) opens it when the paragraph is about a group."""

    text: str
    lead: str = ""

    @property
    def markup(self) -> str:
        """As written in the draft: ``**Lead:** text``."""
        return f"**{self.lead}** {self.text}" if self.lead else self.text

    @staticmethod
    def parse(markup: str) -> Paragraph:
        text = " ".join(markup.split())
        found = _LEAD.match(text)
        return Paragraph(found["text"], found["lead"].strip()) if found else Paragraph(text)


@dataclass(frozen=True)
class Section:
    id: str
    """Stable key ("tinh-hinh", "ket-qua/linh-vuc"): a re-draft finds the secretary's text by it."""
    level: int
    """1: "I. TÌNH HÌNH"; 2: "1. Tình hình nhân dân"."""
    heading: str
    paragraphs: list[Paragraph]
    left_out: tuple[str, ...] = ()
    """Statements the synthesis left out to keep each paragraph short: the draft lists them."""


@dataclass(frozen=True)
class Synthesis:
    intro: str
    sections: list[Section]
    closing: str

    def sentences(self) -> list[str]:
        """Every sentence of the body, in order (the no-repetition rule is checked on these)."""
        found = sentences(self.intro)
        for section in self.sections:
            for paragraph in section.paragraphs:
                found += sentences(paragraph.text)
        return found + sentences(self.closing)


def figure_text(total: IndicatorTotal, number: str) -> str:
    """One headline figure as the body states it: "Hộ gia đình được hỗ trợ: 4.320 hộ"."""
    return f"{total.label}: {number} {total.unit}"


class _Writer:
    def __init__(self, report: ConsolidatedReport, plan: Plan, upward: bool, number: object) -> None:
        self.r, self.plan, self.upward, self.number = report, plan, upward, number
        self.merger = Merger()
        self.left_out: list[str] = []
        self._said: dict[str, list[str]] = {}
        self.area_rank = {term.label: index for index, term in enumerate(plan.vocabulary.areas)}
        self.own_office = {term.label for term in plan.vocabulary.areas if fold(term.id) == _OWN_OFFICE}

    def clean(self, texts: Iterable[str]) -> list[str]:
        """Sentences said right for the period, housekeeping left out, each statement once; at most
        ``PARAGRAPH_BUDGET`` characters (at least one sentence): the rest goes to ``left_out``."""
        found: list[str] = []
        for text in texts:
            said = self._said.get(text)
            if said is None:
                said = self._said[text] = self._sentences(text)
            found += said
        return self.within_budget(self.merger.merge(found))

    def _sentences(self, text: str) -> list[str]:
        """One text's sentences said right for the period, housekeeping left out (memoised by
        ``clean``: members repeat the group's standard sentences, 10,000 members hundreds of times)."""
        found = []
        for sentence in sentences(text):
            sentence = without_internal(period_wording(sentence, self.r.period.kind, self.r.next_label))
            if sentence:
                found.append(sentence)
        return found

    def within_budget(self, statements: Iterable[str], budget: int = PARAGRAPH_BUDGET) -> list[str]:
        """The statements that fit in ``budget`` characters, in order (at least the first); the rest,
        and what did not fit of a statement that merged many (``prose.cut``), go to ``left_out``."""
        kept: list[str] = []
        size = 0
        for statement in statements:
            head, rest = cut(statement, budget)
            if kept and size + len(head) > budget:
                self.left_out.append(head)
            else:
                kept.append(head)
                size += len(head) + 1
            self.left_out += rest
        return kept

    def area_lead(self, area: str, first: str) -> str:
        """"Tại Tây Nguyên:", unless the paragraph's first sentence already names the area."""
        key = fold(area)
        if key == "toan-quoc":
            return "Trên phạm vi cả nước:"
        core = _AREA_PREFIX.sub("", key)
        return "" if core and core in fold(first) else f"Tại {lower_first(area)}:"

    def situation(self, attribute: str) -> list[Paragraph]:
        groups: dict[str, list[str]] = {}
        for item in self.r.situation:
            area = item.areas[0] if item.areas else ""
            if self.upward and area in self.own_office:
                continue
            groups.setdefault(area, []).append(getattr(item, attribute))
        ordered = sorted(groups, key=lambda area: self.area_rank.get(area, len(self.area_rank)))
        found = []
        for area in ordered:
            said = self.clean(groups[area])
            if said:
                found.append(Paragraph(" ".join(said), self.area_lead(area, said[0]) if area else ""))
        return found

    def results(self) -> list[Paragraph]:
        field_rank = {term.label: index for index, term in enumerate(self.plan.vocabulary.fields)}
        groups: dict[str, list[Entry]] = {}
        for group in self.r.by_task:
            for entry in group.entries:
                if self.upward and entry.areas and all(area in self.own_office for area in entry.areas):
                    continue
                groups.setdefault(entry.fields[0] if entry.fields else group.short, []).append(entry)
        found = []
        for label in sorted(groups, key=lambda label: field_rank.get(label, len(field_rank))):
            entries = sorted(groups[label], key=lambda e: min((self.area_rank.get(a, 99) for a in e.areas), default=99))
            said = self.clean(entry.text for entry in entries)
            if said:
                found.append(Paragraph(" ".join(said), f"{label}:"))
        return found

    def models(self) -> list[Paragraph]:
        """Named with their place, those proposed for replication first; how each works is in the
        members' reports (a leader reads which models, where). Each paragraph names the models that
        fit in ``PARAGRAPH_BUDGET`` (at least one); the others go to ``left_out``."""
        def named(models: list[ModelEntry]) -> str:
            shown: list[str] = []
            size = 0
            for model in models:
                name = f"“{model.name}” ({model.place})"
                if shown and size + 2 + len(name) + 1 > PARAGRAPH_BUDGET:
                    self.left_out.append(f"{name}.")
                    continue
                shown.append(name)
                size += len(name) + 2
            return "; ".join(shown) + "."

        chosen = [model for model in self.r.models if model.replicate]
        others = [model for model in self.r.models if not model.replicate]
        found = []
        if chosen:
            found.append(Paragraph(named(chosen), "Đề xuất nhân rộng:"))
        if others:
            found.append(Paragraph(named(others), "Mô hình khác được ghi nhận:" if chosen else ""))
        return found

    def strengths(self) -> list[Paragraph]:
        shown = [figure_text(t, self.number(t.period)) for t in self.r.highlights]  # type: ignore[operator]
        if not shown:
            return []
        return [Paragraph(f"Kết quả nổi bật trong {_word(self.r)} (chi tiết tại Phụ lục): " + "; ".join(shown) + ".")]

    def one_paragraph(self, texts: Iterable[str]) -> list[Paragraph]:
        said = self.clean(texts)
        return [Paragraph(" ".join(said))] if said else []

    def next_tasks(self) -> list[Paragraph]:
        """One paragraph: the tasks as clauses of one sentence, each once."""
        said = [text.rstrip(".") for text in self.clean(item.text for item in self.r.next_tasks)]
        if not said:
            return []
        return [Paragraph("; ".join([said[0], *(lower_first(text) for text in said[1:])]) + ".")]

    def previous_tasks(self) -> list[Paragraph]:
        """Last period's planned tasks, one paragraph per outcome (done, carried over, dropped)."""
        found = []
        for outcome, lead in (("done", "Đã hoàn thành"), ("carried", "Chuyển sang kỳ này"),
                              ("dropped", "Không tiếp tục thực hiện")):
            said = [text.rstrip(".") for text in self.clean(t.text for t in self.r.previous_tasks
                                                              if t.outcome == outcome)]
            if said:
                found.append(Paragraph("; ".join([said[0], *(lower_first(text) for text in said[1:])]) + ".",
                                       f"{lead}:"))
        return found

    def proposals(self) -> list[Paragraph]:
        found = []
        for group in self.r.proposals:
            if self.upward and _OWN_LEADERS in fold(group.to):
                continue
            said = self.clean(item.text for item in group.items)
            if said:
                found.append(Paragraph(" ".join(said), f"Đối với {group.to}:"))
        return found


def _word(report: ConsolidatedReport) -> str:
    return {"week": "tuần", "month": "tháng"}.get(report.period.kind, "kỳ")


def synthesise(report: ConsolidatedReport, plan: Plan, *, upward: bool, intro: str, closing: str,
               number: object) -> Synthesis:
    """The report's sections (module docstring); ``number`` formats a figure (``render.number_vi``)."""
    w = _Writer(report, plan, upward, number)
    none = [Paragraph("Trong kỳ không có nội dung báo cáo.")]
    parts: list[tuple[str, int, str, list[Paragraph], tuple[str, ...]]] = []

    def add(key: str, level: int, heading: str, paragraphs: list[Paragraph], empty: bool = True) -> None:
        left, w.left_out = tuple(w.left_out), []
        if paragraphs or empty:
            parts.append((key, level, heading, paragraphs or (none if level == 2 or key in _EMPTY_SAID else []),
                          left))

    add("tinh-hinh", 1, "TÌNH HÌNH", [])
    add("tinh-hinh/nhan-dan", 2, "Tình hình nhân dân", w.situation("overview"))
    add("tinh-hinh/tam-tu", 2, "Tâm tư, nguyện vọng của nhân dân", w.situation("thoughts"))
    add("ket-qua", 1, "KẾT QUẢ THỰC HIỆN", [])
    add("ket-qua/linh-vuc", 2, "Kết quả theo lĩnh vực, địa bàn", w.results())
    add("ket-qua/mo-hinh", 2, "Mô hình hiệu quả", w.models())
    add("ket-qua/ky-truoc", 2, "Thực hiện nhiệm vụ đề ra kỳ trước", w.previous_tasks(), empty=False)
    add("danh-gia", 1, "ĐÁNH GIÁ", [])
    add("danh-gia/uu-diem", 2, "Ưu điểm", w.strengths())
    add("danh-gia/han-che", 2, "Hạn chế, khó khăn", w.one_paragraph(item.text for item in report.difficulties))
    # causes only as the members wrote them: none reported, no heading
    add("danh-gia/nguyen-nhan", 2, "Nguyên nhân", w.one_paragraph(item.text for item in report.causes), empty=False)
    add("nhiem-vu", 1, f"NHIỆM VỤ {report.next_label.upper()}", w.next_tasks())
    add("kien-nghi", 1, "KIẾN NGHỊ, ĐỀ XUẤT", w.proposals())
    return Synthesis(intro, _numbered(parts), closing)


_EMPTY_SAID = {"nhiem-vu", "kien-nghi"}


def _numbered(parts: list[tuple[str, int, str, list[Paragraph], tuple[str, ...]]]) -> list[Section]:
    sections, top, sub = [], 0, 0
    for key, level, heading, paragraphs, left_out in parts:
        if level == 1:
            top, sub = top + 1, 0
            heading = f"{ROMAN[top - 1]}. {heading}"
        else:
            sub += 1
            heading = f"{sub}. {heading}"
        sections.append(Section(key, level, heading, paragraphs, left_out))
    return sections


def addressees(recipients: list[str]) -> str:
    """Whom the closing sentence reports to (the recipients marked "để b/c"), in words."""
    found = []
    for line in recipients:
        name = line.replace("đ/c", "đồng chí")
        found.append(name[:1].lower() + name[1:] if name.startswith("Các ") else name)
    if len(found) > 1:
        return ", ".join(found[:-1]) + " và " + found[-1]
    return found[0] if found else ""


def opening_and_closing(report: ConsolidatedReport, basis: str, who: str, subject: str, period: str,
                        recipients: list[str]) -> tuple[str, str]:
    """The opening ("Thực hiện …, X báo cáo … như sau:") and the customary closing
    ("Trên đây là báo cáo …, X kính báo cáo …."); an ad-hoc report says what it is about."""
    about = f"đột xuất về {subject}" if report.kind == KIND_AD_HOC else subject
    intro = f"Thực hiện {basis}, {_units_basis(report)}{who} báo cáo {about} {period} như sau:"
    to = addressees(recipients)
    closing = f"Trên đây là báo cáo {about} {period}, {who} kính báo cáo{(' ' + to) if to else ''}."
    return intro, closing


def _units_basis(report: ConsolidatedReport) -> str:
    """"trên cơ sở Báo cáo số 05-BC/T78 ngày 27/9/2021 của …; … (chưa nhận được báo cáo của …), "."""
    cited = "; ".join(citation.text for citation in report.units)
    missing = ", ".join(report.missing_units)
    if not cited and not missing:
        return ""
    if not cited:
        return f"chưa nhận được báo cáo của {missing}, "
    return f"trên cơ sở {cited}" + (f" (chưa nhận được báo cáo của {missing})" if missing else "") + ", "
