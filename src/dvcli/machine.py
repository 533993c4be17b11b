"""Machine state git cannot carry: where it lives, and the key that says "written on this machine".

The parse cache, consolidate's output memo, the write lock and kept drafts live in the
workspace's git directory (``.git/dvcli/``) when the workspace is a git work tree — nothing there
is ever committed, pushed or pulled — and in ``.dvcli/`` (git-ignored) only when there is no git.

Even so, a cache file could reach the state folder some other way (an archive unpacked, a folder
copied from another machine, ``git add -f .dvcli/cache`` in a workspace without git at first).
So every cache and memo file is sealed with a keyed BLAKE2b tag whose key is this machine's own
secret, kept outside every workspace (``$XDG_STATE_HOME/dvcli/cache.key``, by default
``~/.local/state/dvcli/cache.key``, mode 0600): a file this machine did not write fails its tag
and is ignored (rebuilt), never trusted. Without a usable key there is simply no cache.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

TAG_BYTES = 32
_KEY_BYTES = 32
_key: bytes | None = None
_key_home: str | None = None


def _key_file() -> Path | None:
    base = os.environ.get("XDG_STATE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".local" / "state")
        except (RuntimeError, KeyError):  # no home directory at all: no key, no cache
            return None
    return Path(base) / "dvcli" / "cache.key"


def key() -> bytes | None:
    """This machine's secret (created on first use), or None when it can be neither read nor made."""
    global _key, _key_home
    file = _key_file()
    where = None if file is None else str(file)
    if _key is not None and where == _key_home:
        return _key
    if file is None:
        return None
    found = _read(file)
    if found is None:
        try:
            file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                os.write(fd, secrets.token_bytes(_KEY_BYTES))
            finally:
                os.close(fd)
        except FileExistsError:
            pass  # another dvcli made it first: use theirs
        except OSError:
            return None
        found = _read(file)
    _key, _key_home = found, where
    return found


def _read(file: Path) -> bytes | None:
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            data = os.read(fd, _KEY_BYTES + 1)
        finally:
            os.close(fd)
    except OSError:
        return None
    return data if len(data) == _KEY_BYTES else None


def tagger(secret: bytes) -> hashlib.blake2b:
    """A keyed hash: feed it what is written, and store its ``digest()`` with it."""
    return hashlib.blake2b(key=secret, digest_size=TAG_BYTES)


def verified(secret: bytes, body: bytes | memoryview, tag: bytes | memoryview) -> bool:
    """True when ``tag`` is this machine's tag of ``body``."""
    return hmac.compare_digest(_tag(secret, body), bytes(tag))


def _tag(secret: bytes, body: bytes | memoryview) -> bytes:
    hasher = tagger(secret)
    hasher.update(body)
    return hasher.digest()


def git_dir(root: Path) -> Path | None:
    """The git directory of the work tree whose top is ``root`` (``.git``, or where a ``.git`` file points)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():  # a linked worktree or a submodule: "gitdir: PATH"
        try:
            text = dot_git.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if text.startswith("gitdir:"):
            target = Path(text[len("gitdir:"):].strip())
            target = target if target.is_absolute() else root / target
            return target if target.is_dir() else None
    return None
