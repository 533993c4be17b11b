"""``dvcli issue register FILE``: release a prepared document — the number is taken now.

FILE is the legal original (NĐ30 Điều 5): the PDF the signer signed digitally, or, with
``--paper``, a scan of the paper copy signed by hand. A signed PDF has every signature verified
(``signatures.py``: integrity, signer, signing time, a path to a trust anchor of this machine) and
must be the prepared PDF with signatures added — the prepared bytes are the start of the signed
file, as every PAdES signature is an incremental update — so the content signed is the content
prepared. An altered, untrusted or foreign file is refused and nothing is recorded. The release
itself (number, folder, commit, all-or-nothing) is ``issuing.release``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .. import signatures
from ..errors import ConflictError, DataError, DvcliError
from ..i18n import _
from ..model import Prepared
from ..snapshot.issued import misnamed, prepared_pdf
from ..snapshot.issued import prepared_records as all_prepared
from ..store import Store
from . import issuing
from .issue_prepare import find_prepared, open_prepared

SCAN_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def trust_dir(explicit: Path | None) -> Path:
    """``--trust DIR``, else ``DVCLI_TRUST_DIR``, else ``~/.config/dvcli/ca`` (this machine's, never the workspace's)."""
    if explicit is not None:
        return explicit
    if os.environ.get("DVCLI_TRUST_DIR"):
        return Path(os.environ["DVCLI_TRUST_DIR"])
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "dvcli" / "ca"


@dataclass(frozen=True)
class RegisterRequest:
    file: Path
    prepared: str | None = None
    number: int | None = None
    date: dt.date | None = None
    paper: bool = False
    replaces: str | None = None
    trust: Path | None = None
    commit: bool = True


@dataclass
class Registered:
    released: issuing.Released
    prepared: Prepared
    signatures: list[signatures.Verified]
    replaced: str | None


def register(store: Store, request: RegisterRequest, today: dt.date) -> Registered:
    ws = store.ws
    if request.number is not None and request.number < 1:
        raise DvcliError(_("số văn bản phải từ 1 trở lên"), _("bỏ --number để lấy số tiếp theo"))
    data = _read(request.file)
    is_pdf = data.startswith(b"%PDF-")
    prepared = _which_prepared(store, request, data if is_pdf else None)
    found = signatures.verify(data, _anchors(request, data)) if is_pdf and signatures.has_signatures(data) else []
    if found:
        _refuse_bad(found, request.file)
        original = prepared_pdf(ws, prepared)
        if not original or not data.startswith(original):
            raise DvcliError(
                _("tệp đã ký {f} không phải văn bản đã chuẩn bị {i}").format(f=request.file, i=prepared.id),
                _("ký đúng tệp data/prepared/{i}/{i}.pdf (phần mềm ký số thêm chữ ký vào cuối tệp, không sửa nội "
                  "dung), hoặc chọn văn bản khác bằng --prepared").format(i=prepared.id))
    elif not request.paper:
        raise DvcliError(_("tệp {f} không có chữ ký số").format(f=request.file),
                         _("bản quét văn bản ký tay: thêm --paper; văn bản điện tử: ký số tệp "
                           "data/prepared/{i}/{i}.pdf rồi đăng ký tệp đã ký").format(i=prepared.id))
    suffix = ".pdf" if is_pdf else request.file.suffix.lower()
    if suffix not in SCAN_SUFFIXES:
        raise DvcliError(_("không nhận tệp {f}: chỉ nhận PDF hoặc ảnh quét (PNG, JPEG, TIFF)").format(f=request.file),
                         _("quét văn bản đã ký thành PDF rồi chạy lại"))
    date = request.date or today
    if date < prepared.prepared:
        raise DvcliError(_("ngày văn bản {d} trước ngày chuẩn bị {p}").format(d=date.isoformat(), p=prepared.prepared.isoformat()),
                         _("bỏ --date để lấy ngày hôm nay"))
    records = issuing.all_issued(store)
    replaced = issuing.check_replaces(store, records, prepared.template, prepared.start, prepared.end, request.replaces)
    plan = store.plan()
    how = "signed-pdf" if found else "paper"

    def build(number: int) -> tuple[dict[str, bytes], dict[str, object]]:
        from ..consolidation.formal import symbol

        stem = f"{number:02d}-{prepared.type_code}-{prepared.issuer_code}"
        name = f"{stem}{suffix}"
        fields: dict[str, object] = {
            "number": number, "type_code": prepared.type_code, "issuer_code": prepared.issuer_code,
            "symbol": symbol(plan.reporting.profile, number, prepared.type_code, prepared.issuer_code).strip(),
            "template": prepared.template, "date": date.isoformat(), "start": prepared.start.isoformat(),
            "end": prepared.end.isoformat(), "title": prepared.title, "ad_hoc": prepared.ad_hoc, "release": how,
            "original": name, "prepared": prepared.id, "replaces": replaced.folder_id if replaced else None,
            "commit": prepared.commit, "signer_title": prepared.signer_title, "signer_name": prepared.signer_name,
            "recipients": list(prepared.recipients), "copies": len(prepared.recipients),
            "signatures": [_signature_fields(item) for item in found],
            "sources": [{"path": s.path, "blob": s.blob} for s in prepared.sources],
        }
        return {name: data}, fields

    from ..consolidation.formal import number_line

    def message(record: object) -> str:
        from ..model import Issued

        assert isinstance(record, Issued)
        line = number_line(plan.reporting.profile, record.number, record.type_code, record.issuer_code)
        kind = _("bản ký số") if found else _("bản ký tay")
        replaced_text = _(" (thay thế {r})").format(r=record.replaces) if record.replaces else ""
        return _("ban hành ({k}): {n} — {t}").format(k=kind, n=line, t=record.title) + replaced_text

    released = issuing.release(ws, store, plan, type_code=prepared.type_code, issuer_code=prepared.issuer_code,
                               requested=request.number, date=date, build=build, message=message,
                               commit=request.commit)
    return Registered(released, prepared, found, replaced.record.symbol if replaced else None)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DvcliError(_("không có tệp {f}").format(f=path), _("ghi đúng đường dẫn tệp đã ký")) from None
    except IsADirectoryError:
        raise DvcliError(_("{f} là thư mục, không phải tệp").format(f=path), _("ghi đường dẫn tệp đã ký")) from None
    except PermissionError:
        raise DvcliError(_("không có quyền đọc tệp {f}").format(f=path), _("kiểm tra quyền của tệp")) from None


def _which_prepared(store: Store, request: RegisterRequest, pdf: bytes | None) -> Prepared:
    # A document is found by its record's id, the PDF to sign by that id's folder: while any record
    # names another folder, which record goes with which PDF is not known (check names the same problem).
    wrong = [problem for path, record in all_prepared(store) if (problem := misnamed(store, path, record))]
    if wrong:
        raise DataError(wrong)
    if request.prepared:
        return find_prepared(store, request.prepared)[1]
    waiting = open_prepared(store)
    if pdf is not None:
        for record in waiting:
            original = prepared_pdf(store.ws, record)
            if original and pdf.startswith(original):
                return record
    if len(waiting) == 1:  # a signed file is still checked against it, byte for byte, after verification
        return waiting[0]
    if not waiting:
        done = [record.id for _path, record in all_prepared(store)]
        raise ConflictError(_("không có văn bản nào đang chờ phát hành") + (
            _(" (đã phát hành: {d})").format(d=", ".join(done[-3:])) if done else ""),
            _("chuẩn bị văn bản để ký bằng: dvcli issue prepare --week …"))
    raise DvcliError(_("không biết tệp {f} là văn bản đã chuẩn bị nào").format(f=request.file),
                     _("chọn bằng --prepared, một trong: {k}").format(k=", ".join(r.id for r in waiting)))


def _anchors(request: RegisterRequest, data: bytes) -> list[object]:
    folder = trust_dir(request.trust)
    anchors = signatures.load_anchors(folder)
    if not anchors:
        raise DvcliError(_("chưa có chứng thư CA tin cậy nào trong {d} để kiểm tra chữ ký số").format(d=folder),
                         _("chép chứng thư gốc của CA (Ban Cơ yếu Chính phủ hoặc CA công cộng đã cấp chữ ký số, "
                           "tệp .pem/.crt/.cer) vào thư mục này, hoặc chỉ thư mục khác bằng --trust / "
                           "DVCLI_TRUST_DIR"))
    return anchors


def _refuse_bad(found: list[signatures.Verified], file: Path) -> None:
    for item in found:
        if not item.intact:
            raise DvcliError(_("chữ ký số {f} của {s} không còn nguyên vẹn: nội dung đã ký bị sửa").format(
                f=item.field, s=item.signer),
                _("không đăng ký tệp {p}; lấy lại bản gốc đã ký từ người ký").format(p=file))
        if item.changed_after:
            raise DvcliError(_("tệp bị sửa nội dung sau chữ ký số {f} của {s}").format(f=item.field, s=item.signer),
                             _("không đăng ký tệp {p}; lấy lại bản gốc đã ký từ người ký").format(p=file))
        if not item.trusted:
            raise DvcliError(_("chứng thư của người ký {s} (do {i} cấp) không dẫn tới CA tin cậy nào").format(
                s=item.signer, i=item.issuer),
                _("nếu CA này đúng là nơi cấp chữ ký số cho cơ quan, chép chứng thư gốc của CA vào thư mục tin "
                  "cậy (--trust / DVCLI_TRUST_DIR) rồi chạy lại"))


def _signature_fields(item: signatures.Verified) -> dict[str, object]:
    return {"field": item.field, "signer": item.signer, "issuer": item.issuer, "serial": item.serial,
            "signing_time": item.signing_time.isoformat() if item.signing_time else None,
            "intact": item.intact, "trusted": item.trusted, "covers": item.covers}
