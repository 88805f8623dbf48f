"""Start-up benchmark: time to an interactive home, Hue-S against a Flet hello-world.

    python3 tests/perf/startup.py [--runs 5] [--size 1280x800] [--target 1.3]

Both apps are served the same way (web client, no CDN, on loopback) and loaded in the same
headless Chromium, alternately, each run in a fresh browser context (empty cache and storage),
after one warm-up run each. A run is timed from the start of navigation to the moment the page
is interactive, read in the page as `performance.now()`:

- Hue-S: every home tile is in the semantics tree and the search box takes a click (focus
  moves into a text input);
- hello-world: its one button is in the semantics tree and takes a click (timed at the next
  frame; that the click reached the server, which relabels the button, is checked untimed).

It prints the runs, the median and p90 of each app, and the ratio Hue-S / hello-world, which
should stay at or below the target; and, for each app, two moments read in the page by a script
run before the page's own: when Flutter's engine was up (it attached its semantics
placeholder) and when the session's first message came over the WebSocket. (A reading taken
by Playwright would come late whenever the page's thread is busy drawing, which is the
question: Hue-S's page is not cross-origin isolated, so skwasm draws on that thread.)
Exit status: 0, or 1 with --fail-over-target when over the target (2: it could not run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from e2e import harness  # noqa: E402  (tests/ is put on the path just above)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# The home is interactive when there is a tile (a button reading "<title>\n<description>",
# without the selected state of navigation destinations) for each of these titles.
HOME_TILES = (
    "Phản ánh hiện trường",
    "Thời tiết và thiên tai",
    "Dịch vụ công",
    "Tiện ích",
    "Không gian làm việc cán bộ",
)
SEARCH_LABEL = "Tìm dịch vụ"
HELLO_LABEL = "Say hello"
HELLO_CLICKED = "Hello, Huế!"
HELLO_APP = textwrap.dedent(
    f'''
    """Flet hello-world: one button, served like Hue-S (web client, no CDN)."""
    import sys

    import flet as ft


    def main(page: ft.Page) -> None:
        def clicked(event: ft.Event[ft.Button]) -> None:
            button.content = "{HELLO_CLICKED}"

        button = ft.Button("{HELLO_LABEL}", on_click=clicked)
        page.add(button)


    ft.run(main, view=ft.AppView.WEB_BROWSER, port=int(sys.argv[1]), no_cdn=True)
    '''
)
TIMEOUT_MS = 90_000

# Conditions, evaluated in the page; each returns performance.now() once it holds, else null.
TILES_PRESENT_JS = """
(titles) => {
  const lines = Array.from(document.querySelectorAll('flt-semantics[role=button]'))
    .filter((el) => !el.hasAttribute('aria-current'))
    .flatMap((el) => (el.textContent || '').split('\\n').map((line) => line.trim()));
  return titles.every((t) => lines.includes(t));
}
"""
FOCUSED_INPUT_JS = """
() => {
  const el = document.activeElement;
  return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? performance.now() : null;
}
"""
# Run before the page's scripts: note when the engine's semantics placeholder is attached and
# when the first message of the session's WebSocket arrives, in performance.now() time.
MILESTONES_INIT_JS = """
(() => {
  const seen = (window.__startupMilestones = {});
  new MutationObserver((changes, observer) => {
    if (document.querySelector('flt-semantics-placeholder')) {
      seen.engine = performance.now();
      observer.disconnect();
    }
  }).observe(document, {subtree: true, childList: true});
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', () => { seen.message ??= performance.now(); });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""
NEXT_FRAME_JS = "() => new Promise((done) => requestAnimationFrame(() => done(performance.now())))"
TEXT_PRESENT_JS = """
(text) => Array.from(document.querySelectorAll('flt-semantics'))
  .some((el) => (el.innerText || el.textContent || '').trim() === text)
"""


def engine_ready(page: Page) -> float:
    """Turn semantics on as soon as Flutter's engine is up; return when that was (ms)."""
    harness.enable_semantics(page, TIMEOUT_MS)
    return float(page.evaluate("performance.now()"))


def hue_s_interactive(page: Page) -> float:
    """Wait for the Hue-S home tiles, click the search box, return when focus is in it."""
    page.wait_for_function(TILES_PRESENT_JS, arg=list(HOME_TILES), timeout=TIMEOUT_MS)
    page.get_by_role("textbox", name=SEARCH_LABEL).click(force=True, timeout=TIMEOUT_MS)
    return float(page.wait_for_function(FOCUSED_INPUT_JS, timeout=TIMEOUT_MS).json_value())


def hello_interactive(page: Page) -> float:
    """Wait for the hello-world button and click it; return at the next frame."""
    page.get_by_role("button", name=HELLO_LABEL).click(force=True, timeout=TIMEOUT_MS)
    return float(page.evaluate(NEXT_FRAME_JS))


def hello_answers(page: Page) -> None:
    """Check, untimed, that the click reached the hello-world server (its label changed)."""
    page.wait_for_function(TEXT_PRESENT_JS, arg=HELLO_CLICKED, timeout=TIMEOUT_MS)


class RunError(RuntimeError):
    """A run did not reach an interactive screen."""


@dataclass
class Run:
    """One load's moments, in ms from navigation: engine up, session's first message, ready."""

    engine: float
    message: float
    interactive: float


def one_run(
    browser: Browser, url: str, size: tuple[int, int], interactive: Callable[[Page], float]
) -> Run:
    """Load `url` in a fresh context; return when the engine, the session, the screen were up."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.add_init_script(MILESTONES_INIT_JS)
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        try:
            engine_ready(page)
            elapsed = interactive(page)
            if interactive is hello_interactive:
                hello_answers(page)
            seen = page.evaluate("() => window.__startupMilestones")
            return Run(float(seen["engine"]), float(seen["message"]), elapsed)
        except PlaywrightError as error:
            shot = harness.ARTIFACTS_DIR / "perf" / "FAILED-startup.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot))
            labels = harness.semantic_texts(page)
            first_line = str(error).splitlines()[0]
            raise RunError(
                f"{url}: {first_line}\n  labels: {labels}\n  screenshot: {shot}"
            ) from None
    finally:
        context.close()


def both_servers(folder: Path) -> dict[str, harness.ServerProcess]:
    """Return Hue-S (its data in `folder`) and the Flet hello-world, not yet started."""
    hello_file = folder / "hello_world.py"
    hello_file.write_text(HELLO_APP, encoding="utf-8")
    hello_port = harness.free_port()
    return {
        "hue-s": harness.app_server(folder / "data"),
        "hello": harness.ServerProcess(
            "flet hello-world",
            [sys.executable, str(hello_file), str(hello_port)],
            url=f"http://127.0.0.1:{hello_port}",
            env={**os.environ, "FLET_FORCE_WEB_SERVER": "1", "PYTHONUNBUFFERED": "1"},
            cwd=folder,
        ),
    }


def p90(samples: list[float]) -> float:
    """Return the 90th percentile (linear interpolation between the closest ranks)."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=10, method="inclusive")[8]


def parse_size(text: str) -> tuple[int, int]:
    """Parse WIDTHxHEIGHT."""
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per app (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs per app first")
    parser.add_argument("--size", type=parse_size, default=(1280, 800), help="viewport WxH")
    parser.add_argument("--target", type=float, default=1.3, help="largest acceptable ratio")
    parser.add_argument("--fail-over-target", action="store_true", help="exit 1 when over it")
    parser.add_argument(
        "--json",
        type=Path,
        default=harness.ARTIFACTS_DIR / "perf" / "startup.json",
        help="where to save the figures (default artifacts/perf/startup.json)",
    )
    args = parser.parse_args(argv)
    reason = harness.browser_missing_reason()
    if reason is not None:
        print(f"startup benchmark cannot run: {reason}", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="hue-s-perf-") as tmp:
        servers = both_servers(Path(tmp))
        checks = {"hue-s": hue_s_interactive, "hello": hello_interactive}
        samples: dict[str, list[float]] = {"hue-s": [], "hello": []}
        engine: dict[str, list[float]] = {"hue-s": [], "hello": []}
        message: dict[str, list[float]] = {"hue-s": [], "hello": []}
        load_before = os.getloadavg()[0]
        try:
            for server in servers.values():
                started = time.monotonic()
                server.start()
                print(f"{server.name}: serving {server.url} ({time.monotonic() - started:.1f} s)")
            with sync_playwright() as driver:
                browser = harness.launch_chromium(driver)
                print(f"Chromium {browser.version}, viewport {args.size[0]}x{args.size[1]}")
                for round_ in range(args.warmup + args.runs):
                    measured = round_ >= args.warmup
                    for key in ("hue-s", "hello"):  # alternate, so drift hits both alike
                        run = one_run(browser, servers[key].url + "/", args.size, checks[key])
                        label = f"run {round_ - args.warmup + 1}" if measured else "warm-up"
                        print(
                            f"  {label:8} {key:6} {run.interactive:7.0f} ms  (engine up at "
                            f"{run.engine:5.0f} ms, session's first message {run.message:5.0f} ms)"
                        )
                        if measured:
                            samples[key].append(run.interactive)
                            engine[key].append(run.engine)
                            message[key].append(run.message)
                browser.close()
        except (harness.ServerError, RunError) as error:
            print(f"startup benchmark: {error}", file=sys.stderr)
            return 2
        finally:
            for server in servers.values():
                server.stop()

    load_after = os.getloadavg()[0]
    figures: dict[str, dict[str, Any]] = {
        key: {
            "median_ms": statistics.median(values),
            "p90_ms": p90(values),
            "runs_ms": values,
            "engine_up_median_ms": statistics.median(engine[key]),
            "first_message_median_ms": statistics.median(message[key]),
        }
        for key, values in samples.items()
    }
    ratio = figures["hue-s"]["median_ms"] / figures["hello"]["median_ms"]
    ratio_p90 = figures["hue-s"]["p90_ms"] / figures["hello"]["p90_ms"]
    within = ratio <= args.target
    print()
    print(f"Start-up to an interactive home, {args.runs} runs each (fresh context per run):")
    print(f"  {'':22} {'median':>9} {'p90':>9}   {'medians: engine up':>19} {'1st message':>11}")
    for key, name in (("hue-s", "Hue-S home"), ("hello", "Flet hello-world")):
        row = figures[key]
        print(
            f"  {name:22} {row['median_ms']:6.0f} ms {row['p90_ms']:6.0f} ms"
            f"   {row['engine_up_median_ms']:16.0f} ms {row['first_message_median_ms']:8.0f} ms"
        )
    print(
        f"  ratio Hue-S / hello-world: median {ratio:.2f}, p90 {ratio_p90:.2f} "
        f"(target <= {args.target}): {'WITHIN TARGET' if within else 'OVER TARGET'}"
    )
    print(
        f"  load average {load_before:.1f} before, {load_after:.1f} after "
        f"({os.cpu_count()} CPUs; figures from a busy machine are noisy)"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                **figures,
                "ratio_median": ratio,
                "ratio_p90": ratio_p90,
                "target": args.target,
                "viewport": list(args.size),
                "load_average": [load_before, load_after],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"  figures saved to {args.json}")
    return 1 if args.fail_over_target and not within else 0


if __name__ == "__main__":
    sys.exit(main())
