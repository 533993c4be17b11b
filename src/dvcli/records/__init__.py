"""Where assignments and reports live, and what their paths and first lines say — without YAML.

Identity is in the path: ``data/assignments/<member>/<task>_<start>.yaml`` and
``data/reports/<ISO-year>/W<ww>/<member>.yaml`` (ad-hoc reports in ``…/W<ww>/dot-xuat/``).
``status``, ``report list`` and ``check``'s listing answer from paths and a few top-level lines,
so a week of ten thousand reports costs a few bytes per file. Split by what is read:
``report_paths`` (listing), ``headers`` (a report's first lines), ``assignments`` (who is assigned).
"""

from __future__ import annotations

from .assignments import assigned_members, assignment_files, read_assignment_end
from .headers import ReportHeader, parse_moment, read_header, read_submitted, week_submissions
from .report_paths import (
    AD_HOC_DIR,
    ReportPath,
    WeekFolder,
    ad_hoc_date,
    ad_hoc_path,
    period_label,
    report_files,
    report_weeks,
    stray_report_files,
    yaml_files_under,
)

__all__ = [
    "AD_HOC_DIR", "ReportHeader", "ReportPath", "WeekFolder", "ad_hoc_date", "ad_hoc_path", "assigned_members",
    "assignment_files", "parse_moment", "period_label", "read_assignment_end", "read_header", "read_submitted",
    "report_files", "report_weeks", "stray_report_files", "week_submissions", "yaml_files_under",
]
