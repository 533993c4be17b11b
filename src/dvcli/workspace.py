"""Where the working group's data lives: discovery and the fixed file layout."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import NotFoundError
from .i18n import _
from .machine import git_dir

PLAN = "data/plan.yaml"
MEMBERS = "data/members.yaml"


@dataclass(frozen=True)
class Workspace:
    """A workspace root: the folder that holds ``data/`` (and usually ``.git``)."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def plan_file(self) -> Path:
        return self.root / PLAN

    @property
    def members_file(self) -> Path:
        return self.root / MEMBERS

    @property
    def assignments_dir(self) -> Path:
        return self.data / "assignments"

    @property
    def reports_dir(self) -> Path:
        return self.data / "reports"

    @property
    def withdrawn_dir(self) -> Path:
        return self.data / "withdrawn"

    @property
    def reviews_dir(self) -> Path:
        return self.data / "reviews"

    @property
    def requests_dir(self) -> Path:
        return self.data / "requests"

    def request_path(self, request_id: str) -> Path:
        return self.requests_dir / f"{request_id}.yaml"

    @property
    def issued_dir(self) -> Path:
        return self.data / "issued"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def state_dir(self) -> Path:
        """Machine state git cannot carry: the parse cache, the output memo, the write lock, kept drafts.

        ``.git/dvcli/`` in a git work tree — nothing in the git directory is committed or pushed —
        else the git-ignored ``.dvcli/`` (``machine.py``).
        """
        git = git_dir(self.root)
        return self.root / ".dvcli" if git is None else git / "dvcli"

    def rel(self, path: str | os.PathLike[str]) -> str:
        """``path`` as shown to the user: relative to the root, with forward slashes."""
        text, root = str(path), str(self.root)
        if text.startswith(root) and text[len(root):len(root) + 1] == os.sep and os.sep + ".." not in text:
            return text[len(root) + 1:].replace(os.sep, "/")  # the common case, without pathlib (10,000s of calls)
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def report_path(self, year: int, week: int, member: str) -> Path:
        return self.reports_dir / f"{year}" / f"W{week:02d}" / f"{member}.yaml"

    def assignment_path(self, member: str, task: str, start: str) -> Path:
        return self.assignments_dir / member / f"{task}_{start}.yaml"


_ENV = "DVCLI_DATA"


def find(explicit: str | None = None, start: Path | None = None) -> Workspace:
    """The workspace named by ``--data``, else ``$DVCLI_DATA``, else the nearest one above ``start``.

    ``--data`` and ``DVCLI_DATA`` may name the workspace root or its ``data/`` folder.
    """
    named = explicit or os.environ.get(_ENV)
    if named:
        folder = Path(named).expanduser().resolve()
        for root in (folder, folder.parent):
            if (root / PLAN).is_file():
                return Workspace(root)
        source = "--data" if explicit else _ENV
        raise NotFoundError(
            _("không tìm thấy {plan} trong {folder} (theo {source})").format(plan=PLAN, folder=folder, source=source),
            _("chỉ đến thư mục chứa data/plan.yaml, hoặc tạo mới bằng: dvcli init THƯ_MỤC"),
        )
    here = (start or Path.cwd()).resolve()
    for root in (here, *here.parents):
        if (root / PLAN).is_file():
            return Workspace(root)
    raise NotFoundError(
        _("không tìm thấy không gian làm việc: không có {plan} ở {here} hay thư mục cha nào").format(
            plan=PLAN, here=here),
        _("chuyển vào thư mục của Tổ công tác, dùng --data THƯ_MỤC, hoặc tạo mới bằng: dvcli init THƯ_MỤC"),
    )
