"""The alert stream's hub: the neutral EventHub (hue_s/backend/kernel/event_hub.py) over the
alert_events log.

Woken by a commit in this process, by a PostgreSQL NOTIFY from any process (pg_listener.py), or
by its timer for writers that cannot notify (another process on SQLite).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.kernel.event_hub import EventHub, sse_frame
from hue_s.modules.alerts.backend.models import AlertEvent
from hue_s.modules.alerts.backend.stream.events import events_after, last_event_id


@dataclass(frozen=True)
class StreamEvent:
    """One event as streams send it: the payload is serialised once for every stream."""

    id: int
    kind: str
    ward_codes: frozenset[str]
    frame: bytes
    """The event as every stream sends it (Server-Sent Events text of the alert's JSON)."""

    @classmethod
    def from_row(cls, row: AlertEvent) -> StreamEvent:
        """Build the stream event of an alert_events row."""
        data = json.dumps(row.payload, ensure_ascii=False, separators=(",", ":"))
        return cls(
            id=row.id,
            kind=row.kind,
            ward_codes=frozenset(row.payload.get("ward_codes", [])),
            frame=sse_frame(row.id, row.kind, data),
        )


def stream_events_after(session: Session, after_id: int) -> list[StreamEvent]:
    """Return the stored alert events after `after_id`, ready to stream."""
    return [StreamEvent.from_row(row) for row in events_after(session, after_id)]


class AlertHub(EventHub[StreamEvent]):
    """Reads the alert event log when woken and fans new events out to the subscribers."""

    def __init__(self, session_factory: sessionmaker[Session], poll_seconds: float) -> None:
        """Prepare a hub over a database; start() begins reading."""
        super().__init__(
            session_factory,
            poll_seconds,
            read_after=stream_events_after,
            last_id=last_event_id,
            name="alert-hub",
        )
