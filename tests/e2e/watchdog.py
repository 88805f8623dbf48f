"""A deadline for one browser: past it, its Chromium and every process under it are killed.

A renderer stuck in a busy loop never answers `page.evaluate`, and pytest-timeout cannot help:
its alarm is raised inside Playwright's event loop, which logs the exception and goes on. Killing
the browser makes the pending Playwright call fail, so the test fails (and is retried in a fresh
browser) instead of hanging the run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import uuid
from pathlib import Path

BROWSER_DEADLINE = 240.0  # s; the longest browser test took 80 s in a full run at load 6


def new_token() -> str:
    """Return a Chromium switch that marks one browser's command line (Chromium ignores it)."""
    return f"--hue-s-test-browser={uuid.uuid4().hex}"


def _processes() -> dict[int, tuple[int, bytes]]:
    """Map each process id to its parent's id and its command line."""
    found: dict[int, tuple[int, bytes]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            found[int(entry.name)] = (parent, (entry / "cmdline").read_bytes())
    return found


def kill_marked(token: str) -> list[int]:
    """SIGKILL the processes whose command line holds `token`, and all under them."""
    processes = _processes()
    doomed = {pid for pid, (_parent, cmdline) in processes.items() if token.encode() in cmdline}
    grew = True
    while grew:
        children = {pid for pid, (parent, _) in processes.items() if parent in doomed} - doomed
        doomed |= children
        grew = bool(children)
    for pid in doomed:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    return sorted(doomed)


class Deadline:
    """Kill the browser marked with `token` if it is still in use after `seconds`."""

    def __init__(self, token: str, seconds: float = BROWSER_DEADLINE) -> None:
        self.fired = False
        self._token = token
        self._seconds = seconds
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        killed = kill_marked(self._token)
        print(
            f"watchdog: the browser was still busy after {self._seconds:.0f} s; "
            f"killed processes {killed}",
            file=sys.stderr,
        )

    def cancel(self) -> None:
        """Stop the clock (the test is over)."""
        self._timer.cancel()
