"""Tell the web client's echo of the route just left from a person going back to it."""

from __future__ import annotations

import time
from collections.abc import Callable

GRACE = 0.1
"""Seconds after the new screen was sent within which the way straight back is still an echo
(it may have crossed the screen on the wire); a person must see the screen first."""
ECHO_WINDOW = 2.0
"""Seconds after a route change beyond which nothing is taken as its echo."""


class RouteEcho:
    """Remember the last route change, to recognise the web client announcing the route it left.

    After a push from a screen opened by its own address, Flutter's router on the web sometimes
    pushes the old top view's address onto the browser's history before the new views arrive,
    and Flet reports it as a route change: taken at its word, the app bounced back to where the
    person had just tapped away from (docs/FLET-FINDINGS.md).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last: tuple[str, str, float] | None = None
        """(route left, route reached, when) of the last change taken."""
        self._sent_at: float | None = None
        """When the last change's screen was sent to the client, once it was."""

    def echo_of(self, left: str, reached: str) -> str | None:
        """Record a change from `left` to `reached`; if it only undoes the last one before its
        screen can have been seen, return the route to restore instead (and forget it)."""
        now = self._clock()
        last, self._last = self._last, (left, reached, now)
        sent_at, self._sent_at = self._sent_at, None
        if last is None or (reached, left) != (last[0], last[1]) or left == reached:
            return None
        if now - last[2] >= ECHO_WINDOW or (sent_at is not None and now - sent_at >= GRACE):
            return None
        self._last = None
        return left

    def sent(self) -> None:
        """Record that the screen of the last change went to the client (the first time)."""
        if self._sent_at is None:
            self._sent_at = self._clock()

    def forget(self) -> None:
        """Forget the last change: the next one is a person's (e.g. the app bar's back arrow)."""
        self._last = None
