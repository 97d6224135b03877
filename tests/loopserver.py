"""A real HTTP server on a loopback address, in a thread, for the guard and run tests.

Each path answers with a ``Reply`` (status, headers, body, an optional delay before the
answer: a slow server), or a function of the request giving one. ETag validators are
honoured (304). Every request is recorded with its headers.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)  # when the request came in


Route = Reply | Callable[["Seen"], Reply]


class _Handler(BaseHTTPRequestHandler):
    server: LoopServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        seen = Seen(self.path, dict(self.headers.items()))
        with self.server.lock:
            self.server.seen.append(seen)
            route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            reply = Reply(404, b"not found")
        else:
            reply = route(seen) if callable(route) else route
        if reply.delay:
            time.sleep(reply.delay)
        etag = reply.headers.get("ETag")
        if etag and reply.status == 200 and self.headers.get("If-None-Match") == etag:
            reply = Reply(304, b"", {"ETag": etag})
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        return


class LoopServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1", port: int = 0,
                 tls: ssl.SSLContext | None = None) -> None:
        super().__init__((host, port), _Handler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str, host: str | None = None) -> str:
        return f"{self.scheme}://{host or self.server_address[0]}:{self.port}{path}"

    def requests_to(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path.split("?")[0] == path]

    def __enter__(self) -> LoopServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.shutdown()
        self.server_close()
