"""The live stream of case changes for citizens: timeline entries of their own and followed cases.

The incident_events table is the log: every public timeline entry (accepted, started,
resolved, a public note...) is an event, sent to the case's reporter and to the citizens who
follow it ("me too"). The neutral EventHub (hue_s/backend/kernel/event_hub.py) reads it, woken by
commits that wrote an entry (lifecycle.announce_case_event) and by a timer for other processes.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.event_hub import EventHub, sse_frame
from hue_s.modules.incidents.backend.cases.lifecycle import CASE_EVENT_WRITTEN
from hue_s.modules.incidents.backend.cases.status import open311_status
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent, IncidentFollower

POLL_SECONDS = 1.0
"""How often the log is read without a wake-up (writes of other processes)."""
REPLAY_LIMIT = 1000


@dataclass(frozen=True)
class CaseEvent:
    """One public timeline entry, with who may hear of it; the payload serialised once."""

    id: int
    audience: frozenset[int]
    """The ids of the case's reporter and followers."""
    frame: bytes
    """The entry as every stream sends it (Server-Sent Events text named by its action)."""


def case_events_after(session: Session, after_id: int) -> list[CaseEvent]:
    """Return the public timeline entries after `after_id`, oldest first, with their audience."""
    rows = session.execute(
        select(
            IncidentEvent.id,
            IncidentEvent.incident_id,
            IncidentEvent.action,
            IncidentEvent.status,
            IncidentEvent.at,
            Incident.reporter_id,
        )
        .join(Incident, Incident.id == IncidentEvent.incident_id)
        .where(IncidentEvent.id > after_id, IncidentEvent.public.is_(True))
        .order_by(IncidentEvent.id)
        .limit(REPLAY_LIMIT)
    ).all()
    followers: dict[int, set[int]] = {}
    cases = {row.incident_id for row in rows}
    if cases:
        for case_id, user_id in session.execute(
            select(IncidentFollower.incident_id, IncidentFollower.user_id).where(
                IncidentFollower.incident_id.in_(cases)
            )
        ):
            followers.setdefault(case_id, set()).add(user_id)
    events = []
    for row in rows:
        audience = set(followers.get(row.incident_id, ()))
        if row.reporter_id is not None:
            audience.add(row.reporter_id)
        payload: dict[str, Any] = {
            "incident_id": row.incident_id,
            "action": row.action,
            "status": row.status,
            "open311_status": open311_status(row.status),
            "at": row.at.isoformat(),
        }
        data = json.dumps(payload, separators=(",", ":"))
        events.append(CaseEvent(row.id, frozenset(audience), sse_frame(row.id, row.action, data)))
    return events


def last_case_event_id(session: Session) -> int:
    """Return the id of the newest timeline entry, 0 when there is none."""
    newest = session.scalar(select(IncidentEvent.id).order_by(IncidentEvent.id.desc()).limit(1))
    return int(newest or 0)


class CaseHub(EventHub[CaseEvent]):
    """Reads the case timeline when woken and fans new public entries out to the streams."""

    def __init__(self, session_factory: sessionmaker[Session], poll_seconds: float) -> None:
        """Prepare a hub over a database; start() begins reading."""
        super().__init__(
            session_factory,
            poll_seconds,
            read_after=case_events_after,
            last_id=last_case_event_id,
            name="case-hub",
        )

    def after_commit(self, session: Session) -> None:
        """SQLAlchemy after_commit hook: wake the streams when the commit wrote an entry."""
        if session.info.pop(CASE_EVENT_WRITTEN, False):
            self.wake_threadsafe()


@contextlib.asynccontextmanager
async def case_stream_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run this process's case hub while the app runs, woken by the app's own commits."""
    factory: sessionmaker[Session] = app.state.session_factory
    hub = CaseHub(factory, getattr(app.state, "case_stream_poll_seconds", POLL_SECONDS))
    await hub.start()
    event.listen(factory, "after_commit", hub.after_commit)
    app.state.case_hub = hub
    try:
        yield
    finally:
        app.state.case_hub = None
        event.remove(factory, "after_commit", hub.after_commit)
        await hub.stop()


def running_case_hub(request: Request) -> CaseHub:
    """FastAPI dependency: this process's case hub (503 when the app runs without it)."""
    hub: CaseHub | None = getattr(request.app.state, "case_hub", None)
    if hub is None:
        raise APIError(503, "stream_unavailable", "Case streaming is not running.")
    return hub
