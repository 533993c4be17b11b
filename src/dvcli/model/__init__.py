"""The record types: plan, roster, assignments, reports, issued reports. No I/O here.

These frozen dataclasses are the single definition of every data file: ``schema.py`` validates
YAML into them with pydantic and emits JSON Schema from them, and the rest of dvcli reads them.
Field docstrings become the schema's descriptions (shown by editors while typing). One module
per data file; every type is importable from ``dvcli.model``, and only from this package does the
parse cache unpickle a class (``cache.py``).
"""

from __future__ import annotations

from .assignment import Assignment
from .common import (
    CODE,
    FILE_NAME,
    ITEM_ID,
    SLUG,
    Clock,
    Code,
    Email,
    Ge,
    ItemId,
    MaxDigits,
    MinLen,
    Pattern,
    Phone,
    Profile,
    Role,
    Slug,
    Text,
    Weekday,
)
from .correction import Review, Withdrawal
from .issued import GitObject, Issued, IssuedFile, Prepared, Revocation, SignatureCheck, Source
from .mail import MailConfig, ReminderLog, Sent, Smtp
from .package import PACKAGE_FORMAT, Manifest, PackageData, PackageFile
from .plan import (
    BasisDocument,
    DocumentInfo,
    DueRule,
    Group,
    Indicator,
    OutputDocument,
    Plan,
    PlanItem,
    Reporting,
    Section,
    Signature,
    Term,
    Vocabulary,
)
from .report import INDICATOR_DIGITS, IndicatorValue, Model, Proposal, Received, Report, Result, Situation
from .request import ReportRequest
from .roster import Leave, Member, Roster, Unit
from .unit import UNIT_ID, ReceivedPackage, ReplacedMark, ReportingUnit, UnitId, Units

__all__ = [
    "INDICATOR_DIGITS", "Assignment", "BasisDocument", "GitObject", "IssuedFile", "Prepared", "Revocation",
    "SignatureCheck", "CODE", "FILE_NAME", "Clock", "Code", "DocumentInfo", "DueRule", "Email", "Ge", "Group", "Indicator",
    "ITEM_ID", "IndicatorValue", "Issued", "ItemId", "Leave", "MailConfig", "MaxDigits", "Member", "MinLen", "Model", "OutputDocument", "Pattern", "Phone", "Plan",
    "PlanItem", "PlannedTask", "Profile", "Proposal", "Received", "ReminderLog", "Report", "ReportRequest", "Reporting", "Result", "Sent", "Smtp", "Role", "Roster", "SLUG", "Section",
    "Review", "Signature", "Situation", "Slug", "Source", "Term", "Text", "Unit", "UNIT_ID", "PACKAGE_FORMAT", "Manifest", "PackageData", "PackageFile", "ReceivedPackage", "ReplacedMark", "ReportingUnit", "UnitId", "Units", "Vocabulary", "Weekday", "Withdrawal",
]
