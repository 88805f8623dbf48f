"""The office screen's watch: asks for the display every second, tells when it changes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from hue_s.app.api.errors import HueAPIError
from hue_s.modules.appointments.wire import Display

POLL_SECONDS = 1.0
"""At most this long between a call and the screen showing it (plus one request)."""


class DisplayWatch:
    """Polls `fetch` every `interval` seconds and hands each changed display to `on_change`."""

    def __init__(
        self,
        fetch: Callable[[], Awaitable[Display]],
        on_change: Callable[[Display], Awaitable[None]],
        interval: float = POLL_SECONDS,
        alive: Callable[[], bool] = lambda: True,
    ) -> None:
        """Prepare the watch (it ends once `alive()` is false); start() begins polling."""
        self.fetch = fetch
        self.alive = alive
        self.on_change = on_change
        self.interval = interval
        self.last: Display | None = None
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start polling in the running loop."""
        self.task = asyncio.get_running_loop().create_task(self.run(), name="display-watch")

    async def stop(self) -> None:
        """Stop polling."""
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None

    async def run(self) -> None:
        """Poll until stopped or no longer alive; a failed request is tried at the next tick."""
        while self.alive():
            with contextlib.suppress(HueAPIError):
                shown = await self.fetch()
                if shown != self.last:
                    self.last = shown
                    await self.on_change(shown)
            await asyncio.sleep(self.interval)
