"""What the dashboard's web server answers, beyond Streamlit's defaults.

Streamlit serves every download (an export, a printed plan) at ``/media/<hash>.<ext>``
to whoever asks for that address while it lives, without a session, and answers
``/_stcore/metrics`` (sessions, memory, cache sizes) to anyone. :class:`Guard`, an ASGI
middleware around the Streamlit app (``dashboard/server.py``), changes that:

- every browser gets a random ``sejuk_client`` cookie (HttpOnly, SameSite=Strict) on
  its first request; the dashboard reads it (``st.context.cookies``) and
  :func:`grant`\\ s each download it prepares to that browser alone;
- ``/media/`` answers only a browser holding a grant for exactly those bytes (the
  address is a hash of the content), for :data:`GRANT_TTL`; anyone else gets 404;
- ``/_stcore/metrics`` is 404.

Grants live in this process (Streamlit keeps sessions in the process too), behind a
lock: the middleware runs on the server's event loop, the grants are made by page runs.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

COOKIE = "sejuk_client"
#: How long a prepared download can be fetched by the browser that asked for it.
GRANT_TTL = 600.0
CLOSED = ("/_stcore/metrics",)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_lock = threading.Lock()
_grants: dict[tuple[str, str], float] = {}  # (client, sha256 of the bytes) -> expiry


def grant(client: str | None, data: bytes, ttl: float = GRANT_TTL) -> bytes:
    """Let ``client`` (a browser's cookie) fetch ``data``; returns ``data``. Without a
    client (tests, a browser without cookies) nobody may fetch it over HTTP."""
    if client:
        now = time.monotonic()
        with _lock:
            for key in [k for k, expiry in _grants.items() if expiry < now]:
                del _grants[key]
            _grants[(client, hashlib.sha256(data).hexdigest())] = now + ttl
    return data


def revoke(client: str | None) -> None:
    """Forget every grant of ``client`` (at sign-out)."""
    with _lock:
        for key in [k for k in _grants if k[0] == client]:
            del _grants[key]


def granted(client: str | None, data: bytes) -> bool:
    if not client:
        return False
    with _lock:
        expiry = _grants.get((client, hashlib.sha256(data).hexdigest()))
    return expiry is not None and expiry >= time.monotonic()


def client_cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name.lower() == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is no client
                return None
            if COOKIE in jar:
                return jar[COOKIE].value
    return None


def _is_download(path: str) -> bool:
    """Streamlit's ``/media/<file>`` (below the base URL), not ``/static/media/...``."""
    segments = path.strip("/").split("/")
    return len(segments) >= 2 and segments[-2] == "media" and "static" not in segments


async def _not_found(send: Send) -> None:
    await send({"type": "http.response.start", "status": 404,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": b"Not found"})


class Guard:
    """ASGI middleware: the cookie, the download check and the closed endpoints."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "").rstrip("/")
        if path.endswith(CLOSED):
            await _not_found(send)
            return
        client = client_cookie(scope.get("headers", []))
        if _is_download(path):
            await self._download(scope, receive, send, client)
            return
        if client:
            await self.app(scope, receive, send)
            return
        cookie = (f"{COOKIE}={secrets.token_urlsafe(32)}; Path=/; HttpOnly; "
                  "SameSite=Strict").encode()

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
            await send(message)

        await self.app(scope, receive, with_cookie)

    async def _download(self, scope: Scope, receive: Receive, send: Send,
                        client: str | None) -> None:
        """Serve a download only to the browser it was prepared for."""
        if not client:
            await _not_found(send)
            return
        start: Message | None = None
        body = bytearray()
        # Uncompressed, so that the bytes are those the grant was made for.
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", [])
                                      if k.lower() != b"accept-encoding"]}

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, capture)
        if start is None or start.get("status") != 200 or not granted(client, bytes(body)):
            await _not_found(send)
            return
        await send(start)
        await send({"type": "http.response.body", "body": bytes(body)})
