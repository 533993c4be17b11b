"""The verified output memo of ``dvcli consolidate`` previews (issue 6).

Printing the same consolidated report again — same files, same options, same day — should not
compute and render 10,000 members' report again; nor writing its files again with ``--out`` (PDF
aside: LibreOffice dates every PDF it makes). After a preview is printed or written, its exact bytes are
stored in ``<state>/cache/consolidate/<slot>.md`` (``Workspace.state_dir``) with a key naming *everything* the document
depends on:

- the workspace-relative path, kind and SHA-256 of **every** input file (plan, members, every
  assignment and report — the digests of the bytes read *now*, never size or modification time);
- every file in the workspace's ``templates/`` folder (name and SHA-256);
- dvcli's code: its version and the SHA-256 of every file of the installed package (modules,
  templates, the Word ones too, message catalogs), Python's version and Jinja2's and MarkupSafe's
  code; for HTML and DOCX the installed versions of the libraries that write them (``RENDERERS``);
- the command's options and the language (``DVCLI_LANG``);
- the day the document was dated (today in the plan's UTC offset, or ``DVCLI_NOW``'s day).

A memo is served only when its key is that of the run now, and its header and body carry this
machine's keyed tag (``machine.py``: a memo written elsewhere is never served) and the length
written in its header: a changed input, a corrupt or truncated memo is a miss, and the
report is computed again. One memo per set of options (the slot); at most ``KEEP`` are kept. A memo of files written with
``--out`` holds them all in one body (``bundle``): the file name, the draft shown and each format's bytes. The
memo lives under the cache folder so deleting the cache deletes it too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__, machine

MAGIC = b"dvcli-consolidate-memo 1"
KEEP = 16  # memo files kept (the most recently written)
_CODE: str | None = None


# The libraries beyond Jinja that write a format's bytes (import names): their version files are
# hashed too, so an upgrade is a new key.
RENDERERS = {"html": ("matplotlib",), "docx": ("docxtpl", "docx", "lxml", "matplotlib")}


def code_fingerprint(formats: Iterable[str] = ()) -> str:
    """SHA-256 naming the code that writes ``formats`` as installed: a changed module, template
    (the Word ones too) or message catalog of dvcli, or another version of a library that renders
    them, is a new key."""
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
        _hash_files(digest, _code_files(str(Path(__file__).resolve().parent.parent)))
        _hash_files(digest, [path for name in ("jinja2", "markupsafe") for path in _version_files(name)])
        _CODE = digest.hexdigest()
    libraries = sorted({name for form in formats for name in RENDERERS.get(form, ())})
    if not libraries:
        return _CODE
    digest = hashlib.sha256(_CODE.encode())
    _hash_files(digest, [path for name in libraries for path in _version_files(name)])
    return digest.hexdigest()


def _hash_files(digest: Any, paths: Iterable[str]) -> None:
    for path in sorted(paths):
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
        try:
            with open(path, "rb") as handle:  # noqa: PTH123 - plain open: dozens of files per run
                digest.update(hashlib.sha256(handle.read()).digest())
        except OSError:
            digest.update(b"?")


def _version_files(name: str) -> list[str]:
    """The files of an installed library that hold its version (``__init__.py``, ``_version.py``),
    found without importing it; none when it is not installed."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or not spec.origin:
        return []
    beside = os.path.join(os.path.dirname(spec.origin), "_version.py")  # noqa: PTH118, PTH120
    return [spec.origin, *([beside] if os.path.isfile(beside) else [])]  # noqa: PTH113


def _code_files(root: str) -> list[str]:
    """Every file under ``root`` but compiled bytecode (what Python compiled from the modules hashed)."""
    if not os.path.isdir(root):  # noqa: PTH112
        return [root]
    found: list[str] = []
    pending = [root]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif not entry.name.endswith(".pyc"):
                    found.append(entry.path)
    return found


def make_key(parts: Iterable[str]) -> str:
    digest = hashlib.sha256(MAGIC)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def today_at(utc_offset: str) -> dt.date | None:
    """Today in a fixed UTC offset (``+07:00``), or ``DVCLI_NOW``'s day; None if either is malformed."""
    from ..errors import DvcliError
    from ..periods import now, offset_zone

    try:
        return now(offset_zone(utc_offset)).date()
    except (ValueError, DvcliError):
        return None


class Memo:
    """One slot of the memo folder: the document last printed for one set of options."""

    def __init__(self, folder: Path | None, options: Iterable[str]) -> None:
        self.folder = folder
        self.slot = make_key(options)[:32]

    @property
    def file(self) -> Path | None:
        return None if self.folder is None else self.folder / f"{self.slot}.md"

    def get(self, key: str, today: dt.date | None) -> memoryview | None:
        """The stored document if it was made under ``key`` (and ``today``, when given) and is intact.

        ``today`` None: the day is the plan's today, computed here from the offset stored in the memo
        (the plan's bytes are part of ``key``, so its offset is the one of the plan read now).
        """
        file = self.file
        if file is None:
            return None
        try:
            with open(file, "rb") as handle:  # noqa: PTH123
                data = handle.read()
        except OSError:
            return None
        end = data.find(b"\n", 0, 1024)
        if end < 0:
            return None
        fields = data[:end].split(b" ")
        if len(fields) != 7 or b" ".join(fields[:2]) != MAGIC or fields[2] != key.encode():
            return None
        stored_day, offset, length, body_digest = (field.decode("ascii", "replace") for field in fields[3:])
        day = today if today is not None else today_at(offset)
        if day is None or day.isoformat() != stored_day:
            return None
        body = memoryview(data)[end + 1:]
        secret = machine.key()
        if secret is None or str(len(body)) != length:
            return None
        sealed = machine.tagger(secret)
        sealed.update(data[:data.rfind(b" ", 0, end) + 1])  # the header up to the tag, then the body
        sealed.update(body)
        if not hmac.compare_digest(sealed.hexdigest().encode(), body_digest.encode()):
            return None  # truncated, damaged or not written on this machine: computed again, and rewritten
        return body

    def put(self, key: str, today: dt.date, utc_offset: str, chunks: list[bytes | memoryview]) -> None:
        """Store the printed bytes; a read-only or full disk just means no memo."""
        file = self.file
        secret = machine.key()
        if file is None or secret is None or " " in utc_offset or "\n" in utc_offset:
            return
        length = sum(len(chunk) for chunk in chunks)
        prefix = b" ".join((MAGIC, key.encode(), today.isoformat().encode(), utc_offset.encode(),
                            str(length).encode())) + b" "
        sealed = machine.tagger(secret)  # this machine's tag over the header and the body
        sealed.update(prefix)
        for chunk in chunks:
            sealed.update(chunk)
        header = prefix + sealed.hexdigest().encode() + b"\n"
        assert self.folder is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(header)
                    handle.writelines(chunks)
                os.replace(name, file)  # noqa: PTH105
            finally:
                if os.path.exists(name):  # noqa: PTH110
                    os.unlink(name)  # noqa: PTH108
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        assert self.folder is not None
        with os.scandir(self.folder) as entries:
            memos = [(entry.stat().st_mtime_ns, entry.path) for entry in entries
                     if entry.name.endswith(".md") and entry.is_file()]
        for _mtime, path in sorted(memos, reverse=True)[KEEP:]:
            try:
                os.unlink(path)  # noqa: PTH108
            except OSError:
                continue


@dataclass(frozen=True)
class Files:
    """The files of one ``--out`` preview, as a memo holds them."""

    base: str  # written as <out>/<base>.<format>
    draft: str | None  # the draft the text came from (said on stderr), if any
    files: dict[str, bytes]


def bundle(base: str, draft: str | None, files: dict[str, bytes]) -> list[bytes | memoryview]:
    """One memo body for several files: a JSON line naming each format and its length, then the bytes."""
    head = json.dumps({"base": base, "draft": draft, "files": [[fmt, len(data)] for fmt, data in files.items()]},
                      ensure_ascii=False)
    return [head.encode("utf-8") + b"\n", *files.values()]


def unbundle(body: memoryview | None) -> Files | None:
    """The files ``bundle`` stored (the memo's tag already vouches for them); None if the body is not one."""
    if body is None:
        return None
    end = bytes(body[:4096]).find(b"\n")
    try:
        head: Any = json.loads(bytes(body[:end]).decode("utf-8")) if end > 0 else {}
        place, files = end + 1, {}
        for fmt, length in head["files"]:
            files[str(fmt)] = bytes(body[place:place + length])
            place += length
        found = Files(str(head["base"]), None if head["draft"] is None else str(head["draft"]), files)
    except (ValueError, TypeError, KeyError):
        return None
    return found if place == len(body) else None
