"""What a first visit fetches before the home is drawn (issue #19), read in Chromium; untimed.

`tests/perf/first_load.py` and `startup.py` time the first load; this keeps its shape: the page
and Flutter's files, each asked for once, all from this server; what compresses comes gzipped;
Flutter's files come under the build's name, cached for a year; no font Hue-S never shows
(KaTeX, Cupertino icons); nothing from another site (Flet's client asks a CDN for a Rive
runtime, which the page's policy refuses). A new file on this path, a font list grown back or
a file asked for twice is a slower first visit on a phone's link.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e import harness, watchdog

HOME_SEARCH = "Tìm dịch vụ"  # the home's search box: the home is drawn and takes input
TIMEOUT_MS = 90_000
# Every file a first visit may fetch before its home is drawn (paths without the build's name).
ALLOWED = frozenset(
    {
        "/",
        "/python.js",
        "/flutter_bootstrap.js",
        "/main.dart.mjs",
        "/main.dart.wasm",
        "/canvaskit/skwasm.js",
        "/canvaskit/skwasm.wasm",
        "/assets/FontManifest.json",
        "/assets/fonts/MaterialIcons-Regular.otf",
        "/assets/fonts/roboto.woff2",
        "/icons/loading-animation.png",
        "/favicon.png",
        "/manifest.json",
        "/icons/icon-192.png",
    }
)
# What the engine cannot start without: Chromium gets the WebAssembly build and skwasm.
REQUIRED = ALLOWED - {"/favicon.png", "/manifest.json", "/icons/icon-192.png"}
GZIPPED = re.compile(r"\.(wasm|m?js|otf)$")  # big enough to gzip, and they compress
VERSIONED = re.compile(r"^/_v/\w+(/.*)$")


@pytest.fixture(scope="module")
def first_visit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[dict[str, Any]]]:
    """Open the home once in a fresh browser; return each answer that came over the network."""
    reason = harness.browser_missing_reason()
    if reason is not None:
        if os.environ.get("HUE_S_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required (HUE_S_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import Response, sync_playwright

    answers: list[dict[str, Any]] = []

    def answered(response: Response) -> None:
        headers = response.all_headers()
        answers.append({"url": response.url, "status": response.status, "headers": headers})

    data_dir = Path(tmp_path_factory.mktemp("first-visit"))
    with harness.app_server(data_dir) as server, sync_playwright() as driver:
        token = watchdog.new_token()
        browser = harness.launch_chromium(driver, token)
        deadline = watchdog.Deadline(token)
        try:
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.on("response", answered)
            page.goto(server.url + "/", wait_until="commit", timeout=TIMEOUT_MS)
            harness.enable_semantics(page, TIMEOUT_MS)
            search = page.get_by_role("textbox", name=HOME_SEARCH)
            search.wait_for(state="attached", timeout=TIMEOUT_MS)
            yield list(answers)
        finally:
            deadline.cancel()
            browser.close()


def path_of(url: str) -> str:
    """Return the path of `url` without the build's name."""
    path = urlsplit(url).path
    found = VERSIONED.match(path)
    return found[1] if found else path


def test_the_first_home_needs_only_flutter_files_each_fetched_once(
    first_visit: list[dict[str, Any]],
) -> None:
    http = [a for a in first_visit if urlsplit(a["url"]).scheme in ("http", "https")]
    origins = {urlsplit(a["url"]).netloc for a in http}
    assert len(origins) == 1, f"answers from another site: {origins}"
    fetched = Counter(path_of(a["url"]) for a in http)
    assert set(fetched) <= ALLOWED, f"new files before the first home: {set(fetched) - ALLOWED}"
    assert set(fetched) >= REQUIRED, f"not fetched: {REQUIRED - set(fetched)}"
    assert [path for path, times in fetched.items() if times > 1] == []
    assert all(a["status"] == 200 for a in http)


def test_flutter_files_come_gzipped_under_the_build_name_for_a_year(
    first_visit: list[dict[str, Any]],
) -> None:
    for answer in first_visit:
        path = urlsplit(answer["url"]).path
        if path in ("/", "/ws") or not path.startswith(("/_v/",)):
            continue
        headers = answer["headers"]
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
        if GZIPPED.search(path):
            assert headers.get("content-encoding") == "gzip", path
    versioned = {path_of(a["url"]) for a in first_visit if VERSIONED.match(urlsplit(a["url"]).path)}
    assert {"/main.dart.wasm", "/canvaskit/skwasm.wasm", "/flutter_bootstrap.js"} <= versioned
    page = next(a for a in first_visit if urlsplit(a["url"]).path == "/")
    assert page["headers"]["cache-control"] == "no-cache"  # a new version shows at once
