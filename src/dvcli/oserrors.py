"""One translator from the operating system's faults to dvcli's messages.

A full disk, a read-only mount, a folder the user may not write, a name too long for the file
system: each is an ordinary fault of a machine, said in the user's language with the path and
what to do (exit 1), never "lỗi của dvcli" (exit 3). ``translate`` turns any ``OSError`` into a
``DvcliError``; the CLI calls it for errors that reach a command's edge, and the write
transaction calls it to add what state the workspace was left in.
"""

from __future__ import annotations

import errno

from .errors import DvcliError
from .i18n import _


def _where(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else exc.filename2
    if name is None:
        return _("(đầu ra của lệnh, hoặc một tệp không rõ tên)")
    return name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)


def translate(exc: OSError) -> DvcliError:
    """``exc`` as a message naming its path and a hint; the system's own words in parentheses."""
    path = _where(exc)
    code = exc.errno
    detail = exc.strerror or type(exc).__name__
    if code in (errno.ENOSPC, errno.EDQUOT):
        return DvcliError(_("hết chỗ trên đĩa khi ghi {p} ({e})").format(p=path, e=detail),
                          _("giải phóng chỗ trống trên đĩa (hoặc hạn mức của bạn), rồi chạy lại lệnh"))
    if code == errno.EROFS:
        return DvcliError(_("không ghi được {p}: ổ đĩa chỉ cho đọc ({e})").format(p=path, e=detail),
                          _("chạy lệnh trong một bản sao trên ổ ghi được, hoặc gắn lại ổ ở chế độ đọc-ghi"))
    if code in (errno.EACCES, errno.EPERM):
        return DvcliError(_("không có quyền truy cập {p} ({e})").format(p=path, e=detail),
                          _("kiểm tra quyền bằng: ls -ld {p}; chạy lệnh bằng người dùng sở hữu không gian làm việc, "
                            "hoặc nhờ người đó cấp quyền").format(p=path))
    if code == errno.ENAMETOOLONG:
        return DvcliError(_("tên tệp hoặc đường dẫn quá dài cho hệ thống tệp: {p}").format(p=path),
                          _("rút ngắn tiêu đề hoặc tên thư mục, hoặc chuyển không gian làm việc lên thư mục gần gốc hơn"))
    if code == errno.EISDIR:
        return DvcliError(_("{p} là một thư mục, dvcli cần một tệp ở đó").format(p=path),
                          _("đổi tên hoặc xoá thư mục {p}, hoặc chọn tên tệp khác").format(p=path))
    if code == errno.ENOTDIR:
        return DvcliError(_("một phần của đường dẫn {p} là tệp, không phải thư mục").format(p=path),
                          _("đổi tên tệp đang chắn đường, hoặc chọn đường dẫn khác"))
    if code == errno.EEXIST:
        return DvcliError(_("{p} đã có").format(p=path), _("chọn tên khác, hoặc xoá {p} nếu không cần nữa").format(p=path))
    if code in (errno.ENXIO, errno.ENODEV, errno.ESPIPE):
        return DvcliError(_("{p} không phải tệp thường ({e})").format(p=path, e=detail),
                          _("chọn một tệp hoặc thư mục thường"))
    if code == errno.ELOOP:
        return DvcliError(_("{p} là liên kết tượng trưng vòng lặp ({e})").format(p=path, e=detail),
                          _("xoá liên kết {p}").format(p=path))
    if code == errno.EIO:
        return DvcliError(_("lỗi đọc/ghi của thiết bị ở {p} ({e})").format(p=path, e=detail),
                          _("kiểm tra ổ đĩa (cáp, ổ mạng), rồi chạy lại lệnh"))
    return DvcliError(_("lỗi hệ thống ở {p}: {e}").format(p=path, e=detail),
                      _("kiểm tra tệp và thư mục này, rồi chạy lại lệnh"))
