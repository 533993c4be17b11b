"""``dvcli issued export``: one issued report as a self-contained, verifiable package.

The carrier is a zip file (docs/package.md says why: one file that travels on removable media or
through git, readable with any unzip tool, each member's SHA-256 listed in ``manifest.json``; a
``git bundle`` would carry history, and with it the members' reports, which never leave a unit).
Members: ``manifest.json``, ``issued.yaml``, every issued file (the original — the signed PDF when
there is one — and the renderings), ``thu-hoi.yaml`` once revoked, and ``data.json``: the report's
data as computed (``consolidation.units.package_data``). The data is recomputed from the sources
*at the commit the record names* (the files are taken from git into a temporary folder), so a
correction made after issue never changes what the package says. The same bytes come out every
time: members in a fixed order with a fixed date, ``created`` the time the record was committed.

``--publish`` also puts the package in the workspace's outbox ref (``gitoutbox``), which the
centre fetches; ``git push origin refs/dvcli/outbox`` sends it to the unit's shared repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import subprocess
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import gitoutbox, gitrepo, periods, snapshot
from ..errors import DataError, DvcliError, cannot_read
from ..i18n import _
from ..model import Issued, IssuedFile
from ..snapshot.issued import REVOCATION
from ..snapshot.received import DATA, MANIFEST
from ..store import Store
from ..workspace import Workspace
from . import issuing

_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Exported:
    symbol: str
    folder_id: str
    size: int
    sha256: str
    files: list[str]
    out: str | None
    published: bool | None
    """True: added to the outbox; False: already there; None: not asked."""


def _issued_bytes(store: Store, path: Path) -> bytes:
    try:
        return snapshot.stored_bytes(store.ws, path)
    except OSError as exc:
        shown = store.ws.rel(path)
        restore = _("khôi phục tệp từ git: git checkout -- '{p}'").format(p=shown)
        raise DataError([cannot_read(shown, exc, restore)]) from None


def build(store: Store, ref: str) -> tuple[issuing.Found, bytes]:
    """The package of the issued document ``ref`` (``01``, ``01-BC/BDVTW`` …), as bytes."""
    item = issuing.find(store, ref)
    record, folder = item.record, item.path.parent
    # every file as the workspace rule reads it (never through a pushed symbolic link: what a
    # package carries upward is only what this folder holds); names are plain file names (model)
    members: list[tuple[str, bytes, str]] = [("issued.yaml", _issued_bytes(store, item.path), "record")]
    for entry in record.files:
        name = entry.name if isinstance(entry, IssuedFile) else entry
        members.append((name, _issued_bytes(store, folder / name),
                        "original" if name == record.original else "rendered"))
    if snapshot.stored_file(store.ws, folder / REVOCATION):
        members.append((REVOCATION, _issued_bytes(store, folder / REVOCATION), "revocation"))
    members.append((DATA, _data(store, record), "data"))
    manifest = {
        "format": "dvcli-package/1", "created": _created(store.ws, item).isoformat(),
        "issuer_code": record.issuer_code, "folder": item.folder_id, "symbol": record.symbol,
        "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "role": role}
                  for name, data, role in members],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [(MANIFEST, _json_bytes(manifest)), *((n, d) for n, d, _r in members)]:
            info = zipfile.ZipInfo(name, _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return item, buffer.getvalue()


def export(store: Store, ref: str, out: Path | None, force: bool, publish: bool) -> Exported:
    from .. import atomic, paths

    if out is None and not publish:
        raise DvcliError(_("cần --out TỆP hoặc --publish"),
                         _("ví dụ: dvcli issued export 05 --out 05-BC-T78.zip"))
    item, raw = build(store, ref)
    shown = None
    if out is not None:
        if paths.output_file(out, store.ws.root) and not force:
            raise DvcliError(_("tệp {p} đã có").format(p=out), _("thêm --force để ghi đè, hoặc chọn tên khác"))
        atomic.write_bytes(out, raw)
        shown = str(out)
    published = None
    if publish:
        if not gitrepo.is_repository(store.ws.root):
            raise DvcliError(_("--publish cần không gian làm việc là kho git"),
                             _("dùng --out TỆP rồi chép gói cho trung tâm (thư mục nguồn của đơn vị)"))
        published = gitoutbox.publish(store.ws.root, f"{item.folder_id}.zip", raw,
                                      _("gói báo cáo {s}").format(s=item.record.symbol))
    names = [name for name in zipfile.ZipFile(io.BytesIO(raw)).namelist()]
    return Exported(item.record.symbol, item.folder_id, len(raw), hashlib.sha256(raw).hexdigest(), names, shown,
                    published)


def _json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _created(ws: Workspace, item: issuing.Found) -> dt.datetime:
    """When the record was committed (the same every time), else the document's date."""
    if gitrepo.is_repository(ws.root):
        found = gitrepo.run(ws.root, "log", "-1", "--format=%cI", "--diff-filter=A", "--",
                            ws.rel(item.path), check=False).stdout.strip()
        if found:
            return dt.datetime.fromisoformat(found)
    return dt.datetime.combine(item.record.date, dt.time(0, 0), dt.UTC)


def _data(store: Store, record: Issued) -> bytes:
    """data.json: the report computed from its sources at the record's commit."""
    ws = store.ws
    if record.commit is not None and gitrepo.is_repository(ws.root) and gitrepo.commit_exists(ws.root, record.commit):
        with tempfile.TemporaryDirectory(prefix="dvcli-package-") as folder:
            root = Path(folder)
            _extract(ws.root, record.commit, ws.rel(ws.data), root)
            return _computed(Store(Workspace(root), use_cache=False), record)
    return _computed(store, record)


def _extract(repo: Path, commit: str, data: str, into: Path) -> None:
    process = subprocess.run(["git", "archive", "--format=tar", commit, "--", data], cwd=repo,
                             capture_output=True, check=False)
    if process.returncode != 0:
        raise DvcliError(_("không lấy được nguồn của văn bản từ git ({c}): {e}").format(
            c=commit[:12], e=process.stderr.decode(errors="replace").strip()), _("xem bằng: git log"))
    with tarfile.open(fileobj=io.BytesIO(process.stdout)) as archive:
        archive.extractall(into, filter="data")


def _computed(store: Store, record: Issued) -> bytes:
    from ..consolidation import KIND_WEEK
    from ..consolidation.units import package_data
    from .consolidate import Request, choose_period, compute

    inputs = snapshot.take(store).require()
    request = Request(start=record.start.isoformat(), end=record.end.isoformat(), template=record.template,
                      ad_hoc=record.title if record.ad_hoc else None)
    period, kind = choose_period(request, inputs.plan, record.date)
    week = periods.week_of(record.start, inputs.plan.reporting)
    if (week.start, week.end) == (period.start, period.end):
        period, kind = week, KIND_WEEK
    report = compute(store, inputs, period, kind, request.ad_hoc)
    return _json_bytes(package_data(report, inputs.plan.group.name))
