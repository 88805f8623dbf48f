"""Web servers as subprocesses and Flutter's semantics tree in Chromium.

Shared by the browser tests (`tests/e2e`) and the start-up benchmark (`tests/perf/startup.py`);
it needs neither pytest nor, until a browser is launched, playwright.

Flutter draws on a canvas; what a test (and a screen reader) can reach is the semantics tree that
Flutter builds once `flt-semantics-placeholder` is clicked. Text shows up as element text of
`flt-semantics` nodes, a text field as an `<input>` with its label in `aria-label`.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
# Flags known to work in these containers (see the project's browser-test notes).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
APP_READY = re.compile(r"Hue-S is running at (http://\S+?)/?\s")
START_TIMEOUT = 120.0
STOP_TIMEOUT = 10.0


def chromium_executable() -> str | None:
    """Return the Chromium to drive: `HUE_S_CHROMIUM`, else Debian's, else one on PATH."""
    for candidate in (os.environ.get("HUE_S_CHROMIUM"), *CHROMIUM_CANDIDATES):
        if not candidate:
            continue
        path = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def browser_missing_reason() -> str | None:
    """Say why no browser test can run here, or None when playwright and Chromium are present."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    if chromium_executable() is None:
        return "Chromium is not installed (apt-get install chromium; or set HUE_S_CHROMIUM)"
    return None


def launch_chromium(playwright: Playwright, *extra_args: str) -> Browser:
    """Launch headless Chromium the way that works here (never `playwright install`)."""
    executable = chromium_executable()
    if executable is None:
        raise RuntimeError(browser_missing_reason() or "Chromium not found")
    return playwright.chromium.launch(
        executable_path=executable, args=[*CHROMIUM_ARGS, *extra_args]
    )


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def http_ok(url: str, timeout: float = 2.0) -> bool:
    """Say whether `url` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


class ServerError(RuntimeError):
    """A server subprocess did not start; the message ends with its last output lines."""


class ServerProcess:
    """A web server run as a subprocess, stopped with SIGTERM then SIGKILL.

    Ready when its output prints a line matching `ready` (whose first group is the base URL)
    and, in any case, when the base URL answers HTTP 200.
    """

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        url: str,
        env: Mapping[str, str] | None = None,
        ready: re.Pattern[str] | None = None,
        cwd: Path = REPO_ROOT,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.url = url.rstrip("/")
        self.env = dict(os.environ if env is None else env)
        self.ready = ready
        self.cwd = cwd
        self.process: subprocess.Popen[str] | None = None
        self._lines: deque[str] = deque(maxlen=200)
        self._ready_seen = threading.Event()
        self._reader: threading.Thread | None = None

    def output(self, last: int = 40) -> str:
        """Return the last lines the server printed."""
        return "\n".join(list(self._lines)[-last:])

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self._lines.append(line)
            if self.ready is not None and not self._ready_seen.is_set():
                found = self.ready.search(line + "\n")
                if found:
                    self.url = found.group(1).rstrip("/")
                    self._ready_seen.set()

    def _fail(self, why: str) -> ServerError:
        self.stop()
        if self._reader is not None:
            self._reader.join(timeout=2)  # its last lines
        return ServerError(
            f"{self.name} ({' '.join(self.argv)}) {why}; its last output:\n{self.output()}"
        )

    def start(self, timeout: float = START_TIMEOUT) -> ServerProcess:
        """Start the server and wait until it is ready; raise ServerError if it is not."""
        self.process = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,  # its own process group, so stop() reaches its children
        )
        self._reader = threading.Thread(target=self._read, name=f"{self.name}-output", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self._fail(
                    f"exited with status {self.process.returncode} before it was ready"
                )
            if (self.ready is None or self._ready_seen.is_set()) and http_ok(self.url + "/"):
                return self
            time.sleep(0.1)
        raise self._fail(f"was not ready within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server: SIGTERM to its process group, then SIGKILL if it lingers."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)  # the group this object started (start_new_session)
            except ProcessLookupError:
                break
            try:
                process.wait(STOP_TIMEOUT)
                break
            except subprocess.TimeoutExpired:
                continue
        if self._reader is not None:
            self._reader.join(timeout=2)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def app_server(
    data_dir: Path, *, port: int | None = None, modules: str | None = None, name: str = "hue-s"
) -> ServerProcess:
    """Return (not started) the app run as the README says: `python3 -m hue_s app --web`.

    `data_dir` keeps this run's data apart; `modules` sets `HUE_S_MODULES` (None: all modules).
    """
    port = port or free_port()
    env = dict(os.environ)
    env.pop("HUE_S_MODULES", None)
    env.update(
        HUE_S_DATA_DIR=str(data_dir),
        FLET_FORCE_WEB_SERVER="1",
        PYTHONUNBUFFERED="1",
        PYTHONIOENCODING="utf-8",
    )
    if modules is not None:
        env["HUE_S_MODULES"] = modules
    argv = [sys.executable, "-m", "hue_s", "app", "--web", "--port", str(port)]
    return ServerProcess(name, argv, url=f"http://127.0.0.1:{port}", env=env, ready=APP_READY)


# ---------------------------------------------------------------------------------------------
# The semantics tree


def enable_semantics(page: Page, timeout_ms: float) -> None:
    """Turn on Flutter's semantics tree: click its placeholder once Flutter has put it there.

    A page restored from the back-forward cache already has its tree (and no placeholder).
    """
    page.wait_for_selector(
        "flt-semantics-placeholder, flt-semantics-host flt-semantics",
        state="attached",
        timeout=timeout_ms,
    )
    page.evaluate(
        "() => { const p = document.querySelector('flt-semantics-placeholder'); if (p) p.click(); }"
    )


# The labelled nodes of the semantics tree. A node's text is the text of its own children (text
# nodes, or the <span>/<h2> Flutter wraps a label in), not of nested flt-semantics nodes; Flutter
# joins a node's labels with newlines (a tile reads "<title>\n<description>", a navigation
# destination "<label>\nTab 1 of 4"). A text field is an <input> labelled by aria-label.
# `button`: the node is a button or sits in one; `selectable`: it has a selected state, like a
# destination of the navigation bar (role=tab) or rail, or a segment (aria-current).
SEMANTIC_NODES_JS = """
() => Array.from(document.querySelectorAll('flt-semantics, input, textarea')).map((el) => {
  const own = Array.from(el.childNodes)
    .filter((n) => n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE
      && !['FLT-SEMANTICS', 'INPUT', 'TEXTAREA'].includes(n.tagName)))
    .map((n) => n.textContent)
    .join('')
    .trim();
  const role = el.getAttribute('role') || '';
  const parentRole = (el.parentElement && el.parentElement.getAttribute('role')) || '';
  return {
    text: own,
    label: el.getAttribute('aria-label') || '',
    role: role,
    tag: el.tagName.toLowerCase(),
    button: role === 'button' || parentRole === 'button',
    selectable: ['tab', 'tablist'].includes(role) || el.hasAttribute('aria-current'),
  };
}).filter((n) => n.text || n.label)
"""


def semantic_nodes(page: Page) -> list[dict[str, Any]]:
    """Return the labelled nodes of the semantics tree (see SEMANTIC_NODES_JS)."""
    return list(page.evaluate(SEMANTIC_NODES_JS))


def semantic_texts(page: Page) -> list[str]:
    """Return every label line of the semantics tree, in document order."""
    lines: list[str] = []
    for node in semantic_nodes(page):
        for value in (node["text"], node["label"]):
            lines += [line.strip() for line in value.splitlines() if line.strip()]
    return lines


CLICK_TIMEOUT_MS = 3000
"""How long a click waits for the node it marked before marking again."""

# Marks the node to click: the `role` node (button or tab) with `name` as a label line (or, for
# role "", any node with `name` as a line), preferring the last such node (the top view).
MARK_TARGET_JS = """
([name, roles, enabledOnly]) => {
  document.querySelectorAll('[data-e2e-target]')
    .forEach((el) => el.removeAttribute('data-e2e-target'));
  const lines = (el) => {
    const own = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE
        && !['FLT-SEMANTICS', 'INPUT', 'TEXTAREA'].includes(n.tagName)))
      .map((n) => n.textContent).join('');
    return (own + '\\n' + (el.getAttribute('aria-label') || '')).split('\\n').map((l) => l.trim());
  };
  const hits = Array.from(document.querySelectorAll('flt-semantics'))
    .filter((el) => roles.length === 0 || roles.includes(el.getAttribute('role') || ''))
    .filter((el) => lines(el).includes(name))
    .filter((el) => !enabledOnly || el.getAttribute('aria-disabled') !== 'true');
  if (hits.length === 0) return false;
  hits[hits.length - 1].setAttribute('data-e2e-target', '1');
  return true;
}
"""


def click_labelled(page: Page, name: str, roles: Sequence[str] = ("button", "tab")) -> bool:
    """Click the enabled node labelled `name` (see MARK_TARGET_JS); False when there is none yet.

    A screen that redraws between the marking and the click takes the marked node away, and a
    button still scrolling into place is "outside of the viewport": both are "not yet" (the
    first waited the whole 20 s for a node gone for good; the second clicked "Xác nhận đặt
    lịch" while the chosen time had not yet enabled it, and failed the journey at once).
    """
    from playwright.sync_api import Error as PlaywrightError

    if not page.evaluate(MARK_TARGET_JS, [name, list(roles), True]):
        return False
    try:
        page.locator("[data-e2e-target]").click(force=True, timeout=CLICK_TIMEOUT_MS)
    except PlaywrightError:  # TimeoutError included
        return False
    return True


Server = TypeVar("Server", bound=ServerProcess)


def serving(server: Server) -> Iterator[Server]:
    """A fixture's body (`yield from`): start `server`, failing the test with its log if it
    cannot start; give it to the test; stop it after."""
    try:
        server.start()
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()
