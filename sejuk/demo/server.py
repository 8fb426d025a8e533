"""A local HTTP server for fixture feeds: the demo and the tests fetch from it exactly as
the collector fetches from the web (status codes, ETag, conditional GET)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    server_version = "SejukFixture/1.0"
    routes: Mapping[str, tuple[bytes, str]] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send_error(404, "no such feed")
            return
        body, content_type = route
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the collector reports what matters."""


@contextmanager
def serve_routes(routes: Mapping[str, tuple[bytes, str]]) -> Iterator[str]:
    """Serve ``path -> (body, content type)`` on 127.0.0.1 at a free port; yields the base
    URL and stops the server on exit."""
    handler = type("FixtureHandler", (_Handler,), {"routes": dict(routes)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, args=(0.05,),
                              name="sejuk-fixtures", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
