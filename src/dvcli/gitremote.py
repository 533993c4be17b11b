"""Git over the network: fetch and push with timeouts, secrets kept out of messages, faults named.

Every command that talks to the shared repository runs here, so that each one:

- cannot hang: curl gives up on a connection that moves less than a byte a second for
  ``stall`` seconds (``http.lowSpeedLimit``/``http.lowSpeedTime``), and the whole command is
  killed after ``timeout`` seconds whatever the transport (ssh, a mounted folder);
- leaves stored credentials alone when the remote URL carries its own password: git would
  otherwise erase the member's stored (good) password after a wrong one in the URL, and copy
  a URL's password into the plain-text store after a right one;
- says what went wrong in terms a member can act on: authentication, no answer, no network,
  a local git lock file (named), or a refusal by the server's policy;
- never shows a password: :func:`redact` is applied to every URL and every line of git's
  output that reaches a message.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

DEFAULT_TIMEOUT = 120.0  # seconds a fetch or push may take in all
STALL = 30.0  # seconds without a byte before curl gives up


_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/@:\s'\"]*):[^/@\s'\"]*@")


def redact(text: str) -> str:
    """``https://an:secret@host/x`` → ``https://an:***@host/x`` wherever a URL appears in ``text``."""
    return _USERINFO.sub(r"\g<scheme>\g<user>:***@", text)


def has_password(url: str) -> bool:
    return _USERINFO.search(url) is not None


class RemoteError(Exception):
    """A fetch or push failed; ``detail`` is git's own line, already redacted."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Unreachable(RemoteError):
    """No such host, connection refused, no such repository: the network or the address."""


class AuthFailed(RemoteError):
    """The server refused the user name or password (or none was given)."""


class TimedOut(RemoteError):
    """The server accepted the connection and then stopped answering."""

    def __init__(self, detail: str, seconds: float) -> None:
        super().__init__(detail)
        self.seconds = seconds


class LocalLock(RemoteError):
    """A ``.lock`` file in the local repository (a git process running, or killed mid-write)."""

    def __init__(self, detail: str, path: str) -> None:
        super().__init__(detail)
        self.path = path


class Refused(RemoteError):
    """The server refused the update for a policy reason (a hook, permissions, a protected ref)."""


class Limits:
    """How long a network command may take: ``stall`` seconds silent, ``timeout`` in all."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        # A longer --timeout means the member expects a slow or busy server: a server that queues
        # many pushes keeps a connection silent for a while before it answers, so the stall limit
        # grows with the timeout (a quarter of it, never under STALL nor over the timeout itself).
        self.stall = max(1, int(min(timeout, max(STALL, timeout / 4))))


def run(root: Path, url: str, *args: str, limits: Limits) -> subprocess.CompletedProcess[str]:
    """Run ``git args`` that talk to ``url``; raise ``TimedOut`` when it takes too long."""
    config = ["-c", "http.lowSpeedLimit=1", "-c", f"http.lowSpeedTime={limits.stall}"]
    if has_password(url):
        config += ["-c", "credential.helper="]
    environment = {**os.environ, "LC_ALL": "C"}
    # Without a terminal nobody can type a password: a group of its own lets a timeout kill
    # git's helpers too (git-remote-http, ssh). With one, git must stay in the foreground group.
    interactive = sys.stdin is not None and sys.stdin.isatty()
    process = subprocess.Popen(["git", *config, *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=environment, process_group=None if interactive else 0)
    try:
        stdout, stderr = process.communicate(timeout=limits.timeout)
    except subprocess.TimeoutExpired:
        if interactive:
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):  # a helper may still hold the pipes: it
            process.communicate(timeout=2)                       # dies on its own when its socket gives up
        process.wait()
        raise TimedOut(redact(url), limits.timeout) from None
    except BaseException:
        process.kill()
        process.wait()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


_LOCK = re.compile(r"Unable to create '([^']+\.lock)': File exists")
_AUTH = ("authentication failed", "could not read username", "could not read password",
         "the requested url returned error: 401", "the requested url returned error: 403",
         "permission denied (publickey", "invalid username or password")
_TIMEOUT = ("operation too slow", "timed out", "connection timed out")
_GENERIC = ("could not read from remote repository", "please make sure you have the correct access rights",
            "and the repository exists")


def failure(stderr: str, limits: Limits) -> RemoteError:
    """The exception that says why a fetch or push failed, from git's stderr."""
    lowered = stderr.lower()
    locked = _LOCK.search(stderr)
    if locked:
        return LocalLock(redact(last_line(stderr)), locked[1])
    if any(mark in lowered for mark in _AUTH):
        return AuthFailed(redact(last_line(stderr)))
    if any(mark in lowered for mark in _TIMEOUT):
        return TimedOut(redact(last_line(stderr)), limits.stall)
    return Unreachable(redact(last_line(stderr)))


def last_line(text: str) -> str:
    """The one line of git's complaint that says what went wrong (not the generic follow-ups)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    specific = [line for line in lines if not any(g in line.lower() for g in _GENERIC)]
    return (specific or lines or [""])[0]


# --- the two network commands of ``dvcli sync`` ----------------------------------------------

def fetch(root: Path, remote: str, url: str, ref: str, limits: Limits, *also: str) -> str | None:
    """Fetch ``ref`` of ``remote`` (and the refspecs ``also``); the commit ``ref`` points to, or None.

    Git also moves the remote-tracking branch (``origin/main``) on the way. None: the shared
    repository has no such branch yet, and the first push creates it.
    """
    process = run(root, url, "fetch", "--quiet", "--no-tags", "--prune", remote, ref, *also, limits=limits)
    if process.returncode != 0:
        if "couldn't find remote ref" in process.stderr:
            return None
        raise failure(process.stderr, limits)
    git_path = subprocess.run(["git", "rev-parse", "--git-path", "FETCH_HEAD"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()
    for line in (root / git_path).read_text(encoding="utf-8").splitlines():
        sha, _, rest = line.partition("\t")
        if not rest.startswith("not-for-merge"):
            return sha
    return None


# Why a remote refuses a push when another writer got there first (``--porcelain`` reasons,
# and the ref-lock complaints of a repository receiving several pushes at the same instant).
_RACED = ("fetch first", "non-fast-forward", "stale info", "failed to update ref", "cannot lock ref",
          "failed to lock", "incorrect old value")


def push(root: Path, remote: str, url: str, refspecs: list[str], limits: Limits,
         leases: dict[str, str] | None = None) -> bool:
    """Push ``refspecs``, all or none (``--atomic``); False when a concurrent writer got there first.

    ``leases`` maps a ref to the commit it must still hold on the remote for the push to go
    through (``--force-with-lease``): what another writer changed since is a race, not lost.

    ``--porcelain`` reports each ref on a line starting with a flag; ``!`` means the remote
    refused the update, and the bracketed reason says whether it was a race (retry) or a
    refusal (a hook, a protected branch: raise ``Refused``).
    """
    options = [f"--force-with-lease={ref}:{sha}" for ref, sha in sorted((leases or {}).items())]
    atomic = ["--atomic"] if len(refspecs) > 1 else []
    process = run(root, url, "push", "--porcelain", "--quiet", *atomic, *options, remote, *refspecs, limits=limits)
    if process.returncode == 0:
        return True  # a stale local lock may have kept git from moving origin/main: the next fetch names it
    refused = [line for line in process.stdout.splitlines() if line.startswith("!")]
    if refused and any(reason in process.stdout for reason in _RACED):
        return False
    if refused:
        reason = refused[0].split("\t")[-1]
        remote_lines = [line.removeprefix("remote:").strip() for line in process.stderr.splitlines()
                        if line.startswith("remote:") and line.removeprefix("remote:").strip()]
        raise Refused(redact("; ".join([reason, *remote_lines])))
    if any(reason in process.stderr for reason in _RACED) and not _LOCK.search(process.stderr):
        return False
    raise failure(process.stderr or process.stdout, limits)
