"""What a consolidated report shows, computed as plain data — no rendering, no printing, no I/O.

``consolidate`` takes the plan, the roster, every report and assignment (already read and
validated, each with its workspace-relative path) and a period, and returns a
``ConsolidatedReport``: the reports in the period, the results grouped by plan task and by
area, the people's situation, effective models, difficulties, proposals by the body addressed,
next period's tasks, the indicator totals (this period and cumulative since the plan began),
the per-member annex, and who reported on time, late or not at all. ``heading`` builds the
document's formal parts (number line, place-date, signature, recipients) for one template and
profile. Templates only lay these out.

Rules (docs/architecture/consolidate.md):
- a weekly report belongs to a range when its week's last day lies in the range, so that
  consecutive months (15th–14th) count every week exactly once; an ad-hoc report when its date does;
- indicators: per member, values across periods are combined by the indicator's ``aggregate``
  (sum, max, or the last one); the totals add the members up. Only weekly reports carry
  indicators into the totals — an ad-hoc report usually repeats figures of its week.
"""

from __future__ import annotations

from .compute import consolidate, in_range, week_of_report
from .content import KIND_AD_HOC, KIND_MONTH, KIND_RANGE, KIND_WEEK, ConsolidatedReport
from .formal import Heading, heading, number_line, recipient_lines

# The package's modules, one job each: content (the computed report's dataclasses and kinds),
# text (prose as paragraphs), vocabulary (labels and the areas a text is about), compute (the
# report: reports in the period, results, situation, models, sentences, proposals), indicators
# (period, cumulative and per-member figures), submissions (who reported), formal (the document's
# formal parts per profile). These are the names the rest of dvcli and the tests use.
__all__ = [
    "KIND_AD_HOC",
    "KIND_MONTH",
    "KIND_RANGE",
    "KIND_WEEK",
    "ConsolidatedReport",
    "Heading",
    "consolidate",
    "heading",
    "in_range",
    "number_line",
    "recipient_lines",
    "week_of_report",
]
