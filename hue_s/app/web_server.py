"""The web client's HTTP server: Flet's ASGI app behind security headers and an Origin check."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import re
import signal
import socket
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import uvicorn

from hue_s.app.web_static import StaticFiles

logger = logging.getLogger(__name__)

ALLOWED_ORIGINS_ENV = "HUE_S_WEB_ORIGINS"
SHUTDOWN_SECONDS = 3
# Where the maps of the incidents and alerts modules load their tiles from.
MAP_TILE_ORIGINS = ("https://tile.openstreetmap.org",)
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.DOTALL | re.I)
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # tracking codes live in some addresses
    (b"x-frame-options", b"DENY"),
)
# Flet adds both. Without cross-origin isolation (COEP), Flutter's skwasm renderer draws on the
# page's own thread: with it, it draws on a worker, and under load the page and the worker
# deadlocked in malloc and free, spinning at 100% CPU for good (docs/FLET-FINDINGS.md).
DROPPED_HEADERS = frozenset({b"access-control-allow-origin", b"cross-origin-embedder-policy"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def allowed_origins() -> frozenset[str]:
    """Return the other origins `HUE_S_WEB_ORIGINS` lets open a session (comma-separated)."""
    raw = os.environ.get(ALLOWED_ORIGINS_ENV, "")
    return frozenset(part.strip().rstrip("/").lower() for part in raw.split(",") if part.strip())


def content_security_policy(inline_scripts: Iterable[bytes]) -> str:
    """Return the page's policy: its own files, these inline scripts, WebAssembly, map tiles."""
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in inline_scripts
    )
    tiles = " ".join(MAP_TILE_ORIGINS)
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval'{hashes}",
            "style-src 'self' 'unsafe-inline'",  # Flutter writes style elements at run time
            f"img-src 'self' data: blob: {tiles}",
            f"connect-src 'self' {tiles}",  # 'self' covers the session's WebSocket
            "font-src 'self' data:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def origin_allowed(headers: Iterable[tuple[bytes, bytes]], allowed: frozenset[str]) -> bool:
    """Say whether a WebSocket's Origin is this server's own (its Host) or an allowed one.

    A browser always sends Origin; a request without one is no other site's page.
    """
    values = {name.lower(): value.decode("latin-1").strip().lower() for name, value in headers}
    origin = values.get(b"origin")
    if origin is None:
        return True
    origin = origin.rstrip("/")
    host = values.get(b"host", "")
    return origin in allowed or (bool(host) and urlsplit(origin).netloc == host)


class WebSecurity:
    """ASGI middleware: security headers on every answer, sessions from allowed origins only."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str] = frozenset()) -> None:
        """Wrap `app`; `allowed` are origins besides the server's own that may open sessions."""
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a foreign WebSocket; add the headers to HTTP answers."""
        if scope["type"] == "websocket" and not origin_allowed(scope["headers"], self.allowed):
            logger.warning("refused a session opened from another site's page")
            await send({"type": "websocket.close", "code": 1008})  # answered as HTTP 403
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, HeaderWriter(send).send)


class HeaderWriter:
    """Rewrites one HTTP answer's headers; an HTML page waits for its body to get its policy."""

    def __init__(self, send: Send) -> None:
        """Write through `send`."""
        self._send = send
        self._start: Message | None = None
        self._body: list[bytes] = []

    async def send(self, message: Message) -> None:
        """Pass a message on, with the headers set on the answer's start."""
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message["headers"] if k.lower() not in DROPPED_HEADERS]
            message = {**message, "headers": headers + list(SECURITY_HEADERS)}
            if not is_html(headers):
                await self._send(message)
                return
            self._start = message
            return
        if self._start is None or message["type"] != "http.response.body":
            await self._send(message)
            return
        self._body.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(self._body)
        policy = content_security_policy(INLINE_SCRIPT.findall(body))
        self._start["headers"].append((b"content-security-policy", policy.encode()))
        await self._send(self._start)
        await self._send({"type": "http.response.body", "body": body})


def is_html(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Say whether an answer is an HTML page."""
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on host:port, or raise OSError (the port is taken)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen()
    except OSError:
        sock.close()
        raise
    return sock


class Server(uvicorn.Server):
    """uvicorn's server, but it returns after SIGINT or SIGTERM instead of raising it again.

    The app then stops its embedded backend and closes its store before it exits.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Turn SIGINT and SIGTERM into a graceful shutdown while serving."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        signals = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in signals}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def serve(app: ASGIApp, sock: socket.socket, cache_dir: Path, roots: Iterable[Path] = ()) -> None:
    """Serve `app` on `sock` until SIGINT or SIGTERM; open sessions get a few seconds to end.

    The client's files, from the folders `roots`, are gzipped once into `cache_dir` and
    cached under their build's name (`web_static.py`).
    """
    config = uvicorn.Config(
        WebSecurity(StaticFiles(app, cache_dir, roots), allowed_origins()),
        log_config=None,
        log_level="warning",
        access_log=False,  # addresses carry tracking codes and queries
        ws="websockets-sansio",
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
    )
    Server(config).run(sockets=[sock])
