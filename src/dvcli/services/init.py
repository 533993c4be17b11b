"""``dvcli init``: a new workspace that passes ``dvcli check`` at once."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import gitrepo
from ..atomic import create, write_bytes
from ..errors import ConflictError, DvcliError
from ..i18n import _

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
# What a workspace never commits: machine state, and previews written with --out out/ (the README's example).
_IGNORED = (
    ("# dvcli: machine state (parse cache, lock, kept drafts)", ".dvcli/"),
    ("# dvcli: previews (dvcli consolidate --out out/); issued documents live in data/issued/", "/out/"),
)
GITIGNORE = "".join(f"{comment}\n{line}\n" for comment, line in _IGNORED)


@dataclass
class InitResult:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Files that already existed and were left exactly as they were."""
    updated: list[str] = field(default_factory=list)
    """Existing files dvcli added to (the ``.dvcli/`` line of a user's ``.gitignore``)."""
    git: bool = False
    enclosing: str | None = None
    """The repository the new folder lies in, when it is not the workspace's own (it got its own)."""


def init(path: Path) -> InitResult:
    root = path.expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise DvcliError(_("{p} là một tệp, không phải thư mục").format(p=root),
                         _("chọn một thư mục mới hoặc thư mục trống"))
    if (root / "data" / "plan.yaml").exists():
        raise ConflictError(_("{p} đã là một không gian làm việc (có data/plan.yaml)").format(p=root),
                            _("chọn thư mục khác, hoặc dùng luôn không gian làm việc này"))
    try:
        return _init(root)
    except OSError as exc:
        raise DvcliError(_("không tạo được không gian làm việc ở {p}: {e}").format(p=root, e=exc.strerror or exc),
                         _("kiểm tra quyền ghi vào thư mục này")) from exc


def _init(root: Path) -> InitResult:
    result = InitResult()
    files = {
        "data/plan.yaml": (SKELETON / "plan.yaml").read_bytes(),
        "data/members.yaml": (SKELETON / "members.yaml").read_bytes(),
        "data/README.md": (SKELETON / "README.md").read_bytes(),
        "templates/README.md": (SKELETON / "templates-README.md").read_bytes(),
        ".gitignore": GITIGNORE.encode(),
    }
    # JSON Schemas and VS Code settings: the editor validates and completes the YAML files
    from . import schema

    files.update({f"{schema.SCHEMA_DIR}/{schema.file_name(name)}": schema.text(name).encode() for name in schema.KINDS})
    files[".vscode/settings.json"] = (json.dumps(schema.editor_settings(), ensure_ascii=False, indent=2) + "\n").encode()
    for relative, content in files.items():
        target = root / relative
        if create(target, content):
            result.created.append(relative)
        elif relative == ".gitignore" and _ignore_state(target):
            result.updated.append(relative)
        else:
            result.kept.append(relative)
    if shutil.which("git"):
        outer = gitrepo.toplevel(root)
        if outer is not None and outer != root:
            result.enclosing = str(outer)
        result.git = gitrepo.init_repository(root, result.created + result.updated,
                                            _("khởi tạo không gian làm việc dvcli"))
    return result


def _ignore_state(gitignore: Path) -> bool:
    """Append ``.dvcli/`` and ``/out/`` to a user's own ``.gitignore`` where missing; never rewrite their lines."""
    raw = gitignore.read_bytes()
    present = {line.strip().strip(b"/") for line in raw.splitlines()}
    missing = "".join(f"{comment}\n{line}\n" for comment, line in _IGNORED
                      if line.strip("/").encode() not in present)
    if not missing:
        return False
    separator = b"" if not raw or raw.endswith(b"\n") else b"\n"
    write_bytes(gitignore, raw + separator + missing.encode())
    return True
