"""Refusing hostile or unusable files before a parser sees them: too large, encrypted, macro-enabled,
zip bombs, not a Word/Excel file at all. Each refusal is a ``Refused`` with a Vietnamese message and hint.
"""

from __future__ import annotations

import io
import zipfile

from ..i18n import _

MAX_FILE = 20 * 1024 * 1024
"""A filled form is tens of kilobytes; 20 MB leaves room for pasted photos."""
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 2000
MACRO_SUFFIXES = (".docm", ".xlsm", ".dotm", ".xltm", ".xlsb")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


class Refused(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_size(size: int) -> None:
    if size > MAX_FILE:
        raise Refused(_("tệp quá lớn ({n} MB; tối đa {m} MB)").format(n=size // (1024 * 1024), m=MAX_FILE // (1024 * 1024)),
                      _("xoá ảnh dán trong tệp hoặc gửi lại bản chỉ có chữ"))


def check_suffix(suffix: str) -> None:
    if suffix.lower() in MACRO_SUFFIXES:
        raise Refused(_("tệp có macro ({s}) không được nhận").format(s=suffix.lower()),
                      _("mở tệp, chọn Lưu thành (Save As) dạng .docx hoặc .xlsx rồi gửi lại"))


def check_office(data: bytes, kind: str) -> None:
    """``data`` is a plain (macro-free, unencrypted, sane) OOXML package of ``kind`` (docx or xlsx)."""
    check_size(len(data))
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise Refused(_("tệp được đặt mật khẩu (mã hoá), dvcli không đọc được"),
                          _("bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu) rồi gửi lại"))
        raise Refused(_("tệp theo định dạng Word/Excel cũ (97–2003), không phải .{k}").format(k=kind),
                      _("mở tệp, chọn Lưu thành (Save As) dạng .{k} rồi gửi lại").format(k=kind))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused(_("tệp hỏng hoặc không phải tệp .{k}").format(k=kind),
                      _("mở lại tệp trong Word/Excel, lưu dạng .{k} rồi gửi lại").format(k=kind)) from None
    if len(entries) > MAX_ENTRIES:
        raise Refused(_("tệp có quá nhiều thành phần ({n}): có thể là tệp độc hại").format(n=len(entries)),
                      _("yêu cầu người gửi lưu lại tệp từ biểu mẫu của dvcli"))
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > MAX_UNPACKED or total > MAX_UNPACKED or (
                entry.compress_size and entry.file_size > 1024 * 1024 and entry.file_size / entry.compress_size > MAX_RATIO):
            raise Refused(_("tệp nén bất thường (giải nén ra hơn {m} MB): có thể là \"bom nén\"").format(
                m=MAX_UNPACKED // (1024 * 1024)), _("không mở tệp này; yêu cầu người gửi gửi lại bản khác"))
        lowered = entry.filename.lower()
        if lowered.endswith("vbaproject.bin") or lowered.endswith(".bin") and "vba" in lowered:
            raise Refused(_("tệp có macro (VBA) không được nhận"),
                          _("mở tệp, chọn Lưu thành (Save As) dạng .{k} không có macro rồi gửi lại").format(k=kind))
    names = {entry.filename for entry in entries}
    main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    if "[Content_Types].xml" not in names or main not in names:
        raise Refused(_("tệp hỏng hoặc không phải tệp .{k}").format(k=kind),
                      _("mở lại tệp trong Word/Excel, lưu dạng .{k} rồi gửi lại").format(k=kind))
    types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in types:
        raise Refused(_("tệp có macro không được nhận"),
                      _("mở tệp, chọn Lưu thành (Save As) dạng .{k} rồi gửi lại").format(k=kind))
    try:
        archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise Refused(_("tệp hỏng (không giải nén được)"),
                      _("mở lại tệp trong Word/Excel, lưu dạng .{k} rồi gửi lại").format(k=kind)) from None
