"""Browser tests only: a stream that is cut while a switch file exists, as if the link failed.

Used only when HUE_S_E2E_ALERT_STREAM_CUT_FILE is set; the app never uses it otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from hue_s.modules.alerts.app.stream.sse import AlertEvent, AlertStream, StreamBroken

CHECK_SECONDS = 0.2


class SwitchableStream:
    """Wraps a stream: refused to open, and broken when open, while `switch` exists."""

    def __init__(self, inner: AlertStream, switch: Path) -> None:
        """Wrap `inner`; `switch` is the file whose presence cuts the stream."""
        self._inner = inner
        self._switch = switch

    @property
    def cut(self) -> bool:
        """Say whether the switch is on."""
        return self._switch.exists()

    @asynccontextmanager
    async def connect(
        self, *, last_event_id: int | None
    ) -> AsyncIterator[AsyncIterator[AlertEvent]]:
        """Open the inner stream unless cut; break it as soon as the switch goes on."""
        if self.cut:
            raise StreamBroken("cut by the test switch")
        async with self._inner.connect(last_event_id=last_event_id) as events:
            yield self._until_cut(events)

    async def _until_cut(self, events: AsyncIterator[AlertEvent]) -> AsyncIterator[AlertEvent]:
        """Yield the inner events until the switch goes on."""
        while True:
            pending = asyncio.ensure_future(anext(events))
            while not pending.done():
                await asyncio.wait({pending}, timeout=CHECK_SECONDS)
                if self.cut and not pending.done():
                    pending.cancel()
                    with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                        await pending
                    raise StreamBroken("cut by the test switch")
            try:
                event = pending.result()
            except StopAsyncIteration:
                return
            yield event
