"""The web client's files, gzipped once and revalidated: a small first load, ~0 bytes after.

Flet's static files (Starlette's `FileResponse`) are asked to hand over the path of the file they
answer with (the ASGI `http.response.pathsend` extension); this middleware then answers itself:
gzipped when the browser accepts it and the type compresses (the gzip is made once per file
content, off the event loop, and kept in a cache folder), with a content-hash ETag per encoding,
`Vary: Accept-Encoding` and `Cache-Control: no-cache`. Flutter's files have the same names in
every version, so the browser keeps them but asks each time; an unchanged file costs a 304.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PATHSEND = "http.response.pathsend"
CACHE_CONTROL = b"no-cache"  # keep, but ask: file names do not change between versions
COMPRESSIBLE = (
    b"application/wasm",
    b"text/",
    b"application/javascript",
    b"application/json",
    b"application/octet-stream",
    b"font/otf",
    b"font/ttf",
    b"image/svg+xml",
)
MIN_SIZE = 1024
# Flutter downloads every font of this list before the first frame. Flet's client lists the
# KaTeX fonts (LaTeX in Markdown) and Cupertino icons; Hue-S shows neither: 0.47 MB gzipped.
FONT_MANIFEST = ("assets", "FontManifest.json")
UNUSED_FONTS = ("packages/flutter_math_fork/", "packages/cupertino_icons/")
CHUNK = 256 * 1024
# An If-Modified-Since is not honoured: an upgrade may install files with older times.
# Headers of Flet's answer that describe a representation this middleware replaces.
REPLACED = frozenset(
    {b"content-length", b"etag", b"last-modified", b"cache-control", b"vary", b"accept-ranges"}
)
CONDITIONAL = frozenset({b"if-none-match", b"if-modified-since"})


class FileVersion:
    """One file's content: its hash, and its gzip in the cache folder when that is smaller."""

    def __init__(self, path: str, cache_dir: Path, compress: bool) -> None:
        """Hash `path` and, if `compress`, gzip it into `cache_dir` (blocking: in a thread)."""
        data = Path(path).read_bytes()
        trimmed = Path(path).parts[-2:] == FONT_MANIFEST
        if trimmed:
            data = trim_font_manifest(data)
        self.digest = hashlib.sha256(data).hexdigest()
        self.size = len(data)
        self.identity = cache_dir / f"{self.digest}.json" if trimmed else Path(path)
        if trimmed and not self.identity.exists():
            write_atomically(self.identity, data)
        self.gzip: Path | None = cache_dir / f"{self.digest}.gz"
        if not compress or self.size < MIN_SIZE:
            self.gzip = None
        elif not self.gzip.exists():
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            if len(packed) > self.size * 0.9:
                self.gzip = None
                return
            write_atomically(self.gzip, packed)

    def etag(self, gzipped: bool) -> bytes:
        """Return the strong ETag of one representation (each encoding has its own)."""
        return f'"{self.digest[:32]}{"-gz" if gzipped else ""}"'.encode()


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that no reader ever sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def trim_font_manifest(data: bytes) -> bytes:
    """Drop the font families Hue-S never shows from Flutter's font list (loaded at start)."""
    families = json.loads(data)
    kept = [
        family
        for family in families
        if not all(font["asset"].startswith(UNUSED_FONTS) for font in family.get("fonts", []))
    ]
    return json.dumps(kept).encode()


class StaticFiles:
    """ASGI middleware: compression, validators and cache headers for the files Flet serves."""

    def __init__(self, app: ASGIApp, cache_dir: Path) -> None:
        """Wrap `app`; gzipped copies go to `cache_dir`."""
        self.app = app
        self.cache_dir = cache_dir
        self._versions: dict[tuple[str, int, int], FileVersion] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a GET for a whole file here; pass everything else through."""
        headers = dict(scope.get("headers", ()))
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or b"range" in headers:
            await self.app(scope, receive, send)
            return
        inner = {
            **scope,
            "method": "GET",  # so that Flet hands over the file's path; HEAD gets no body below
            "headers": [(k, v) for k, v in scope["headers"] if k not in CONDITIONAL],
            "extensions": {**(scope.get("extensions") or {}), PATHSEND: {}},
        }
        answer = FileAnswer(self, headers, send, head=scope["method"] == "HEAD")
        await self.app(inner, receive, answer.send)

    async def version(self, path: str, compress: bool) -> FileVersion:
        """Return the version of the file at `path` (hashed, gzipped if `compress`, once)."""
        stat = await anyio.to_thread.run_sync(os.stat, path)
        key = (path, stat.st_size, stat.st_mtime_ns)
        lock = self._locks.setdefault(path, asyncio.Lock())
        async with lock:  # a file is read and gzipped once, however many ask at once
            if key not in self._versions:
                self._versions[key] = await anyio.to_thread.run_sync(
                    FileVersion, path, self.cache_dir, compress
                )
        return self._versions[key]


class FileAnswer:
    """One answer: passed through, unless Flet hands over a file's path to send."""

    def __init__(
        self, files: StaticFiles, request: dict[bytes, bytes], send: Send, *, head: bool
    ) -> None:
        """Answer the request with these `request` headers through `send` (`head`: no body)."""
        self.files = files
        self.head = head
        self.request = request
        self._send = send
        self._start: Message | None = None

    async def send(self, message: Message) -> None:
        """Hold the start of a 200; answer a path handed over; pass the rest through."""
        if message["type"] == "http.response.start" and message["status"] == 200:
            self._start = message
            return
        if message["type"] == PATHSEND and self._start is not None:
            await self.send_file(self._start, message["path"])
            return
        if self._start is not None:
            await self._send(self._start)
            self._start = None
        await self._send(message)

    async def send_file(self, start: Message, path: str) -> None:
        """Send the file at `path`: 304, gzipped or as it is, with its validators."""
        headers = [(k, v) for k, v in start["headers"] if k.lower() not in REPLACED]
        content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
        compressible = content_type.startswith(COMPRESSIBLE) and not content_type.startswith(
            b"text/html"  # WebSecurity reads the page's inline scripts
        )
        version = await self.files.version(path, compressible)
        gzipped = version.gzip is not None and accepts_gzip(self.request)
        etag = version.etag(gzipped)
        headers += [(b"etag", etag), (b"cache-control", CACHE_CONTROL)]
        if version.gzip is not None:
            headers.append((b"vary", b"Accept-Encoding"))
        if not_modified(self.request, etag):
            kept = [(k, v) for k, v in headers if k.lower() not in (b"content-type",)]
            await self._send({"type": "http.response.start", "status": 304, "headers": kept})
            await self._send({"type": "http.response.body", "body": b""})
            return
        source = version.gzip if gzipped and version.gzip is not None else version.identity
        if gzipped:
            headers.append((b"content-encoding", b"gzip"))
        size = (await anyio.to_thread.run_sync(os.stat, source)).st_size
        headers.append((b"content-length", str(size).encode()))
        await self._send({"type": "http.response.start", "status": 200, "headers": headers})
        if self.head:
            await self._send({"type": "http.response.body", "body": b""})
            return
        async with await anyio.open_file(source, "rb") as file:
            while chunk := await file.read(CHUNK):
                await self._send({"type": "http.response.body", "body": chunk, "more_body": True})
        await self._send({"type": "http.response.body", "body": b""})


def accepts_gzip(request: dict[bytes, bytes]) -> bool:
    """Say whether the request's Accept-Encoding takes gzip (named, or `*`, without q=0)."""
    for part in request.get(b"accept-encoding", b"").decode("latin-1").lower().split(","):
        name, _, params = part.partition(";")
        if name.strip() not in ("gzip", "*"):
            continue
        weight = params.strip()
        return not weight.startswith("q=") or weight[2:].strip() not in ("0", "0.", "0.0", "0.00")
    return False


def not_modified(request: dict[bytes, bytes], etag: bytes) -> bool:
    """Say whether the browser's copy is this representation (its If-None-Match names it)."""
    tags = [t.strip().removeprefix(b"W/") for t in request.get(b"if-none-match", b"").split(b",")]
    return etag in tags or b"*" in tags
