"""What citizens do after reporting: rate, reopen, follow ("me too"), find duplicates."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.auth import actor_of
from hue_s.modules.incidents.backend.cases.lifecycle import apply_move, record_event
from hue_s.modules.incidents.backend.cases.sla import deadline_for
from hue_s.modules.incidents.backend.cases.status import OPEN_STATUSES
from hue_s.modules.incidents.backend.distance import degree_box, distance_m
from hue_s.modules.incidents.backend.models import Incident, IncidentFollower, IncidentService
from hue_s.modules.incidents.backend.schemas import NearbyIncident

REOPEN_WINDOW = timedelta(days=7)
NEARBY_LIMIT = 20


def own_report(session: Session, incident_id: int, user: User) -> Incident:
    """Return the user's own report (404 incident_not_found for anyone else's)."""
    incident = session.get(Incident, incident_id)
    if incident is None or incident.reporter_id != user.id:
        raise APIError(404, "incident_not_found", f"No report {incident_id} of yours.")
    return incident


def rate(
    session: Session, incident: Incident, user: User, now: datetime, stars: int, comment: str | None
) -> None:
    """Rate a resolved report once (409 not_resolved, 409 already_rated)."""
    if incident.status != "resolved":
        raise APIError(409, "not_resolved", "Only a resolved report can be rated.")
    if incident.rating is not None:
        raise APIError(409, "already_rated", "This report was already rated.")
    incident.rating, incident.rating_comment = stars, comment
    record_event(session, incident, actor_of(user), "rated", now, comment, public=False)


def reopen(session: Session, incident: Incident, user: User, now: datetime, reason: str) -> None:
    """Reopen a resolved report within 7 days (409 reopen_window_passed); the SLA restarts."""
    closed_at = incident.closed_at
    if incident.status == "resolved" and closed_at and now - closed_at > REOPEN_WINDOW:
        raise APIError(409, "reopen_window_passed", "Reports can be reopened for 7 days only.")
    apply_move(session, incident, "reopen", actor_of(user), now, reason)
    service = session.get(IncidentService, incident.service_code)
    assert service is not None
    incident.deadline_at = deadline_for(service, incident.urgency, now)


def follower_count(session: Session, incident_id: int) -> int:
    """Return how many citizens follow a report."""
    count = session.scalar(select(func.count()).where(IncidentFollower.incident_id == incident_id))
    return count or 0


def follow(session: Session, incident_id: int, user: User, now: datetime) -> int:
    """Make the user follow a report they may see (404 otherwise); return the follower count."""
    incident = session.get(Incident, incident_id)
    if incident is None or not (incident.public or incident.reporter_id == user.id):
        raise APIError(404, "incident_not_found", f"No report {incident_id}.")
    if session.get(IncidentFollower, (incident_id, user.id)) is None:
        session.add(IncidentFollower(incident_id=incident_id, user_id=user.id, since=now))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
    return follower_count(session, incident_id)


def nearby(
    session: Session, lat: float, lon: float, service_code: str | None, radius_m: float
) -> list[NearbyIncident]:
    """Return open public reports within radius_m of a point, nearest first."""
    d_lat, d_lon = degree_box(lat, radius_m)
    query = (
        select(Incident)
        .where(Incident.lat.between(lat - d_lat, lat + d_lat))
        .where(Incident.lon.between(lon - d_lon, lon + d_lon))
        .where(Incident.status.in_(OPEN_STATUSES), Incident.public.is_(True))
    )
    if service_code:
        query = query.where(Incident.service_code == service_code)
    found: list[tuple[float, Incident]] = []
    for incident in session.scalars(query):
        assert incident.lat is not None and incident.lon is not None
        away = distance_m(lat, lon, incident.lat, incident.lon)
        if away <= radius_m:
            found.append((away, incident))
    found.sort(key=lambda pair: pair[0])
    return [
        NearbyIncident(
            id=incident.id,
            service_code=incident.service_code,
            status=incident.status,
            description=incident.description,
            lat=incident.lat or 0.0,
            lon=incident.lon or 0.0,
            distance_m=round(away, 1),
            requested_at=incident.requested_at,
            followers=follower_count(session, incident.id),
        )
        for away, incident in found[:NEARBY_LIMIT]
    ]
