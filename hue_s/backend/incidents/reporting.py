"""Create a case from a checked submission: route it, set its deadline, keep its photos."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.api_errors import APIError
from hue_s.backend.incidents.lifecycle import Actor, record_event
from hue_s.backend.incidents.models import Incident, IncidentService
from hue_s.backend.incidents.open311_definitions import attribute_definitions
from hue_s.backend.incidents.photos import clean_photo, photo_row
from hue_s.backend.incidents.routing import ward_for_report
from hue_s.backend.incidents.sla import deadline_for
from hue_s.backend.incidents.submission import Submission, bad_request, checked_answers


def active_service(session: Session, code: str) -> IncidentService:
    """Return an active service by code (400 service_not_found)."""
    service = session.get(IncidentService, code)
    if service is None or not service.active:
        raise bad_request("service_not_found", f"No service has the code {code!r}.")
    return service


def existing_for_client_uuid(
    session: Session, client_uuid: str | None, actor: Actor
) -> Incident | None:
    """Return the report already made with this client UUID by the same caller (else 409)."""
    if client_uuid is None:
        return None
    found = session.scalars(select(Incident).where(Incident.client_uuid == client_uuid)).first()
    if found is None:
        return None
    if (found.reporter_id, found.api_client_id) != (actor.id, actor.client_id):
        raise APIError(409, "client_uuid_taken", "Another caller already used this UUID.")
    return found


def create_incident(
    session: Session,
    submission: Submission,
    actor: Actor,
    now: datetime,
    client_uuid: str | None = None,
    source: str = "open311",
    *,
    actor_is_reporter: bool = True,
) -> Incident:
    """Store a new report (or return the one already stored under its client UUID).

    actor_is_reporter is False when staff record someone else's report (a hotline call).
    """
    existing = existing_for_client_uuid(session, client_uuid, actor)
    if existing is not None:
        return existing
    service = active_service(session, submission.service_code)
    definitions = attribute_definitions(service, None)
    answers = checked_answers(definitions, submission.answers)
    if submission.lat is None and not (
        submission.text("address_string") or submission.text("address_id")
    ):
        raise bad_request("location_required", "Give lat and long, address_string or address_id.")
    ward = ward_for_report(session, submission.lat, submission.lon, answers.get("ward_code"))
    photos = [clean_photo(data) for data in submission.photos]
    urgency = answers.get("urgency", "normal")
    incident = Incident(
        token=secrets.token_hex(16),
        client_uuid=client_uuid,
        service_code=service.code,
        status="received",
        urgency=urgency,
        description=submission.text("description"),
        address=submission.text("address_string"),
        address_id=submission.text("address_id"),
        lat=submission.lat,
        lon=submission.lon,
        ward_code=ward.code,
        attributes=answers,
        media_url=submission.text("media_url"),
        public=answers.get("private") != "yes",
        hide_name=answers.get("hide_name") == "yes",
        source=source,
        reporter_id=actor.id if actor_is_reporter else None,
        api_client_id=actor.client_id,
        first_name=submission.text("first_name"),
        last_name=submission.text("last_name"),
        email=submission.text("email"),
        phone=submission.text("phone"),
        device_id=submission.text("device_id"),
        requested_at=now,
        updated_at=now,
        deadline_at=deadline_for(service, urgency, now),
    )
    session.add(incident)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        existing = existing_for_client_uuid(session, client_uuid, actor)
        if existing is None:
            raise
        return existing
    for position, photo in enumerate(photos):
        row = photo_row(photo, incident.id, "before", actor.id)
        row.uploaded_at = now + timedelta(microseconds=position)  # keeps the upload order
        session.add(row)
    record_event(session, incident, actor, "received", now)
    session.commit()
    return incident
