"""First and second load of the web client: bytes on the wire and time to home, throttled.

    python3 tests/perf/first_load.py [--links 9:170,1.6:300] [--renderer auto|canvaskit|skwasm]

Starts `hue-s app --web` on loopback with a fresh data dir, and, for each link (Mbit/s and
round-trip ms, emulated with Chromium's Network.emulateNetworkConditions), opens the home twice
in a fresh Chromium profile on disk: the first load (empty cache) and the second load (a new
tab of the same browser, with the first load's disk cache). A load is timed from navigation
until every home tile is in the semantics tree and the search box takes a click (as
tests/perf/startup.py does). It prints, for each load, the bytes on the wire of HTTP answers
(headers included; the session's WebSocket frames are counted apart), how many answers were
200, 304 (revalidated) or taken from the cache unasked, the time to home, the largest files.
One unthrottled warm-up load comes first (the server gzips each file once, on its first
request), unless --no-warmup. `--renderer` sets FLET_WEB_RENDERER for the server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e import harness  # noqa: E402
from startup import TIMEOUT_MS, engine_ready, hue_s_interactive  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, CDPSession, Playwright

RENDERERS = ("auto", "canvaskit", "skwasm")


@dataclass
class Link:
    """An emulated connection: download and upload in Mbit/s, round trip in ms."""

    mbps: float
    rtt_ms: float

    @property
    def label(self) -> str:
        """Say e.g. '9 Mbps/170 ms'."""
        return f"{self.mbps:g} Mbps/{self.rtt_ms:g} ms"

    def conditions(self) -> dict[str, Any]:
        """Return the parameters of Network.emulateNetworkConditions."""
        rate = self.mbps * 1_000_000 / 8  # bytes per second
        return {
            "offline": False,
            "latency": self.rtt_ms,
            "downloadThroughput": rate,
            "uploadThroughput": rate,
        }


@dataclass
class Load:
    """What one page load fetched, from Chromium's network events."""

    answers: dict[str, dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))
    ws_bytes: int = 0
    ms: float = 0.0

    def watch(self, cdp: CDPSession) -> None:
        """Record the network events of the page behind `cdp`."""
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", self._from_cache)
        cdp.on("Network.responseReceivedExtraInfo", self._raw_status)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)

    def _response(self, event: dict[str, Any]) -> None:
        response = event["response"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        self.answers[event["requestId"]].update(
            url=response["url"],
            status=response["status"],
            cached=response.get("fromDiskCache") or response.get("fromMemoryCache"),
            encoding=headers.get("content-encoding", ""),
        )

    def _raw_status(self, event: dict[str, Any]) -> None:
        # what came over the wire: a revalidated answer is a 304 here, a 200 in responseReceived
        self.answers[event["requestId"]]["raw_status"] = event.get("statusCode")

    def _from_cache(self, event: dict[str, Any]) -> None:
        self.answers[event["requestId"]]["cached"] = True

    def _finished(self, event: dict[str, Any]) -> None:
        self.answers[event["requestId"]]["wire"] = int(event["encodedDataLength"])

    def _frame(self, event: dict[str, Any]) -> None:
        self.ws_bytes += len(event["response"].get("payloadData", ""))

    def http_answers(self) -> list[dict[str, Any]]:
        """Return the HTTP answers that finished loading."""
        return [a for a in self.answers.values() if "url" in a and "wire" in a]

    def wire_bytes(self) -> int:
        """Return the bytes of all HTTP answers on the wire (0 for those from the cache)."""
        return sum(0 if a.get("cached") else a["wire"] for a in self.http_answers())

    def summary(self) -> dict[str, Any]:
        """Return the figures of this load."""
        answers = self.http_answers()
        return {
            "wire_bytes": self.wire_bytes(),
            "websocket_bytes": self.ws_bytes,
            "ms_to_home": round(self.ms),
            "answers": len(answers),
            "status_200": sum(1 for a in answers if a.get("raw_status") == 200),
            "status_304": sum(1 for a in answers if a.get("raw_status") == 304),
            "from_cache": sum(1 for a in answers if a.get("cached")),
            "files": [
                {"path": a["url"].split("/", 3)[-1], "wire": a["wire"], "encoding": a["encoding"]}
                for a in sorted(answers, key=lambda a: -a["wire"])
            ],
        }


def load_home(context: BrowserContext, url: str, link: Link | None) -> Load:
    """Open the home in a new tab of `context`, throttled to `link`; return what it fetched."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    load = Load()
    load.watch(cdp)
    cdp.send("Network.enable")
    if link is not None:
        cdp.send("Network.emulateNetworkConditions", link.conditions())
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    engine_ready(page)
    load.ms = hue_s_interactive(page)
    page.wait_for_timeout(500)  # late answers (fonts, images) finish loading
    page.close()
    return load


def persistent_context(driver: Playwright, profile: Path) -> BrowserContext:
    """Open Chromium with a profile on disk, so with a disk cache as a phone's browser has."""
    executable = harness.chromium_executable()
    assert executable is not None
    return driver.chromium.launch_persistent_context(
        str(profile),
        executable_path=executable,
        args=list(harness.CHROMIUM_ARGS),
        viewport={"width": 390, "height": 844},
    )


def parse_links(text: str) -> list[Link]:
    """Parse '9:170,1.6:300' into links."""
    links = []
    for part in text.split(","):
        mbps, _, rtt = part.partition(":")
        links.append(Link(float(mbps), float(rtt)))
    return links


def print_load(name: str, figures: dict[str, Any]) -> None:
    """Print one load's figures."""
    wire = figures["wire_bytes"]
    print(
        f"  {name:12} {wire / 1e6:7.2f} MB ({wire / 1e3:.0f} kB) on the wire "
        f"({figures['answers']} answers: {figures['status_200']} x 200, "
        f"{figures['status_304']} x 304, {figures['from_cache']} from cache), "
        f"home in {figures['ms_to_home'] / 1000:5.1f} s; "
        f"WebSocket {figures['websocket_bytes'] / 1e3:.0f} kB"
    )
    for item in figures["files"][:4]:
        encoding = item["encoding"] or "identity"
        print(f"      {item['wire'] / 1e6:6.2f} MB  {item['path']}  ({encoding})")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=parse_links, default=parse_links("9:170,1.6:300"))
    parser.add_argument("--renderer", choices=RENDERERS, default="auto")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument(
        "--json", type=Path, default=harness.ARTIFACTS_DIR / "perf" / "first_load.json"
    )
    args = parser.parse_args(argv)
    reason = harness.browser_missing_reason()
    if reason is not None:
        print(f"first-load benchmark cannot run: {reason}", file=sys.stderr)
        return 2
    if args.renderer != "auto":
        os.environ["FLET_WEB_RENDERER"] = args.renderer  # read by flet-web's static files

    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {"renderer": args.renderer, "links": {}}
    with tempfile.TemporaryDirectory(prefix="hue-s-perf-") as tmp:
        server = harness.app_server(Path(tmp) / "data")
        try:
            server.start()
            url = server.url + "/"
            print(f"Hue-S at {url}, renderer {args.renderer}")
            with sync_playwright() as driver:
                browser = harness.launch_chromium(driver)
                if not args.no_warmup:
                    context = browser.new_context()
                    load_home(context, url, None)
                    context.close()
                browser.close()
                for number, link in enumerate(args.links):
                    context = persistent_context(driver, Path(tmp) / f"profile-{number}")
                    first = load_home(context, url, link).summary()
                    second = load_home(context, url, link).summary()
                    context.close()
                    print(f"{link.label}:")
                    print_load("first load", first)
                    print_load("second load", second)
                    results["links"][link.label] = {"first": first, "second": second}
        except harness.ServerError as error:
            print(f"first-load benchmark: {error}", file=sys.stderr)
            return 2
        finally:
            server.stop()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"figures saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
