"""The document's formal parts per profile (Party or State): header, number, signature, recipients."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..i18n import _
from ..model import OutputDocument, Plan, Roster
from .content import KIND_AD_HOC, ConsolidatedReport
from .prose import lower_first

_STATE_AUTHORITY = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "T/U/Q": "TUQ."}


@dataclass(frozen=True)
class Heading:
    """The formal parts of the document for one template and profile (DOCUMENT-FORMAT.md)."""

    profile: str
    parent_header: str
    issuer_header: str
    national: list[str]
    number_line: str
    symbol: str
    place: str
    date: dt.date | None
    """None in a document prepared for signature: the date is written at release."""
    kind_title: str
    subject: str
    period_text: str
    draft: bool
    authority: str
    signer_title: str
    signer_name: str
    recipients_label: str
    recipients: list[str]
    upward: bool = False
    """The report goes above its issuer (plan: ``upward``): no internal material, "Kính gửi" (State)."""
    addressed_to: tuple[str, ...] = ()
    """Who the report is sent to for their information (the recipients marked "để b/c")."""
    issuer_name: str = ""
    """Who issues the document, in words ("Ban Dân vận Trung ương", the group's name): the DOCX author."""
    annex_reference: str = ""
    """Under the annex title: "(Kèm theo Báo cáo số 25-BC/BDVTW ngày 28/9/2021 của …)"."""


def symbol(profile: str, number: int | None, type_code: str, issuer_code: str) -> str:
    """``25-BC/BDVTW`` (Party) or ``25/BC-BDVTW`` (State); a blank number in a preview."""
    shown = f"{number:02d}" if number is not None else "     "
    return f"{shown}-{type_code}/{issuer_code}" if profile == "dang" else f"{shown}/{type_code}-{issuer_code}"


def number_line(profile: str, number: int | None, type_code: str, issuer_code: str) -> str:
    text = symbol(profile, number, type_code, issuer_code)
    return f"Số {text}" if profile == "dang" else f"Số: {text}"


def heading(plan: Plan, roster: Roster, output: OutputDocument, report: ConsolidatedReport,
            number: int | None, date: dt.date | None) -> Heading:
    profile = plan.reporting.profile
    doc = plan.document
    leader = roster.member(plan.group.leader)
    signer = output.signature.name or (leader.name if leader else "")
    authority = output.signature.authority
    if profile != "dang":
        for party, state in _STATE_AUTHORITY.items():
            authority = authority.replace(party + " ", state + " ")
    period_text = report.period.describe()
    subject = output.subject
    if report.kind == KIND_AD_HOC and report.title:  # the title is the subject: "báo cáo đột xuất về …"
        subject = lower_first(" ".join(report.title.split()))
    recipients, addressed_to = list(output.recipients), addressed(output.recipients)
    if report.addressee:  # an answer goes to who asked for it, first
        addressed_to = [report.addressee]
        if not any(line.split("(để b/c)")[0].strip().rstrip(",;.") == report.addressee for line in recipients):
            recipients.insert(0, f"{report.addressee} (để b/c)")
    national = [doc.party_header] if profile == "dang" else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                            "Độc lập - Tự do - Hạnh phúc"]
    return Heading(
        profile=profile, parent_header=output.parent_header or doc.parent_header,
        issuer_header=output.issuer_header or doc.issuer_header,
        national=national, number_line=number_line(profile, number, output.type_code, output.issuer_code),
        symbol=symbol(profile, number, output.type_code, output.issuer_code).strip(),
        place=doc.place, date=date, kind_title=_("BÁO CÁO"), subject=subject, period_text=f"({period_text})",
        draft=output.draft, authority=authority, signer_title=output.signature.title, signer_name=signer,
        recipients_label=_("Nơi nhận:"), recipients=recipient_lines(profile, recipients, output.upward,
                                                                   output.archive_unit, output.archive_copies),
        upward=output.upward, addressed_to=tuple(addressed_to),
        issuer_name=doc.issuer if output.upward else plan.group.name,
        # the document's fixed wording: Vietnamese whatever the interface language (DOCUMENT-FORMAT.md)
        annex_reference="(Kèm theo Báo cáo số {s} ngày {d} của {i})".format(
            s=symbol(profile, number, output.type_code, output.issuer_code),
            d=f"{date.day:02d}/{date.month}/{date.year}" if date is not None else "   /   /    ",
            i=doc.issuer if output.upward else plan.group.name),
    )


def request_basis(ref: str | None, requester: str) -> str:
    """What an answer to a request implements, for its opening: "Công văn số … của Thường trực Ban Bí thư"."""
    if ref and ref.strip():
        return f"{' '.join(ref.split())} của {requester}"
    return f"yêu cầu của {requester}"


def is_archive_line(text: str) -> bool:
    """The Nơi nhận line of the file copy (``Lưu VT``, ``Lưu: VT, …``): the register's own column."""
    return text.strip().removeprefix("-").strip().startswith("Lưu")


def addressed(recipients: list[str]) -> list[str]:
    """The recipients a report is sent to for their information ("… (để b/c)"), without the note."""
    return [line.split("(để b/c)")[0].strip().rstrip(",;.") for line in recipients if "để b/c" in line]


def recipient_lines(profile: str, recipients: list[str], upward: bool = False, archive_unit: str | None = None,
                    archive_copies: int | None = None) -> list[str]:
    """Printed lines: Party ``- X,`` … ``- Lưu VT.``; State ``- X;`` … ``- Lưu: VT, ĐTND(02).``

    A State report sent upward names its addressees after "Kính gửi:", so its Nơi nhận starts
    ``- Như trên;`` in their place (NĐ30 Phụ lục I). The State file-copy line names the drafting
    unit and the number of copies kept when the template gives them (``archive_unit``,
    ``archive_copies``) and the plan's line does not already.
    """
    lines = []
    if profile != "dang" and upward and addressed(recipients):
        recipients = ["Như trên", *(line for line in recipients if "để b/c" not in line)]
    for index, text in enumerate(recipients):
        text = text.strip().rstrip(",;.")
        last = index == len(recipients) - 1
        if profile != "dang" and last and text.startswith("Lưu") and not text.startswith("Lưu:"):
            parts = [part.strip() for part in text[3:].split(",") if part.strip()]
            if archive_unit and len(parts) == 1:
                parts.append(archive_unit + (f"({archive_copies:02d})" if archive_copies else ""))
            text = "Lưu: " + ", ".join(parts)
        lines.append(f"- {text}{'.' if last else (',' if profile == 'dang' else ';')}")
    return lines
