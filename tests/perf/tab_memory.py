"""Memory of a tab reloaded all day (a ward kiosk): Hue-S against a Flet hello-world.

    python3 tests/perf/tab_memory.py [--reloads 40] [--size 1080x1920]

Each app is loaded in its own headless Chromium tab, then reloaded `--reloads` times, each time
until it is interactive again (as `startup.py` decides). After the first load and at every
tenth reload it prints the resident memory (RSS, MiB) of the tab's renderer process and of the
app's server process with its children (Hue-S embeds its backend). The hello-world, measured
the same way in the same run, is the floor: the figures are the growth of each from its first
load, and Hue-S's growth per reload against the floor's.

A kiosk tab reloaded some 40 times grew to 1.6 GB in stop 24's probe, when Flutter's renderer
ran in a worker of a cross-origin isolated page; this measures it again.
Exit status: 0, or 2 when it could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from e2e import harness  # noqa: E402  (tests/ is put on the path just above)
from startup import (  # noqa: E402
    HELLO_CLICKED,
    HELLO_LABEL,
    TIMEOUT_MS,
    both_servers,
    engine_ready,
    hue_s_interactive,
    parse_size,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MIB = 1024 * 1024
HELLO_SHOWN_JS = """
(labels) => Array.from(document.querySelectorAll('flt-semantics[role=button]'))
  .some((el) => labels.includes((el.textContent || '').trim()))
"""


def hello_shown(page: Page) -> float:
    """Wait for the hello-world's button; after the first load it may read "Hello, Huế!"
    (a reload keeps the Flet session)."""
    page.wait_for_function(HELLO_SHOWN_JS, arg=[HELLO_LABEL, HELLO_CLICKED], timeout=TIMEOUT_MS)
    return float(page.evaluate("performance.now()"))


def rss(pid: int) -> int:
    """Return a process's resident memory in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    """Return every descendant of a process."""
    found: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found += [int(entry), *children(int(entry))]
    return found


def renderers() -> set[int]:
    """Return the pids of the Chromium renderer processes now running."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                arguments = cmdline.read().replace(b"\0", b" ").split()  # often one string
        except OSError:
            continue
        if b"--type=renderer" in arguments and any(b"chrom" in a for a in arguments[:1]):
            found.add(int(entry))
    return found


def tree_rss(pid: int) -> int:
    """Return the resident memory of a process and its descendants."""
    return sum(rss(each) for each in [pid, *children(pid)])


def measure(
    browser: Browser,
    server: harness.ServerProcess,
    interactive: Callable[[Page], float],
    reloads: int,
    size: tuple[int, int],
) -> list[tuple[int, int, int]]:
    """Load, reload; return (reloads so far, renderer RSS, server RSS) at each checkpoint."""
    before = renderers()
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(server.url + "/", wait_until="commit", timeout=TIMEOUT_MS)
        engine_ready(page)
        interactive(page)
        tab = sorted(renderers() - before)
        assert server.process is not None
        rows = [(0, sum(rss(p) for p in tab), tree_rss(server.process.pid))]
        for done in range(1, reloads + 1):
            page.reload(wait_until="commit", timeout=TIMEOUT_MS)
            engine_ready(page)
            interactive(page)
            if done % 10 == 0 or done == reloads:
                tab = sorted(renderers() - before) or tab
                rows.append((done, sum(rss(p) for p in tab), tree_rss(server.process.pid)))
        return rows
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reloads", type=int, default=40, help="reloads per app (default 40)")
    parser.add_argument("--size", type=parse_size, default=(1080, 1920), help="viewport WxH")
    args = parser.parse_args(argv)
    reason = harness.browser_missing_reason()
    if reason is not None:
        print(f"tab memory benchmark cannot run: {reason}", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="hue-s-perf-") as tmp:
        servers = both_servers(Path(tmp))
        checks = {"hue-s": hue_s_interactive, "hello": hello_shown}
        results: dict[str, list[tuple[int, int, int]]] = {}
        started = time.monotonic()
        try:
            for server in servers.values():
                server.start()
            with sync_playwright() as driver:
                browser = harness.launch_chromium(driver)
                print(f"Chromium {browser.version}, viewport {args.size[0]}x{args.size[1]}")
                for key in ("hello", "hue-s"):
                    results[key] = measure(
                        browser, servers[key], checks[key], args.reloads, args.size
                    )
                browser.close()
        except harness.ServerError as error:
            print(f"tab memory benchmark: {error}", file=sys.stderr)
            return 2
        finally:
            for server in servers.values():
                server.stop()

    print(f"\nResident memory (MiB) by reloads, {time.monotonic() - started:.0f} s in all:")
    print(f"  {'':18} {'reloads':>8} {'tab':>8} {'server':>8}")
    for key, name in (("hue-s", "Hue-S home"), ("hello", "Flet hello-world")):
        for done, tab, server in results[key]:
            print(f"  {name:18} {done:8} {tab / MIB:8.0f} {server / MIB:8.0f}")
    growth = {}
    for key, rows in results.items():
        (_, tab0, server0), (done, tab1, server1) = rows[0], rows[-1]
        growth[key] = ((tab1 - tab0) / MIB / done, (server1 - server0) / MIB / done)
    print("\nGrowth per reload (MiB), first load to last:")
    for key, name in (("hue-s", "Hue-S home"), ("hello", "Flet hello-world")):
        tab, server = growth[key]
        print(f"  {name:18} tab {tab:+7.2f}   server {server:+7.2f}")
    floor = max(abs(growth["hello"][0]), 0.1)
    print(f"  Hue-S tab growth / hello-world's (floor 0.1 MiB): {growth['hue-s'][0] / floor:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
