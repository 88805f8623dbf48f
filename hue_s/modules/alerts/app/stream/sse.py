"""The live alert stream: Server-Sent Events over httpx, resumed with Last-Event-ID."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

import httpx
from pydantic import ValidationError

from hue_s.app.api.client import tls_context
from hue_s.app.api.sse import EventParser, ServerSentEvent
from hue_s.modules.alerts.app.api import STREAM_PATH
from hue_s.modules.alerts.app.models import Alert, alert_from_json

logger = logging.getLogger(__name__)

READ_TIMEOUT = 40.0
"""The server sends a keep-alive comment every 15 s; this much silence means a dead link."""
CONNECT_TIMEOUT = 10.0


class StreamBroken(Exception):
    """The live stream could not be opened, or it broke."""


@dataclass(frozen=True)
class AlertEvent:
    """An alert event: `issued`, `updated` or `cancelled`, with the alert's JSON."""

    id: int
    kind: str
    alert: Alert


def alert_event(event: ServerSentEvent) -> AlertEvent | None:
    """Return the alert event an SSE event carries, or None when it is not a readable one."""
    if event.id is None or not event.id.isdigit() or not event.data:
        return None
    try:
        alert = alert_from_json(json.loads("\n".join(event.data)))
    except (ValueError, ValidationError):
        logger.warning("skipping unreadable alert event %s", event.id)
        return None
    return AlertEvent(int(event.id), event.event, alert)


class AlertStream(Protocol):
    """Where live alert events come from."""

    def connect(
        self, *, last_event_id: int | None
    ) -> AbstractAsyncContextManager[AsyncIterator[AlertEvent]]:
        """Open the stream (after `last_event_id`); the context yields its events."""
        ...


class SseAlertStream:
    """The backend's GET /api/v1/alerts/stream, over an httpx client of the backend."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        """Use `http` (its base URL is the backend's) for the long-lived connection."""
        self._http = http

    @asynccontextmanager
    async def connect(
        self, *, last_event_id: int | None
    ) -> AsyncIterator[AsyncIterator[AlertEvent]]:
        """Open the stream; raise StreamBroken when it cannot be opened or when it breaks."""
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        timeout = httpx.Timeout(CONNECT_TIMEOUT, read=READ_TIMEOUT)
        try:
            async with self._http.stream(
                "GET", STREAM_PATH, headers=headers, timeout=timeout
            ) as response:
                if response.status_code != 200:
                    raise StreamBroken(f"the stream answered HTTP {response.status_code}")
                yield self._events(response)
        except httpx.HTTPError as error:
            raise StreamBroken(f"the stream failed: {type(error).__name__}") from error

    async def _events(self, response: httpx.Response) -> AsyncIterator[AlertEvent]:
        """Yield the alert events of an open response until it ends."""
        parser = EventParser()
        async for line in response.aiter_lines():
            event = parser.feed(line.rstrip("\r"))
            if event is None:
                continue
            parsed = alert_event(event)
            if parsed is not None:
                yield parsed
        raise StreamBroken("the server closed the stream")


def stream_client(base_url: str) -> httpx.AsyncClient:
    """Return the httpx client a session keeps for its live stream."""
    return httpx.AsyncClient(
        base_url=base_url, timeout=httpx.Timeout(CONNECT_TIMEOUT), verify=tls_context()
    )
