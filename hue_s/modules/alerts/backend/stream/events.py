"""The alert event log: one row per change, in commit order, announced to every process.

On PostgreSQL each event takes a transaction-scoped advisory lock before it gets its id, so
ids are handed out in commit order and a reader that has seen id N never later finds a
smaller one; the event is then announced with NOTIFY, which PostgreSQL delivers to every
listening process when (and only if) the transaction commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.models import Alert, AlertEvent
from hue_s.modules.alerts.backend.schemas import AlertOut

NOTIFY_CHANNEL = "hue_s_alert_events"
EVENTS_LOCK_ID = 4_611_047
REPLAY_LIMIT = 1000
EVENT_KINDS = {"Alert": "issued", "Update": "updated", "Cancel": "cancelled"}


def record_event(session: Session, alert: Alert, now: datetime) -> AlertEvent | None:
    """Append the event of a newly stored alert (none for Ack and Error messages)."""
    kind = EVENT_KINDS.get(alert.msg_type)
    if kind is None:
        return None
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": EVENTS_LOCK_ID})
    session.flush()
    session.expire(alert, ["replaced"])
    payload = AlertOut.from_row(alert, now).model_dump(mode="json")
    event = AlertEvent(alert_id=alert.id, kind=kind, payload=payload, created_at=now)
    session.add(event)
    session.flush()
    if postgres:
        session.execute(
            text("SELECT pg_notify(:channel, :id)"),
            {"channel": NOTIFY_CHANNEL, "id": str(event.id)},
        )
    return event


def events_after(session: Session, after_id: int, limit: int = REPLAY_LIMIT) -> list[AlertEvent]:
    """Return the events with an id above after_id, oldest first."""
    query = select(AlertEvent).where(AlertEvent.id > after_id).order_by(AlertEvent.id).limit(limit)
    return list(session.scalars(query))


def last_event_id(session: Session) -> int:
    """Return the id of the newest event, 0 when there is none."""
    newest: Any = session.scalar(select(AlertEvent.id).order_by(AlertEvent.id.desc()).limit(1))
    return int(newest or 0)
