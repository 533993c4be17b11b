"""``dvcli templates list|copy``: the shipped report templates and the workspace's overrides.

A template is a name (``tong-hop-tuan``) with one file per format: ``NAME.md.j2``,
``NAME.html.j2``, ``NAME.docx``. Shared partials start with ``_`` (``_bao-cao.md.j2``) and are
copied along with a template so that the copy can be edited as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import atomic, paths
from ..errors import NotFoundError
from ..i18n import _
from ..render import PACKAGE_TEMPLATES
from ..store import Store
from .writes import Transaction, Written, transaction

SUFFIXES = {".md.j2": "md", ".html.j2": "html", ".docx": "docx", ".txt.j2": "txt"}


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    formats: list[str]
    source: str
    """"gói dvcli", "templates/ (bản sửa)", or both for a partial override."""

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "formats": self.formats, "source": self.source}


def _split(path: Path) -> tuple[str, str] | None:
    for suffix, fmt in SUFFIXES.items():
        if path.name.endswith(suffix) and not path.name.startswith(("_", ".", "~$")):
            return path.name[: -len(suffix)], fmt
    return None


def _scan(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            parts = _split(path)
            if parts:
                found.setdefault(parts[0], []).append(parts[1])
    return found


def list_templates(store: Store) -> list[TemplateInfo]:
    package, workspace = _scan(PACKAGE_TEMPLATES), _scan(store.ws.templates_dir)
    rows = []
    for name in sorted(package.keys() | workspace.keys()):
        formats = sorted(set(package.get(name, [])) | set(workspace.get(name, [])),
                         key=lambda f: list(SUFFIXES.values()).index(f))
        if name not in workspace:
            source = _("gói dvcli")
        elif name not in package:
            source = _("templates/ (mẫu riêng)")
        else:
            source = _("templates/ (bản sửa: {f})").format(f=", ".join(workspace[name]))
        rows.append(TemplateInfo(name, formats, source))
    return rows


@dataclass(frozen=True)
class Copied:
    copied: list[str]
    kept: list[str]
    written: Written


def copy(store: Store, name: str, commit: bool = True) -> Copied:
    """Copy the package files of ``name`` (and the partials) into ``templates/``; never overwrite.

    One transaction, as every writing command: under the workspace lock, all files or none, and
    the files copied committed together (``commit=False``: only saved).
    """
    files = [path for path in sorted(PACKAGE_TEMPLATES.iterdir()) if (_split(path) or ("", ""))[0] == name]
    if not files:
        names = ", ".join(sorted(_scan(PACKAGE_TEMPLATES)))
        raise NotFoundError(_("không có mẫu \"{n}\" trong gói dvcli").format(n=name),
                            _("các mẫu có sẵn: {names}").format(names=names))
    formats = {_split(path)[1] for path in files}  # type: ignore[index]
    partials = [path for path in sorted(PACKAGE_TEMPLATES.glob("_*"))
                if any(path.name.endswith(f".{fmt}.j2") for fmt in formats)]
    target = store.ws.templates_dir
    copied: list[str] = []
    kept: list[str] = []

    def write(_tx: Transaction) -> list[Path]:
        made = []
        for path in [*files, *partials]:
            destination = paths.inside(store.ws.root, target / path.name)  # never through a committed symlink
            if not atomic.create(destination, path.read_bytes()):
                kept.append(store.ws.rel(destination))
                continue
            made.append(destination)
            copied.append(store.ws.rel(destination))
        return made

    written = transaction(store.ws, _("chép mẫu về để sửa: {n}").format(n=name), commit, write)
    return Copied(copied, kept, written)
