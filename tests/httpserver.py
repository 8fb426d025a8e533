"""A real HTTP server on 127.0.0.1 for tests, with routes that misbehave on purpose.

Each route is a function ``(handler) -> None`` that writes the response itself, so a test
can serve a slow body, an endless redirect loop or a 100 MB stream exactly as a badly run
site would. Waiting is done on events, never on fixed sleeps, except where slowness is
the behaviour under test.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    hits: dict[str, int] = {}
    lock = threading.Lock()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
        route = self.routes.get(path)
        if route is None:
            self.send_error(404)
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


class TestServer:
    __test__ = False

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        handler = type("Handler", (_Handler,), {"routes": self.routes, "hits": self.hits,
                                                 "lock": threading.Lock()})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.stop = threading.Event()
        # Routes that misbehave slowly wait on this, so they end when the server stops.
        self.httpd.stop = self.stop  # type: ignore[attr-defined]

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def static(self, path: str, body: bytes, content_type: str = "application/rss+xml",
               status: int = 200, headers: dict[str, str] | None = None) -> str:
        def route(h: BaseHTTPRequestHandler) -> None:
            etag = (headers or {}).get("ETag")
            if etag and h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                h.send_header(key, value)
            h.end_headers()
            h.wfile.write(body)

        return self.add(path, route)


@contextmanager
def running_server() -> Iterator[TestServer]:
    server = TestServer()
    thread = threading.Thread(target=server.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.httpd.shutdown()
        server.httpd.server_close()
        thread.join(timeout=5)
