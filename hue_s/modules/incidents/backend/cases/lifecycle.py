"""Move a case through its statuses, writing a timeline entry for every change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.cases.status import MOVES, is_closed
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent

CASE_EVENTS_LOCK_ID = 4_611_048
CASE_EVENT_WRITTEN = "hue_s.case_event_written"
"""Set in a session's info when it wrote a timeline entry: its commit wakes the case stream."""


def announce_case_event(session: Session) -> None:
    """Prepare a timeline entry's write so the case stream (stream.py) misses none.

    On PostgreSQL entries take a transaction-scoped advisory lock before they get their id, so
    ids are handed out in commit order and a reader that has seen id N never later finds a
    smaller one. The mark in the session's info makes its commit wake this process's stream.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": CASE_EVENTS_LOCK_ID})
    session.info[CASE_EVENT_WRITTEN] = True


@dataclass(frozen=True)
class Actor:
    """Who acts on a case: a user (by id and role), an API client, or nobody signed in."""

    id: int | None
    role: str
    ward_code: str | None = None
    client_id: int | None = None


def record_event(
    session: Session,
    incident: Incident,
    actor: Actor,
    action: str,
    now: datetime,
    note: str | None = None,
    *,
    public: bool = True,
) -> IncidentEvent:
    """Add a timeline entry for the case as it now stands (the case stream hears of it)."""
    announce_case_event(session)
    event = IncidentEvent(
        incident_id=incident.id,
        at=now,
        action=action,
        actor_id=actor.id,
        actor_role=actor.role,
        status=incident.status,
        note=note,
        public=public,
        ward_code=incident.ward_code,
    )
    session.add(event)
    incident.updated_at = now
    return event


def apply_move(
    session: Session,
    incident: Incident,
    move_name: str,
    actor: Actor,
    now: datetime,
    note: str | None = None,
) -> IncidentEvent:
    """Change the case status by a lifecycle move (409 invalid_transition if not allowed)."""
    move = MOVES[move_name]
    if incident.status not in move.allowed_from:
        raise APIError(
            409,
            "invalid_transition",
            f"Cannot {move_name} a case that is {incident.status}.",
        )
    incident.status = move.to_status
    incident.status_notes = note
    incident.closed_at = now if is_closed(move.to_status) else None
    return record_event(session, incident, actor, move.action, now, note)
