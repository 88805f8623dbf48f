"""Move a case through its statuses, writing a timeline entry for every change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from hue_s.backend.api_errors import APIError
from hue_s.backend.incidents.models import Incident, IncidentEvent
from hue_s.backend.incidents.status import MOVES, is_closed


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
    """Add a timeline entry for the case as it now stands."""
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
