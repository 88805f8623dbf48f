"""Tell the web client's echo of the route just left from a person going back to it."""

from __future__ import annotations

import time
from collections.abc import Callable

ECHO_WINDOW = 0.5
"""Seconds after a route change within which the way straight back is taken as an echo: the
client's came 50-70 ms after in Chromium; a person reads the new screen for longer first."""


class RouteEcho:
    """Remember the last route change, to recognise the web client announcing the route it left.

    After a push from a screen opened by its own address, Flutter's router on the web sometimes
    pushes the old top view's address onto the browser's history about 0.1 s later, and Flet
    reports it as a route change: taken at its word, the app bounced back to where the person
    had just tapped away from (docs/FLET-FINDINGS.md).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last: tuple[str, str, float] | None = None
        """(route left, route reached, when) of the last change taken."""

    def echo_of(self, left: str, reached: str) -> str | None:
        """Record a change from `left` to `reached`; if it only undoes the last one within the
        window, return the route to restore instead (and forget it, so only one is undone)."""
        now = self._clock()
        last, self._last = self._last, (left, reached, now)
        if last is None or now - last[2] >= ECHO_WINDOW:
            return None
        if (reached, left) != (last[0], last[1]) or left == reached:
            return None
        self._last = None
        return left

    def forget(self) -> None:
        """Forget the last change: the next one is a person's (e.g. the app bar's back arrow)."""
        self._last = None
