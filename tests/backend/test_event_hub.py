"""Tests of hue_s/backend/kernel/event_hub.py: commits in quick succession are read together;
streams send each event's frame as built, and keep-alive comments while idle."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, cast

from hue_s.backend.kernel.event_hub import KEEPALIVE, OPENING, EventHub, event_stream, sse_frame

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


def test_a_frame_is_the_server_sent_events_text_of_the_event() -> None:
    assert sse_frame(7, "issued", '{"a":1}') == b'event: issued\ndata: {"a":1}\nid: 7\n\n'


async def test_a_stream_sends_the_opening_its_events_frames_and_keep_alives_when_idle(
    monkeypatch: Any,
) -> None:
    """Frames go out as the route built them (once per event, not per stream); events the
    route gives no frame for are skipped; an idle stream sends a keep-alive comment."""
    monkeypatch.setattr("hue_s.backend.kernel.event_hub.KEEPALIVE_SECONDS", 0.05)
    log = Log()
    hub: EventHub[Entry] = EventHub(
        lambda: nullcontext(),  # type: ignore[arg-type, return-value]
        poll_seconds=600,
        read_after=log.read_after,
        last_id=lambda _session: 0,
        name="test-hub",
    )
    await hub.start()
    try:
        response = event_stream(hub, None, lambda e: b"odd\n\n" if e.id % 2 else None)
        frames = cast(AsyncGenerator[bytes], response.body_iterator)
        assert await anext(frames) == OPENING
        assert await anext(frames) == KEEPALIVE  # nothing happened yet
        log.entries += [Entry(1), Entry(2), Entry(3)]
        hub.wake()
        sent: list[bytes] = []
        while len(sent) < 2:
            frame = await anext(frames)
            if frame != KEEPALIVE:  # more may come while the hub reads
                sent.append(frame)
        await frames.aclose()
    finally:
        await hub.stop()
    assert response.media_type == "text/event-stream"
    assert response.headers["cache-control"] == "no-cache"
    assert sent == [b"odd\n\n", b"odd\n\n"]
