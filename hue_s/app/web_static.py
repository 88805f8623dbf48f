"""The web client's files, gzipped once and cached: a small first load, ~0 bytes after.

Flet's static files (Starlette's `FileResponse`) are asked to hand over the path of the file they
answer with (the ASGI `http.response.pathsend` extension); this middleware then answers itself:
gzipped when the browser accepts it and the type compresses (the gzip is made once per file
content, off the event loop, and kept in a cache folder), with a content-hash ETag per encoding
and `Vary: Accept-Encoding`. Flutter's files have the same names in every version: asked for
under their build's name (`web_build.py`, which the page is rewritten to use) they are cached
for a year; otherwise, and the page always, `no-cache`: kept, but asked for again (a 304).
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import hashlib
import os
import tempfile
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread

from hue_s.app.web_build import build_name, trim_font_manifest, unversioned, versioned_page

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Rewrite = Callable[[bytes], bytes]

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
FONT_MANIFEST = ("assets", "FontManifest.json")
IMMUTABLE = b"public, max-age=31536000, immutable"  # under this build's name
CHUNK = 256 * 1024
# An If-Modified-Since is not honoured: an upgrade may install files with older times.
# Headers of Flet's answer that describe a representation this middleware replaces.
REPLACED = frozenset(
    {b"content-length", b"etag", b"last-modified", b"cache-control", b"vary", b"accept-ranges"}
)
CONDITIONAL = frozenset({b"if-none-match", b"if-modified-since"})


class FileVersion:
    """One file's content: its hash, and its gzip in the cache folder when that is smaller."""

    def __init__(
        self, path: str, cache_dir: Path, compress: bool, rewrite: Rewrite | None = None
    ) -> None:
        """Hash `path` (its `rewrite` kept in `cache_dir`), gzip it there if `compress`.

        Blocking: run it in a worker thread.
        """
        data = Path(path).read_bytes()
        if rewrite is not None:
            data = rewrite(data)
        self.digest = hashlib.sha256(data).hexdigest()
        self.size = len(data)
        self.identity = Path(path)
        if rewrite is not None:
            self.identity = cache_dir / f"{self.digest}{Path(path).suffix}"
            if not self.identity.exists():
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


class StaticFiles:
    """ASGI middleware: compression, validators and cache headers for the files Flet serves."""

    def __init__(self, app: ASGIApp, cache_dir: Path, roots: Iterable[Path] = ()) -> None:
        """Wrap `app`; gzipped copies go to `cache_dir`.

        With `roots`, the folders `app` serves files from, the page asks for the files under
        their build's name (`web_build.py`), and those answers are cached for a year.
        """
        self.app = app
        self.cache_dir = cache_dir
        self.roots = tuple(roots)
        self._versions: dict[tuple[str, int, int, str], FileVersion] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a GET for a whole file here; pass everything else through."""
        headers = dict(scope.get("headers", ()))
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or b"range" in headers:
            await self.app(scope, receive, send)
            return
        path, build = unversioned(scope["path"])
        inner = {
            **scope,
            "path": path,
            "method": "GET",  # so that Flet hands over the file's path; HEAD gets no body below
            "headers": [(k, v) for k, v in scope["headers"] if k not in CONDITIONAL],
            "extensions": {**(scope.get("extensions") or {}), PATHSEND: {}},
        }
        if inner.get("raw_path"):
            raw_path = unversioned(inner["raw_path"].decode("latin-1"))[0]
            inner["raw_path"] = raw_path.encode("latin-1")
        answer = FileAnswer(self, headers, send, head=scope["method"] == "HEAD", build=build)
        await self.app(inner, receive, answer.send)

    async def build(self) -> str:
        """Return the name of the files' current build ('' without roots)."""
        if not self.roots:
            return ""
        return await anyio.to_thread.run_sync(build_name, self.roots)

    async def version(self, path: str, compress: bool, page: str | None) -> FileVersion:
        """Return the version of the file at `path`, hashed and gzipped if `compress`, once.

        A `page` is rewritten for that build's names; Flutter's font list is trimmed.
        """
        stat = await anyio.to_thread.run_sync(os.stat, path)
        key = (path, stat.st_size, stat.st_mtime_ns, page or "")
        rewrite: Rewrite | None = None
        if page:
            rewrite = functools.partial(versioned_page, build=page)
        elif Path(path).parts[-2:] == FONT_MANIFEST:
            rewrite = trim_font_manifest
        lock = self._locks.setdefault(path, asyncio.Lock())
        async with lock:  # a file is read and gzipped once, however many ask at once
            if key not in self._versions:
                self._versions[key] = await anyio.to_thread.run_sync(
                    FileVersion, path, self.cache_dir, compress, rewrite
                )
        return self._versions[key]


class FileAnswer:
    """One answer: passed through, unless Flet hands over a file's path to send."""

    def __init__(
        self,
        files: StaticFiles,
        request: dict[bytes, bytes],
        send: Send,
        *,
        head: bool,
        build: str | None,
    ) -> None:
        """Answer the request with these `request` headers through `send`.

        `head`: without a body; `build`: the build's name in the address, if any.
        """
        self.files = files
        self.head = head
        self.build = build
        self.request = request
        self._send = send
        self._start: Message | None = None

    async def send(self, message: Message) -> None:
        """Hold an answer's start; answer a path handed over; pass the rest through."""
        if message["type"] == "http.response.start":
            self._start = message
            return
        if message["type"] == PATHSEND and self._start is not None:
            if self._start["status"] == 200:
                await self.send_file(self._start, message["path"])
            else:  # e.g. Flet's page as the body of a 404
                await self._send(self._start)
                await self.send_body(Path(message["path"]))
            return
        if self._start is not None:
            await self._send(self._start)
            self._start = None
        await self._send(message)

    async def send_file(self, start: Message, path: str) -> None:
        """Send the file at `path`: 304, gzipped or as it is, with its validators."""
        headers = [(k, v) for k, v in start["headers"] if k.lower() not in REPLACED]
        content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
        page = content_type.startswith(b"text/html")
        compressible = content_type.startswith(COMPRESSIBLE) and not page  # WebSecurity reads it
        build = await self.files.build() if page or self.build else ""
        version = await self.files.version(path, compressible, build if page else None)
        gzipped = version.gzip is not None and accepts_gzip(self.request)
        etag = version.etag(gzipped)
        lasting = bool(build) and self.build == build
        headers += [(b"etag", etag), (b"cache-control", IMMUTABLE if lasting else CACHE_CONTROL)]
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
        await self.send_body(source)

    async def send_body(self, source: Path) -> None:
        """Send the file `source` as the body (none for a HEAD)."""
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
