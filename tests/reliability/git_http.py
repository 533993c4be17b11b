"""Git's smart HTTP on 127.0.0.1 for tests and benchmarks: ``git http-backend`` behind basic auth.

A real git server, as a member's machine meets one: the client is the ``git`` program with
curl, the server is git's own CGI program. The HTTP part is Python's threading server (one
thread per request) so that hundreds of clones can talk to it at once. Also here: a server
that accepts connections and never answers (what a hung proxy looks like).
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(BaseHTTPRequestHandler):
    server: _GitServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: hundreds of requests per test

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _user(self) -> str | None:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        try:
            name, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        return name if self.server.users.get(name) == password else None

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        with self.server.lock:
            self.server.requests += 1
        user = self._user()
        if user is None:
            body = self._body()
            del body
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="dvcli test"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "GATEWAY_INTERFACE": "CGI/1.1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "REMOTE_USER": user,
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_PROJECT_ROOT": str(self.server.root),
            "GIT_HTTP_EXPORT_ALL": "1",
        }
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        body = self._body() if self.command == "POST" else b""
        process = subprocess.run(["git", "http-backend"], input=body, capture_output=True, env=env, check=False)
        head, _, payload = process.stdout.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = process.stdout.partition(b"\n\n")
        status = 200
        headers: list[tuple[str, str]] = []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class _GitServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # hundreds of clones connect in the same instant

    def __init__(self, root: Path, users: dict[str, str]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.users = users
        self.lock = threading.Lock()
        self.requests = 0

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client killed mid-answer is no news
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class GitHttp:
    """A running server: ``url(repo, user)`` is a clone URL, with the user's password in it or not."""

    def __init__(self, server: _GitServer) -> None:
        self._server = server
        self.port = server.server_address[1]

    @property
    def requests(self) -> int:
        return self._server.requests

    def url(self, repository: str, user: str | None = None, password: str | None = None) -> str:
        if user is None:
            return f"http://127.0.0.1:{self.port}/{repository}"
        secret = self._server.users[user] if password is None else password
        return f"http://{user}:{secret}@127.0.0.1:{self.port}/{repository}"


@contextmanager
def serve(root: Path, users: dict[str, str]) -> Iterator[GitHttp]:
    """Serve every repository under ``root`` over smart HTTP; ``users`` maps names to passwords."""
    server = _GitServer(root, users)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield GitHttp(server)
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """A URL whose server accepts every connection and never sends a byte."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except (TimeoutError, OSError):
                continue
            held.append(connection)  # kept open, never answered

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/shared.git"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()
