"""Kiosk mode: notice that a visitor walked away, warn them, then forget everything of theirs."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Protocol

logger = logging.getLogger(__name__)

WARNING_SECONDS = 20.0
TICK_SECONDS = 1.0


class IdlePhase(Enum):
    """Where a visitor is on the way from their last touch to the wipe."""

    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


class IdleClock:
    """Time since the visitor's last touch or key, against the kiosk's idle limit."""

    def __init__(
        self,
        idle_seconds: float,
        *,
        warning_seconds: float = WARNING_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Count from now; warn `warning_seconds` (at most half the limit) before the end."""
        self.idle_seconds = idle_seconds
        self.warning_seconds = min(warning_seconds, idle_seconds / 2)
        self._clock = clock
        self._last_activity = clock()

    def touch(self) -> None:
        """Record activity now: the visitor is still there."""
        self._last_activity = self._clock()

    def remaining(self) -> float:
        """Return the seconds left before the visitor is forgotten (0 when past)."""
        return max(0.0, self.idle_seconds - (self._clock() - self._last_activity))

    def phase(self) -> IdlePhase:
        """Return whether the visitor is active, being warned, or gone."""
        left = self.remaining()
        if left <= 0:
            return IdlePhase.EXPIRED
        return IdlePhase.WARNING if left <= self.warning_seconds else IdlePhase.ACTIVE


class Countdown(Protocol):
    """The "Are you still there?" prompt the watcher shows and hides."""

    def show(self, seconds_left: int) -> None:
        """Open the prompt, or update the seconds it shows."""
        ...

    def close(self) -> None:
        """Close the prompt if it is open."""
        ...


class KioskWatcher:
    """The idle watch of one kiosk session: a countdown near the limit, a wipe at the end."""

    def __init__(
        self,
        clock: IdleClock,
        *,
        countdown: Countdown,
        wipe: Callable[[], Awaitable[None]],
    ) -> None:
        """Watch `clock`; show `countdown` in the warning phase; call `wipe` at the limit."""
        self.clock = clock
        self.countdown = countdown
        self._wipe = wipe
        self._warning = False
        self._wiping = False
        self._stopped = False

    def touch(self) -> None:
        """Record activity (a touch, a key, a new screen) and hide the countdown."""
        if self._wiping:
            return
        self.clock.touch()
        if self._warning:
            self._warning = False
            self.countdown.close()

    async def tick(self) -> None:
        """Check the clock once: show or update the countdown, or wipe at the limit."""
        if self._wiping or self._stopped:
            return
        phase = self.clock.phase()
        if phase is IdlePhase.ACTIVE:
            if self._warning:
                self._warning = False
                self.countdown.close()
        elif phase is IdlePhase.WARNING:
            self._warning = True
            self.countdown.show(math.ceil(self.clock.remaining()))
        else:
            await self.end_visit()

    async def end_visit(self) -> None:
        """Forget the visitor now (the limit passed, or they said they are done)."""
        if self._wiping:
            return
        self._wiping = True
        if self._warning:
            self._warning = False
            self.countdown.close()
        try:
            await self._wipe()
        except Exception:
            logger.exception("wiping the kiosk visitor failed")
        finally:
            self._wiping = False
            self.clock.touch()

    async def run(self, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        """Tick every second until stopped."""
        while not self._stopped:
            await sleep(TICK_SECONDS)
            try:
                await self.tick()
            except Exception:  # the watch must outlive a failing prompt, or nobody is wiped
                logger.exception("kiosk idle check failed")

    def stop(self) -> None:
        """Stop watching (the session ended)."""
        self._stopped = True
