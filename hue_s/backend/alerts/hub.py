"""Fan alert events out to this process's SSE streams, whichever process wrote them.

One hub per process reads new rows of the event log and hands each to every subscriber's
queue. It looks when woken: by a commit in this process (`wake_threadsafe`), by a PostgreSQL
NOTIFY from any process (see pg_listener.py), or by a timer that catches writers that cannot
notify (another process on SQLite, such as `hue-s backend ingest-cap`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import anyio
from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.alerts.events import events_after, last_event_id
from hue_s.backend.alerts.models import AlertEvent

logger = logging.getLogger(__name__)
STOP_SECONDS = 3.0
QUEUE_SIZE = 256
"""Events a slow client may fall behind by before its stream is closed (it then resumes)."""


async def stop_task(task: asyncio.Task[None]) -> None:
    """Cancel a background task and wait for it a little (never hang a shutdown)."""
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=STOP_SECONDS)
    if not done:
        logger.warning("Task %s did not stop within %ss", task.get_name(), STOP_SECONDS)


@dataclass(frozen=True)
class StreamEvent:
    """One event as streams send it: the payload is serialised once for every stream."""

    id: int
    kind: str
    ward_codes: frozenset[str]
    data: str
    """The alert's JSON text."""

    @classmethod
    def from_row(cls, row: AlertEvent) -> StreamEvent:
        """Build the stream event of an alert_events row."""
        return cls(
            id=row.id,
            kind=row.kind,
            ward_codes=frozenset(row.payload.get("ward_codes", [])),
            data=json.dumps(row.payload, ensure_ascii=False, separators=(",", ":")),
        )


class Subscription:
    """The queue of one SSE stream; `overflowed` when the client fell too far behind."""

    def __init__(self) -> None:
        """Create an empty queue."""
        self.queue: asyncio.Queue[StreamEvent] = asyncio.Queue(QUEUE_SIZE)
        self.overflowed = False

    def offer(self, event: StreamEvent) -> None:
        """Queue an event, or mark the subscription overflowed when its queue is full."""
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.overflowed = True


class AlertHub:
    """Reads the event log when woken and fans new events out to the subscribers."""

    def __init__(self, session_factory: sessionmaker[Session], poll_seconds: float) -> None:
        """Prepare a hub over a database; start() begins reading."""
        self.session_factory = session_factory
        self.poll_seconds = poll_seconds
        self.subscribers: set[Subscription] = set()
        self.last_id = 0
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Remember where the log ends and start the reading task."""
        self._loop = asyncio.get_running_loop()
        self.last_id = await anyio.to_thread.run_sync(self._read_last_id)
        self._task = asyncio.create_task(self._run(), name="alert-hub")

    async def stop(self) -> None:
        """Stop reading."""
        if self._task is not None:
            await stop_task(self._task)
            self._task = None

    def wake(self) -> None:
        """Ask the hub to look for new events (from the event loop's thread)."""
        self._wake.set()

    def wake_threadsafe(self) -> None:
        """Ask the hub to look for new events, from any thread."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    @contextlib.contextmanager
    def subscription(self) -> Iterator[Subscription]:
        """Register a subscriber for the duration of a with block."""
        subscription = Subscription()
        self.subscribers.add(subscription)
        try:
            yield subscription
        finally:
            self.subscribers.discard(subscription)

    def _read_last_id(self) -> int:
        """Return the newest event id in the database."""
        with self.session_factory() as session:
            return last_event_id(session)

    def read_after(self, after_id: int) -> list[StreamEvent]:
        """Return the stored events with an id above after_id (blocking: run in a thread)."""
        with self.session_factory() as session:
            return [StreamEvent.from_row(row) for row in events_after(session, after_id)]

    async def _run(self) -> None:
        """Wait to be woken (or for the poll timer), then read and fan out, until stopped."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
            self._wake.clear()
            try:
                events = await anyio.to_thread.run_sync(self.read_after, self.last_id)
            except Exception:  # a database hiccup must not end streaming; retry next time
                logger.exception("Cannot read alert events")
                continue
            for event in events:
                self.last_id = max(self.last_id, event.id)
                for subscriber in list(self.subscribers):
                    subscriber.offer(event)


async def replay_then_follow(hub: AlertHub, after_id: int | None) -> AsyncIterator[StreamEvent]:
    """Yield the stored events after `after_id` (none if it is None), then live ones.

    The subscription starts before the replay is read, so nothing written meanwhile is lost;
    events seen in both are sent once.
    """
    with hub.subscription() as subscription:
        sent_up_to = after_id if after_id is not None else hub.last_id
        if after_id is not None:
            for event in await anyio.to_thread.run_sync(hub.read_after, after_id):
                sent_up_to = max(sent_up_to, event.id)
                yield event
        while not subscription.overflowed:
            event = await subscription.queue.get()
            if event.id > sent_up_to:
                sent_up_to = event.id
                yield event
