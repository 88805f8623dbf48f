"""Tests of hue_s/backend/event_hub.py: commits in quick succession are read together."""

from __future__ import annotations

import asyncio
import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from hue_s.backend.event_hub import EventHub

GAP = 1.0


@dataclass(frozen=True)
class Entry:
    """One event of the fake log."""

    id: int


class Log:
    """An append-only log in memory that notes when it was read."""

    def __init__(self) -> None:
        """Start empty."""
        self.entries: list[Entry] = []
        self.reads: list[float] = []

    def read_after(self, _session: Any, after_id: int) -> list[Entry]:
        """Return the entries after after_id, noting the time of the read."""
        self.reads.append(time.monotonic())  # in a worker thread
        return [entry for entry in self.entries if entry.id > after_id]


async def wait_for(condition: Any) -> None:
    """Wait until condition() holds (a minute at most)."""
    async with asyncio.timeout(60):
        while not condition():
            await asyncio.sleep(0.01)


async def test_commits_in_quick_succession_are_read_together() -> None:
    """A burst of wake-ups after a read waits out the gap, then one read finds them all: one
    read per commit cost each report's POST a thread hop and two queries."""
    log = Log()
    hub: EventHub[Entry] = EventHub(
        lambda: nullcontext(),  # type: ignore[arg-type, return-value]
        poll_seconds=600,
        read_after=log.read_after,
        last_id=lambda _session: 0,
        name="test-hub",
        read_gap=GAP,
    )
    await hub.start()
    try:
        with hub.subscription() as subscription:
            log.entries.append(Entry(1))
            hub.wake()
            await wait_for(lambda: len(log.reads) == 1)
            for number in range(2, 22):
                log.entries.append(Entry(number))
                hub.wake()
                await asyncio.sleep(0)
            await wait_for(lambda: subscription.queue.qsize() == 21)
    finally:
        await hub.stop()
    assert len(log.reads) == 2
    assert log.reads[1] - log.reads[0] >= GAP
