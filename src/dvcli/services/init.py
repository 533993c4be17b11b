"""``dvcli init``: a new workspace that passes ``dvcli check`` at once."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import gitlog
from ..errors import ConflictError
from ..i18n import _
from ..yamlio import create_atomic

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
GITIGNORE = "# dvcli: machine state (parse cache, lock, kept drafts)\n.dvcli/\n"


@dataclass
class InitResult:
    created: list[str] = field(default_factory=list)
    git: bool = False


def init(path: Path) -> InitResult:
    root = path.expanduser().resolve()
    if (root / "data" / "plan.yaml").exists():
        raise ConflictError(_("{p} đã là một không gian làm việc (có data/plan.yaml)").format(p=root),
                            _("chọn thư mục khác, hoặc dùng luôn không gian làm việc này"))
    result = InitResult()
    files = {
        "data/plan.yaml": (SKELETON / "plan.yaml").read_bytes(),
        "data/members.yaml": (SKELETON / "members.yaml").read_bytes(),
        "data/README.md": (SKELETON / "README.md").read_bytes(),
        ".gitignore": GITIGNORE.encode(),
    }
    # JSON Schemas and VS Code settings: the editor validates and completes the YAML files
    from . import schema

    files.update({f"{schema.SCHEMA_DIR}/{schema.file_name(name)}": schema.text(name).encode() for name in schema.KINDS})
    files[".vscode/settings.json"] = (json.dumps(schema.editor_settings(), ensure_ascii=False, indent=2) + "\n").encode()
    for relative, content in files.items():
        target = root / relative
        if create_atomic(target, content):
            result.created.append(relative)
    (root / "templates").mkdir(exist_ok=True)
    if shutil.which("git"):
        result.git = gitlog.init_repository(root, result.created, _("khởi tạo không gian làm việc dvcli"))
    return result
