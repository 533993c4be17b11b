"""The only pyHanko user: verify the digital signatures of a PDF, reserve a signature field.

Verification is PAdES/CMS as pyHanko does it: the signed byte ranges against the signature's
digest (integrity), the CMS signature itself, the signer's certificate path to one of the trust
anchors given (offices use the government CA or a commercial one, so the anchors are a folder of
CA certificates the registering machine keeps — never the shared workspace, where anyone could
push a CA of their own), and what was changed after signing. Nothing is fetched from the
network: revocation is checked when the signature carries it, soft-fail otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DvcliError
from .i18n import _

FIELD = "ChuKySo"
"""The empty signature field a prepared PDF carries (the place the signing software offers)."""
CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


@dataclass(frozen=True)
class Verified:
    field: str
    signer: str
    issuer: str
    serial: str
    signing_time: dt.datetime | None
    intact: bool
    """The signed bytes are exactly what was signed, and the CMS signature is valid."""
    trusted: bool
    covers: str
    """``entire-file``, ``entire-revision`` (later additions the form allows) or ``partial``."""
    changed_after: bool
    """Content was changed after this signature (beyond form filling, more signatures, timestamps)."""


def _quiet() -> None:
    # pyHanko logs a failed path build with a traceback; dvcli reports the result itself.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def load_anchors(folder: Path) -> list[Any]:
    """Every CA certificate (PEM or DER) directly in ``folder``."""
    from pyhanko.keys import load_certs_from_pemder

    anchors: list[Any] = []
    if not folder.is_dir():
        return anchors
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in CERT_SUFFIXES or not path.is_file():
            continue
        try:
            anchors.extend(load_certs_from_pemder([str(path)]))  # type: ignore[no-untyped-call]
        except Exception as exc:  # noqa: BLE001 - any unreadable certificate is named, not a crash
            raise DvcliError(_("không đọc được chứng thư số {p}: {e}").format(p=path, e=exc),
                             _("mỗi tệp .pem/.crt/.cer/.der trong thư mục tin cậy là một chứng thư CA, dạng PEM "
                               "hoặc DER; xoá hoặc thay tệp này")) from None
    return anchors


def has_signatures(data: bytes) -> bool:
    return bool(_reader(data).embedded_signatures)


def _reader(data: bytes) -> Any:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # noqa: BLE001 - a damaged PDF is the user's input, not a dvcli bug
        raise DvcliError(_("không đọc được tệp PDF: {e}").format(e=exc),
                         _("tệp có thể đã bị hỏng hoặc bị sửa; lấy lại bản gốc đã ký")) from None


def verify(data: bytes, anchors: list[Any]) -> list[Verified]:
    """Every signature of the PDF ``data``, verified against ``anchors``; empty when unsigned."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    _quiet()
    reader = _reader(data)
    found: list[Verified] = []
    for signature in reader.embedded_signatures:
        context = ValidationContext(trust_roots=anchors, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, signer_validation_context=context)
        except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
            raise DvcliError(_("chữ ký số {f} không kiểm tra được: {e}").format(f=signature.field_name, e=exc),
                             _("tệp có thể đã bị sửa sau khi ký; lấy lại bản gốc đã ký")) from None
        cert = status.signing_cert
        level = getattr(status.coverage, "name", "")
        covers = {"ENTIRE_FILE": "entire-file", "ENTIRE_REVISION": "entire-revision"}.get(level, "partial")
        modification = getattr(status.modification_level, "name", "NONE")
        changed = modification == "OTHER" or status.docmdp_ok is False
        moment = status.signer_reported_dt
        found.append(Verified(
            field=str(signature.field_name or ""), signer=str(cert.subject.human_friendly),
            issuer=str(cert.issuer.human_friendly),
            serial=format(cert.serial_number, "x"), signing_time=moment,
            intact=bool(status.intact and status.valid), trusted=bool(status.trusted), covers=covers,
            changed_after=changed))
    return found


def reserve_field(pdf: bytes) -> bytes:
    """``pdf`` with an empty signature field appended (an incremental update: the original bytes stay a prefix)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    _quiet()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD))
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()
