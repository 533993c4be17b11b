"""Former home of the listing and header readers, now ``dvcli.snapshot`` (kept as an alias).

New code imports ``dvcli.snapshot``; this name stays so that code written against it keeps working.
"""

from __future__ import annotations

from ..snapshot import (
    AD_HOC_DIR,
    ReportHeader,
    ReportPath,
    WeekFolder,
    ad_hoc_date,
    ad_hoc_path,
    assigned_members,
    assignment_files,
    parse_moment,
    period_label,
    read_assignment_end,
    read_header,
    read_submitted,
    report_files,
    report_weeks,
    week_submissions,
)

__all__ = [
    "AD_HOC_DIR", "ReportHeader", "ReportPath", "WeekFolder", "ad_hoc_date", "ad_hoc_path", "assigned_members",
    "assignment_files", "parse_moment", "period_label", "read_assignment_end", "read_header", "read_submitted",
    "report_files", "report_weeks", "week_submissions",
]
