"""The shared repository's inbox: submissions waiting to be put on the shared branch.

Many members syncing at the same instant race for one ref: a push is a compare-and-swap of
``main``, so of N writers about one wins per round and the others fetch, rebase and try again
— 50 writers at once left most of them out after ten rounds. A member who loses the race
instead *deposits* their commits under a ref nobody else writes, ``refs/dvcli/inbox/<commit>``
(creating a new ref never races), and the next ``dvcli sync`` of anyone — the secretary's
before consolidating, or any member's — puts every waiting submission on ``main`` in one push
and deletes the inbox refs it took, atomically.

Putting them on ``main`` is a replay, like a rebase, but without a work tree and in a fixed
number of git processes however many submissions wait (one ``rev-list``, one ``diff-tree
--stdin``, one ``cat-file --batch``, one ``ls-tree``, one ``fast-import``): each submitted
commit keeps its author, committer and message, and is applied file by file onto the current
tip only where the file is still as the commit found it. A file already changed the same way
(a member who later pushed directly) is skipped; a file changed differently since is a
conflict: that submission stays in the inbox for its member's own sync, which rebases in the
member's work tree and says what to do.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .gitrepo import run

INBOX = "refs/dvcli/inbox/"
MIRROR = "refs/dvcli/inbox-seen/"  # the local copy of the remote inbox, refreshed by every fetch
_SCRATCH = "refs/dvcli/integrating"
_ZERO = "0" * 40
_HEX = re.compile(r"[0-9a-f]{40}")


def fetch_refspec() -> str:
    return f"+{INBOX}*:{MIRROR}*"


def waiting(root: Path) -> dict[str, str]:
    """The inbox as last fetched: ref name on the remote → the commit it holds."""
    process = run(root, "for-each-ref", "--format=%(refname) %(objectname)", MIRROR)
    pairs = (line.split(" ", 1) for line in process.stdout.splitlines() if line)
    return {INBOX + name.removeprefix(MIRROR): sha for name, sha in pairs}


@dataclass
class Integration:
    """What :func:`integrate` built: the new tip and which inbox refs it took in full."""

    tip: str | None
    commits: int = 0
    files: list[str] = field(default_factory=list)
    taken: dict[str, str] = field(default_factory=dict)
    """Inbox refs whose every commit is now on ``tip`` (applied, or already there): to delete."""
    left: list[str] = field(default_factory=list)
    """Inbox refs with a commit that conflicts with ``tip``: left for their member."""


def integrate(root: Path, onto: str | None, inbox: dict[str, str]) -> Integration:
    """Replay every commit waiting in ``inbox`` onto ``onto``, oldest first, into new commits."""
    result = Integration(tip=onto)
    if not inbox:
        return result
    exclude = ["--not", onto] if onto else []
    order = run(root, "rev-list", "--reverse", "--topo-order", "--parents", *sorted(set(inbox.values())),
                *exclude).stdout.split("\n")
    parents = {line.split()[0]: line.split()[1:] for line in order if line}
    commits = list(parents)
    changes = _changes(root, commits)
    headers = _commit_objects(root, commits)
    tree = _tree(root, onto)
    blocked: set[str] = set()
    stream: list[bytes] = []
    for commit in commits:
        parent = parents[commit]
        if len(parent) > 1 or blocked.intersection(parent) or _conflicts(tree, changes.get(commit, [])):
            blocked.add(commit)  # a merge, or a change to a file that moved on since: its member rebases it
            continue
        effective = [change for change in changes.get(commit, []) if tree.get(change[3]) != change[2]]
        if not effective:
            continue  # already on the tip (the member pushed it directly, or another copy was replayed)
        for _old, _mode, new, path in effective:
            if new is None:
                tree.pop(path, None)
            else:
                tree[path] = new
            if path not in result.files:
                result.files.append(path)
        stream.append(_fast_import_commit(headers[commit], effective, onto if not stream else None))
        result.commits += 1
    for name, sha in sorted(inbox.items()):
        chain = _chain(sha, parents)
        (result.left.append(name) if blocked.intersection(chain) else result.taken.__setitem__(name, sha))
    if stream:
        result.tip = _fast_import(root, stream)
    return result


def _chain(sha: str, parents: dict[str, list[str]]) -> set[str]:
    """``sha`` and its ancestors among the commits being replayed."""
    seen: set[str] = set()
    todo = [sha]
    while todo:
        commit = todo.pop()
        if commit in parents and commit not in seen:
            seen.add(commit)
            todo.extend(parents[commit])
    return seen


# (old blob, new mode, new blob, path); a blob of None is "no such file"
Change = tuple[str | None, str, str | None, str]


def _conflicts(tree: dict[str, str], changes: list[Change]) -> bool:
    return any(tree.get(path) not in (old, new) for old, _mode, new, path in changes)


def _changes(root: Path, commits: list[str]) -> dict[str, list[Change]]:
    """Each commit's changes against its first parent, from one ``diff-tree --stdin``."""
    process = subprocess.run(["git", "diff-tree", "--stdin", "--root", "-r", "-z", "--no-renames"], cwd=root,
                             input="\n".join(commits) + "\n", capture_output=True, text=True, check=True,
                             env=_env())
    tokens = process.stdout.split("\0")
    result: dict[str, list[Change]] = {}
    current = ""
    index = 0
    while index < len(tokens):
        token = tokens[index].strip("\n")
        if _HEX.fullmatch(token):
            current = token
            result.setdefault(current, [])
        elif token.startswith(":"):
            _old_mode, new_mode, old, new, _status = token[1:].split(" ")
            index += 1
            result[current].append((None if old == _ZERO else old, new_mode, None if new == _ZERO else new,
                                    tokens[index]))
        index += 1
    return result


def _commit_objects(root: Path, commits: list[str]) -> dict[str, bytes]:
    """The raw text of each commit object (headers, blank line, message), from one ``cat-file --batch``."""
    process = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="\n".join(commits).encode() + b"\n",
                             capture_output=True, check=True, env=_env())
    data, objects, offset = process.stdout, {}, 0
    while offset < len(data):
        header_end = data.index(b"\n", offset)
        sha, _kind, size = data[offset:header_end].decode().split()
        objects[sha] = data[header_end + 1:header_end + 1 + int(size)]
        offset = header_end + 1 + int(size) + 1
    return objects


def _tree(root: Path, commit: str | None) -> dict[str, str]:
    if commit is None:
        return {}
    process = run(root, "ls-tree", "-r", "-z", "--full-tree", commit)
    tree: dict[str, str] = {}
    for entry in process.stdout.split("\0"):
        if entry:
            meta, path = entry.split("\t", 1)
            tree[path] = meta.split()[2]
    return tree


def _fast_import_commit(raw: bytes, changes: list[Change], base: str | None) -> bytes:
    head, _, message = raw.partition(b"\n\n")
    fields = dict(line.split(b" ", 1) for line in head.split(b"\n") if b" " in line)
    lines = [b"commit " + _SCRATCH.encode(), b"author " + fields[b"author"], b"committer " + fields[b"committer"],
             b"data %d" % len(message) + b"\n" + message]
    if base:
        lines.append(b"from " + base.encode())
    for _old, mode, new, path in changes:
        quoted = _quote(path)
        lines.append(b"D " + quoted if new is None else f"M {mode} {new} ".encode() + quoted)
    return b"\n".join(lines) + b"\n\n"


def _quote(path: str) -> bytes:
    """A path in fast-import's C-style quotes (any byte a file name may hold survives)."""
    out = bytearray(b'"')
    for byte in path.encode("utf-8", "surrogateescape"):
        if byte in (0x22, 0x5C):
            out += b"\\" + bytes([byte])
        elif byte < 0x20 or byte == 0x7F:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b'"')


def _fast_import(root: Path, stream: list[bytes]) -> str:
    run(root, "update-ref", "-d", _SCRATCH, check=False)
    subprocess.run(["git", "fast-import", "--quiet", "--force", "--done"], cwd=root,
                   input=b"".join(stream) + b"done\n", capture_output=True, check=True, env=_env())
    tip = run(root, "rev-parse", _SCRATCH).stdout.strip()
    run(root, "update-ref", "-d", _SCRATCH)
    return tip


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "LC_ALL": "C"}
