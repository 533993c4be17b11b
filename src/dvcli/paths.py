"""The one path guard: every file dvcli reads or writes in a workspace stays inside it.

Anything in the workspace may have been pushed by any member, so a committed symlink
(``templates -> /etc``, ``data/reports/2021 -> /home/x``) must never make dvcli read a local file
into a document or write a file outside the workspace. ``inside`` is the rule for every path
below the workspace root: no ``..`` part, no absolute escape, and no symbolic link anywhere on the
way — the folders from the root down and the file itself. A link pointing back inside the
workspace is refused too: git stores it as a link, other systems (Windows) check it out as a text
file, and a write through it would land on a file other than the one named.

``symlink_on_the_way`` is the non-raising form for readers that list many files (they name the
link as a problem instead of stopping). Names that cannot exist on every system a member may use
(``con``, ``nul``, ``com1`` … on Windows) are answered by ``reserved_name``.

Files the user names explicitly (``--from-file``, ``--out``) are not workspace files and are not
guarded here; the workspace root itself is resolved once by workspace discovery.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DvcliError
from .i18n import _


class UnsafePathError(DvcliError):
    """A workspace path that leaves the workspace, or goes through a symbolic link."""

    def __init__(self, message: str, hint: str, shown: str) -> None:
        super().__init__(message, hint)
        self.shown = shown
        """The offending path relative to the workspace root (the link itself for a symlink)."""


def _relative_parts(root: Path, path: Path) -> tuple[str, ...] | None:
    """``path``'s parts below ``root``, or None when it is not lexically below it."""
    absolute = path if path.is_absolute() else root / path
    try:
        parts = absolute.relative_to(root).parts
    except ValueError:
        return None
    return None if ".." in parts else parts


def symlink_on_the_way(root: Path, path: Path) -> Path | None:
    """The first symbolic link among ``path`` and the folders between ``root`` and it, else None.

    Parts that do not exist yet are fine (a write creates them as real folders). Raises
    ``UnsafePathError`` when ``path`` is not below ``root`` at all.
    """
    parts = _relative_parts(root, path)
    if parts is None:
        raise _outside(root, path)
    current = root
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return None
        except NotADirectoryError:  # a file where a folder was expected: the write itself will say so
            return None
        if stat.S_ISLNK(mode):
            return current
    return None


def inside(root: Path, path: Path) -> Path:
    """``path`` (absolute, or relative to ``root``) if it is a workspace path dvcli may use; else raise.

    The returned path is absolute. A symlink anywhere on the way is named with where it points.
    """
    link = symlink_on_the_way(root, path)
    if link is not None:
        shown = _shown(root, link)
        try:
            points = str(link.readlink())
        except OSError:
            points = "?"
        raise UnsafePathError(
            _("{p} là liên kết tượng trưng (trỏ đến {t}); dvcli không đọc hay ghi qua liên kết trong không gian "
              "làm việc").format(p=shown, t=points),
            _("thay liên kết bằng thư mục hoặc tệp thật: git rm {p} (hoặc rm {p} nếu chưa commit), rồi chạy lại "
              "lệnh").format(p=shown),
            shown)
    return path if path.is_absolute() else root / path


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _outside(root: Path, path: Path) -> UnsafePathError:
    return UnsafePathError(
        _("đường dẫn {p} nằm ngoài không gian làm việc {r}").format(p=path, r=root),
        _("dvcli chỉ đọc và ghi tệp bên trong không gian làm việc; sửa trường đã tạo ra đường dẫn này"),
        str(path))


# Names Windows reserves in every folder, with or without an extension (``con.yaml`` is ``con``).
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


def reserved_name(name: str) -> bool:
    """True when ``name`` (a file name's stem, any case) cannot be a file name on Windows."""
    return name.split(".", 1)[0].lower() in WINDOWS_RESERVED


# --- files the user names for output (--out) ------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("một thư mục")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("một thiết bị")
    if stat.S_ISFIFO(mode):
        return _("một ống dẫn (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("một socket")
    return _("một tệp")


def _guard_in_workspace(path: Path, root: Path | None) -> None:
    """An output inside the workspace obeys the workspace rule (no committed symlink on the way)."""
    if root is None:
        return
    absolute = path.absolute()
    parts = _relative_parts(root, absolute)
    if parts is not None:
        inside(root, absolute)


def output_folder(path: Path, root: Path | None = None) -> Path:
    """``--out FOLDER``: a folder, or a name that does not exist yet (dvcli creates it)."""
    _guard_in_workspace(path, root)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path
    if not stat.S_ISDIR(mode):
        raise DvcliError(_("--out {p} là {k}, không phải thư mục").format(p=path, k=_kind(mode)),
                         _("chỉ đến một thư mục (có sẵn hoặc chưa có) để dvcli ghi các tệp vào đó, ví dụ --out out/"))
    return path


def output_file(path: Path, root: Path | None = None) -> bool:
    """``--out FILE``: True when a regular file is already there; refuse a folder, a device, a FIFO."""
    _guard_in_workspace(path, root)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise DvcliError(_("--out {p} là {k}, không phải tệp thường").format(p=path, k=_kind(mode)),
                         _("ghi tên một tệp thường, ví dụ --out so-lieu.xlsx"))
    return True
