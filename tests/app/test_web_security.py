"""The web app's server, run as `hue-s app --web` on loopback: headers, origins, logs, SIGTERM."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import websockets

from hue_s.app.web_server import MAP_TILE_ORIGINS, content_security_policy
from hue_s.modules.alerts.app.views.area_map import OSM_TILES as ALERT_TILES
from hue_s.modules.incidents.app.views.map import OSM_TILES as INCIDENT_TILES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")

OTHER_ORIGIN = "https://hue-s.example"  # allowed through HUE_S_WEB_ORIGINS
START_TIMEOUT = 120.0
STOP_TIMEOUT = 30.0  # generous; the server gives open sessions 3 s
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


class WebApp:
    """`python -m hue_s app --web` on a free loopback port, its output kept."""

    def __init__(self, data_dir: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, HUE_S_DATA_DIR=str(data_dir), HUE_S_WEB_ORIGINS=OTHER_ORIGIN)
        env.update(PYTHONUNBUFFERED="1", FLET_FORCE_WEB_SERVER="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hue_s", "app", "--web", "--port", str(self.port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def output(self) -> str:
        """Return what the app printed so far."""
        return "".join(self.lines)

    def wait_ready(self) -> None:
        """Wait until the app says it runs and its page answers."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            if "Hue-S is running at" in self.output():
                try:
                    if httpx.get(self.url + "/", timeout=5).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
            time.sleep(0.1)
        raise AssertionError(f"the app did not start:\n{self.output()}")

    def stop(self) -> None:
        """Kill the app if it still runs."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(STOP_TIMEOUT)
        self._reader.join(5)


@pytest.fixture(scope="module")
def web_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    """Start the web app once for the module's checks."""
    app = WebApp(tmp_path_factory.mktemp("web-app"))
    try:
        app.wait_ready()
        yield app
    finally:
        app.stop()


def sha256_source(script: bytes) -> str:
    """Return the CSP source that allows one inline script."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"


def directives(policy: str) -> dict[str, list[str]]:
    """Split a Content-Security-Policy into directive -> sources."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def test_the_page_carries_security_headers_and_no_wildcard_cors(web_app: WebApp) -> None:
    page = httpx.get(web_app.url + "/", headers={"Origin": "https://evil.example"})
    assert page.status_code == 200 and "access-control-allow-origin" not in page.headers
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-frame-options"] == "DENY"
    policy = directives(page.headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    inline = INLINE_SCRIPT.findall(page.content)
    assert inline and all(sha256_source(script) in scripts for script in inline)

    code = httpx.get(web_app.url + "/main.dart.js", headers={"Origin": "https://evil.example"})
    assert code.status_code == 200 and "access-control-allow-origin" not in code.headers
    assert code.headers["x-content-type-options"] == "nosniff"


def test_the_page_is_not_cross_origin_isolated(web_app: WebApp) -> None:
    """Isolation puts Flutter's renderer on a worker, which deadlocked with the page under load."""
    for path in ("/", "/main.dart.mjs", "/canvaskit/skwasm.js"):
        answer = httpx.get(web_app.url + path)
        assert answer.status_code == 200, path
        assert "cross-origin-embedder-policy" not in answer.headers, path
        assert answer.headers.get("cross-origin-opener-policy") == "same-origin", path


def test_the_maps_tiles_are_allowed_by_the_policy() -> None:
    policy = directives(content_security_policy([]))
    for template in (INCIDENT_TILES, ALERT_TILES):
        parts = urlsplit(template)
        origin = f"{parts.scheme}://{parts.netloc}"
        assert origin in MAP_TILE_ORIGINS
        assert origin in policy["img-src"] and origin in policy["connect-src"]


async def open_session(url: str, origin: str | None) -> bool:
    """Open the app's WebSocket from a page of `origin`; say whether the server accepted."""
    address = url.replace("http://", "ws://") + "/ws"
    try:
        async with websockets.connect(address, origin=origin, open_timeout=30):  # type: ignore[arg-type]
            return True
    except websockets.InvalidStatus as refused:
        assert refused.response.status_code == 403
        return False


async def test_only_the_apps_own_and_listed_origins_open_sessions(web_app: WebApp) -> None:
    assert await open_session(web_app.url, web_app.url)
    assert await open_session(web_app.url, OTHER_ORIGIN)
    assert not await open_session(web_app.url, "https://evil.example")
    assert not await open_session(web_app.url, f"http://localhost.evil.example:{web_app.port}")
    assert not await open_session(web_app.url, "null")


def test_the_log_has_no_request_lines_nor_queries(web_app: WebApp) -> None:
    secret = "Secret-7Q2Z"
    answer = httpx.get(f"{web_app.url}/incidents/track/12-AB?code={secret}")
    assert answer.status_code == 200
    httpx.get(f"{web_app.url}/favicon.png?{secret}")
    log = web_app.output()
    assert secret not in log
    assert '"GET /' not in log and "HTTP Request:" not in log, log


def raw_get(url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """GET `url`; return the answer and its body as sent (not decoded)."""
    with httpx.stream("GET", url, headers=headers, timeout=60) as response:
        return response, b"".join(response.iter_raw())


def test_the_client_is_sent_gzipped_when_asked_and_revalidated(web_app: WebApp) -> None:
    url = web_app.url + "/main.dart.wasm"
    packed, packed_body = raw_get(url, {"Accept-Encoding": "gzip, deflate, br, zstd"})
    plain, plain_body = raw_get(url, {"Accept-Encoding": "identity"})
    assert packed.status_code == plain.status_code == 200
    assert packed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert gzip.decompress(packed_body) == plain_body  # old: 8.5 MB whatever was asked
    assert len(packed_body) < len(plain_body) / 2
    for answer in (packed, plain):
        assert answer.headers["vary"] == "Accept-Encoding"
        assert answer.headers["cache-control"] == "no-cache"  # same name in every version
        assert answer.headers["x-content-type-options"] == "nosniff"
        again, body = raw_get(
            url,
            {
                "Accept-Encoding": answer.request.headers["accept-encoding"],
                "If-None-Match": answer.headers["etag"],
            },
        )
        assert again.status_code == 304 and body == b""

    fonts = httpx.get(web_app.url + "/assets/FontManifest.json").json()
    assets = [font["asset"] for family in fonts for font in family["fonts"]]
    assert "fonts/MaterialIcons-Regular.otf" in assets and "fonts/roboto.woff2" in assets
    assert not [asset for asset in assets if "katex" in asset or "cupertino" in asset.lower()]


def test_sigterm_stops_the_app_while_a_session_is_open(tmp_path: Path) -> None:
    app = WebApp(tmp_path / "data")
    try:
        app.wait_ready()

        async def hold_a_session_and_stop() -> None:
            address = app.url.replace("http://", "ws://") + "/ws"
            async with websockets.connect(address, origin=app.url, open_timeout=30):
                app.process.send_signal(signal.SIGTERM)
                await asyncio.to_thread(app.process.wait, STOP_TIMEOUT)  # old: never returned

        asyncio.run(hold_a_session_and_stop())
        assert app.process.returncode == 0, app.output()  # not killed by its own signal
    finally:
        app.stop()
