"""Fan the rows of an append-only event log out to this process's SSE streams.

Shared by the alert stream and the citizens' case stream (moved here from alerts/hub.py). One
hub per log and process reads the log's new rows and hands each to every subscriber's queue.
It looks when woken: by a commit in this process (`wake_threadsafe`), by a PostgreSQL NOTIFY
from any process, or by a timer that catches writers that cannot notify (another process on
SQLite, such as `hue-s backend ingest-cap`). What an event is, and how the log is read, is the
caller's: `read_after(session, after_id)` and `last_id(session)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Annotated, Any, Generic, Protocol, TypeVar

import anyio
from fastapi import Header, Query
from fastapi.sse import format_sse_event
from sqlalchemy.orm import Session, sessionmaker
from starlette.responses import StreamingResponse

from hue_s.backend.kernel.api_errors import APIError

logger = logging.getLogger(__name__)
STOP_SECONDS = 3.0
QUEUE_SIZE = 256
"""Events a slow client may fall behind by before its stream is closed (it then resumes)."""
MAX_EVENT_ID = 2**31 - 1
RETRY_MILLISECONDS = 3000
"""How long an EventSource waits before it reconnects."""
OPENING = format_sse_event(comment="connected", retry=RETRY_MILLISECONDS)
"""What a stream sends first, so clients know they are connected."""
STREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-Sent Events",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}
"""The OpenAPI answer of a stream route."""
KEEPALIVE_SECONDS = 15.0
KEEPALIVE = b": ping\n\n"
"""Sent after KEEPALIVE_SECONDS without an event, so proxies keep an idle stream open."""
READ_GAP_SECONDS = 0.05
"""Least time between two reads of the log: commits in quick succession are read together
(each report's commit wakes the case hub; a read per commit was about 4% of a POST's CPU)."""


class LogEvent(Protocol):
    """An event of a log: its id orders it."""

    @property
    def id(self) -> int:
        """Return the event's id in the log."""
        ...


E = TypeVar("E", bound=LogEvent)


async def stop_task(task: asyncio.Task[None]) -> None:
    """Cancel a background task and wait for it a little (never hang a shutdown)."""
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=STOP_SECONDS)
    if not done:
        logger.warning("Task %s did not stop within %ss", task.get_name(), STOP_SECONDS)


class Subscription(Generic[E]):
    """The queue of one SSE stream; `overflowed` when the client fell too far behind."""

    def __init__(self) -> None:
        """Create an empty queue."""
        self.queue: asyncio.Queue[E] = asyncio.Queue(QUEUE_SIZE)
        self.overflowed = False

    def offer(self, event: E) -> None:
        """Queue an event, or mark the subscription overflowed when its queue is full."""
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.overflowed = True


class EventHub(Generic[E]):
    """Reads an event log when woken and fans new events out to the subscribers."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        poll_seconds: float,
        *,
        read_after: Callable[[Session, int], Sequence[E]],
        last_id: Callable[[Session], int],
        name: str,
        read_gap: float = READ_GAP_SECONDS,
    ) -> None:
        """Prepare a hub over a log of a database; start() begins reading."""
        self.session_factory = session_factory
        self.poll_seconds = poll_seconds
        self.name = name
        self.subscribers: set[Subscription[E]] = set()
        self.last_id = 0
        self._read_after = read_after
        self._last_id = last_id
        self.read_gap = read_gap
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Remember where the log ends and start the reading task."""
        self._loop = asyncio.get_running_loop()
        self.last_id = await anyio.to_thread.run_sync(self._read_last_id)
        self._task = asyncio.create_task(self._run(), name=self.name)

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
    def subscription(self) -> Iterator[Subscription[E]]:
        """Register a subscriber for the duration of a with block."""
        subscription: Subscription[E] = Subscription()
        self.subscribers.add(subscription)
        try:
            yield subscription
        finally:
            self.subscribers.discard(subscription)

    def _read_last_id(self) -> int:
        """Return the newest event id in the database."""
        with self.session_factory() as session:
            return self._last_id(session)

    def read_after(self, after_id: int) -> list[E]:
        """Return the stored events with an id above after_id (blocking: run in a thread)."""
        with self.session_factory() as session:
            return list(self._read_after(session, after_id))

    async def _run(self) -> None:
        """Wait to be woken (or for the poll timer), then read and fan out, until stopped."""
        loop = asyncio.get_running_loop()
        read_at = -self.read_gap
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
            too_soon = read_at + self.read_gap - loop.time()
            if too_soon > 0:
                await asyncio.sleep(too_soon)  # later commits join this read
            self._wake.clear()
            read_at = loop.time()
            try:
                events = await anyio.to_thread.run_sync(self.read_after, self.last_id)
            except Exception:  # a database hiccup must not end streaming; retry next time
                logger.exception("%s cannot read its events", self.name)
                continue
            for event in events:
                self.last_id = max(self.last_id, event.id)
                for subscriber in list(self.subscribers):
                    subscriber.offer(event)


async def replay_then_follow(
    hub: EventHub[E], after_id: int | None, idle_seconds: float | None = None
) -> AsyncIterator[E | None]:
    """Yield the stored events after `after_id` (none if it is None), then live ones; None
    after each `idle_seconds` without an event (so a stream can send a keep-alive).

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
            try:
                async with asyncio.timeout(idle_seconds):
                    event = await subscription.queue.get()
            except TimeoutError:
                yield None
                continue
            if event.id > sent_up_to:
                sent_up_to = event.id
                yield event


def sse_frame(event_id: int, name: str, data: str) -> bytes:
    """Encode one event as Server-Sent Events text (done once per event, for every stream)."""
    return format_sse_event(data_str=data, event=name, id=str(event_id))


def event_stream(
    hub: EventHub[E], after_id: int | None, frame_of: Callable[[E], bytes | None]
) -> StreamingResponse:
    """Return the SSE response of one stream: an opening comment, then the frame of each
    event `frame_of` gives one for (None: not for this stream), and keep-alive comments.

    Frames are encoded once per event and written as they are: FastAPI's own SSE path builds
    a model, two memory streams and two tasks per stream and event, which at thousands of
    listeners per process made the fan-out several times slower.
    """

    async def frames() -> AsyncIterator[bytes]:
        yield OPENING
        async for event in replay_then_follow(hub, after_id, KEEPALIVE_SECONDS):
            frame = KEEPALIVE if event is None else frame_of(event)
            if frame is not None:
                yield frame

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(frames(), media_type="text/event-stream", headers=headers)


def resume_point(
    last_event_id: Annotated[
        str | None,
        Header(description="Sent by EventSource on reconnection: resume after this event."),
    ] = None,
    after: Annotated[
        int | None,
        Query(ge=0, le=MAX_EVENT_ID, description="Resume after this event id (for other clients)."),
    ] = None,
) -> int | None:
    """FastAPI dependency: the event id to resume after (Last-Event-ID wins), None for live."""
    if last_event_id is not None and last_event_id.strip():
        if not last_event_id.strip().isdigit() or int(last_event_id.strip()) > MAX_EVENT_ID:
            raise APIError(422, "invalid_last_event_id", "Last-Event-ID must be an event id.")
        return int(last_event_id.strip())
    return after
