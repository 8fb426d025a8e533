"""Fetching feeds over HTTP with the limits a badly run web needs.

One ``httpx.Client`` per run (shared connection pool, User-Agent, timeouts); each fetch is
bounded by a connect and read timeout, a hard total deadline and a size cap enforced while
streaming, follows a limited number of redirects, and sends ``If-None-Match`` /
``If-Modified-Since`` so that an unchanged feed costs one 304 and no parsing. A fetch never
raises for network trouble: it returns a :class:`FetchResult` whose ``error`` says why.

The deadline holds from the first byte sent, headers included: httpx's timeouts are per
socket operation, so a server dripping one header line at a time would restart the read
timeout forever. The client's connections therefore come from :class:`_DeadlineBackend`,
whose every socket read and write first checks the deadline of the fetch running in
that thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from feeds.problems import HINTS, PROBLEMS, problem
from sejuk.phrases import Said
from sejuk.settings import CollectorSettings


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced: content, a 304, or an error with a one-line reason."""

    url: str
    status: int | None
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str | None = None
    not_modified: bool = False
    error: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.not_modified

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


_fetch_deadline = threading.local()  # .at: time.monotonic() a fetch in this thread ends


def _remaining(timeout: float | None) -> float | None:
    """The socket timeout left for this thread's fetch; a timeout error once it is over."""
    at: float | None = getattr(_fetch_deadline, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("fetch deadline exceeded")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                      _remaining(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    """httpcore's own sockets, whose reads and writes stop at the deadline of the fetch in
    progress."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(super().connect_tcp(
            host, port, _remaining(timeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        return _DeadlineStream(super().connect_unix_socket(
            path, _remaining(timeout), socket_options))


class _Transport(httpx.HTTPTransport):
    """httpx's transport (its error mapping included) over :class:`_DeadlineBackend`."""

    def __init__(self) -> None:
        super().__init__(trust_env=False)
        # The pool httpx would build (its default limits), with the backend swapped in:
        # HTTPTransport takes no backend argument.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=100,
            max_keepalive_connections=20, keepalive_expiry=5.0,
            network_backend=_DeadlineBackend())


def make_client(settings: CollectorSettings) -> httpx.Client:
    """The shared client for one collection run."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.deadline,
    )
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
            "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5",
        },
        trust_env=False,
        transport=_Transport(),
    )


def check_url(url: str) -> Said | None:
    """Why ``url`` cannot be fetched (only http and https with a host), or ``None``; in
    English as ``str()``, in a reader's language for a refusal (``sejuk sources add``)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises for a port outside 0-65535)
    except ValueError:
        return Said(PROBLEMS, "invalid")
    if any(ch.isspace() for ch in parts.netloc):  # "http://exa mple.com/rss": no host
        return Said(PROBLEMS, "invalid")
    if parts.scheme not in {"http", "https"}:
        return Said(PROBLEMS, "scheme", {"scheme": parts.scheme or "(none)"})
    if not parts.hostname:
        return Said(PROBLEMS, "no_host")
    return None


def fetch(
    client: httpx.Client,
    url: str,
    settings: CollectorSettings,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """GET ``url`` within the limits in ``settings``; never raises for network trouble."""
    reason = check_url(url)
    if reason:
        return FetchResult(url=url, status=None, error=str(reason))
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    deadline = started + settings.deadline
    _fetch_deadline.at = deadline
    try:
        with client.stream("GET", url, headers=headers) as response:
            final_url = str(response.url)
            reason = check_url(final_url)
            if reason:
                return _failed(url, response.status_code,
                               problem("redirected", url=final_url, reason=reason), started)
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code == 304:
                return FetchResult(url=url, status=304, headers=response_headers,
                                   final_url=final_url, not_modified=True,
                                   elapsed=time.monotonic() - started)
            if response.status_code >= 400:
                return _failed(url, response.status_code,
                               http_problem(response.status_code, response.reason_phrase),
                               started)
            declared = response_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > settings.max_bytes:
                return _failed(url, response.status_code,
                               problem("declared_too_big", size=int(declared),
                                       cap=settings.max_bytes), started)
            chunks: list[bytes] = []
            size = 0
            # iter_bytes yields decoded content, so the cap also stops a small gzip body
            # that would expand into gigabytes.
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    return _failed(url, response.status_code,
                                   problem("too_big", cap=settings.max_bytes), started)
                if time.monotonic() > deadline:
                    return _failed(url, response.status_code,
                                   problem("slow_read", seconds=settings.deadline), started)
                chunks.append(chunk)
            return FetchResult(url=url, status=response.status_code, content=b"".join(chunks),
                               headers=response_headers, final_url=final_url,
                               elapsed=time.monotonic() - started)
    except httpx.TooManyRedirects:
        return _failed(url, None, problem("redirects", n=settings.max_redirects), started)
    except httpx.TimeoutException as exc:
        if time.monotonic() >= deadline:
            return _failed(url, None, problem("deadline", seconds=settings.deadline), started)
        return _failed(url, None, problem("timed_out", kind=type(exc).__name__), started)
    except httpx.UnsupportedProtocol as exc:
        return _failed(url, None, problem("protocol", detail=exc), started)
    except (httpx.HTTPError, OSError, ValueError) as exc:
        return _failed(url, None, f"{type(exc).__name__}: {_first_line(exc)}", started)
    finally:
        _fetch_deadline.at = None


def http_problem(status: int, phrase: str = "") -> str:
    """One line for the health table: the status and what it usually means."""
    answer = f"{status} {phrase}".strip()
    hint = HINTS.get(status)
    return problem("http", status=answer, hint=Said(PROBLEMS, hint)) if hint else f"HTTP {answer}"


def _failed(url: str, status: int | None, reason: str, started: float) -> FetchResult:
    return FetchResult(url=url, status=status, error=reason, elapsed=time.monotonic() - started)


def _first_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:300]
