"""Create a case from a checked submission: route it, set its deadline, keep its photos."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient_to_detached

from hue_s.backend.api_errors import APIError
from hue_s.backend.incidents.lifecycle import Actor
from hue_s.backend.incidents.models import Incident, IncidentEvent, IncidentService
from hue_s.backend.incidents.open311_definitions import attribute_definitions
from hue_s.backend.incidents.photos import clean_photo, photo_row
from hue_s.backend.incidents.routing import ward_code_for_report
from hue_s.backend.incidents.sla import deadline_for
from hue_s.backend.incidents.submission import Submission, bad_request, checked_answers

INCIDENTS = cast(Table, Incident.__table__)
SERVICES = cast(Table, IncidentService.__table__)
INSERT_INCIDENT = INCIDENTS.insert()
INSERT_EVENT = cast(Table, IncidentEvent.__table__).insert()
SERVICE_BY_CODE = SERVICES.select().where(SERVICES.c.code == bindparam("code"))
CASE_BY_CLIENT_UUID = select(
    INCIDENTS.c.id, INCIDENTS.c.reporter_id, INCIDENTS.c.api_client_id
).where(INCIDENTS.c.client_uuid == bindparam("uuid"))
EMPTY_ROW = {column.key: None for column in INCIDENTS.columns if column.server_default is None}
"""A case row before its values: a column left out of the INSERT stays NULL."""


def find_service(session: Session, code: str) -> IncidentService | None:
    """Return a service as stored, read with Core (far cheaper than an ORM load), unattached."""
    row = session.connection().execute(SERVICE_BY_CODE, {"code": code}).first()
    return None if row is None else IncidentService(**row._mapping)


def active_service(
    session: Session, code: str, read: IncidentService | None = None
) -> IncidentService:
    """Return an active service by code, unless already `read` (400 service_not_found)."""
    service = read if read is not None and read.code == code else find_service(session, code)
    if service is None or not service.active:
        raise bad_request("service_not_found", f"No service has the code {code!r}.")
    return service


def existing_for_client_uuid(
    session: Session, client_uuid: str | None, actor: Actor
) -> Incident | None:
    """Return the report already made with this client UUID by the same caller (else 409)."""
    if client_uuid is None:
        return None
    found = session.connection().execute(CASE_BY_CLIENT_UUID, {"uuid": client_uuid}).first()
    if found is None:  # the usual case: a new report, found out without an ORM load
        return None
    if (found.reporter_id, found.api_client_id) != (actor.id, actor.client_id):
        raise APIError(409, "client_uuid_taken", "Another caller already used this UUID.")
    return session.get(Incident, found.id)


def create_incident(
    session: Session,
    submission: Submission,
    actor: Actor,
    now: datetime,
    client_uuid: str | None = None,
    source: str = "open311",
    *,
    actor_is_reporter: bool = True,
    service: IncidentService | None = None,
    commit: bool = True,
) -> Incident:
    """Store a new report (or return the one already stored under its client UUID).

    actor_is_reporter is False when staff record someone else's report (a hotline call);
    service is the submission's service if the caller has already read it; commit=False
    leaves the transaction open for the caller to add to and commit.
    """
    existing = existing_for_client_uuid(session, client_uuid, actor)
    if existing is not None:
        return existing
    service = active_service(session, submission.service_code, service)
    definitions = attribute_definitions(service, None)
    answers = checked_answers(definitions, submission.answers)
    if submission.lat is None and not (
        submission.text("address_string") or submission.text("address_id")
    ):
        raise bad_request("location_required", "Give lat and long, address_string or address_id.")
    ward_code = ward_code_for_report(
        session, submission.lat, submission.lon, answers.get("ward_code")
    )
    photos = [clean_photo(data, sent) for data, sent in submission.photos_with_facts()]
    urgency = answers.get("urgency", "normal")
    values: dict[str, Any] = {
        "token": secrets.token_hex(16),
        "client_uuid": client_uuid,
        "service_code": service.code,
        "status": "received",
        "urgency": urgency,
        "description": submission.text("description"),
        "address": submission.text("address_string"),
        "address_id": submission.text("address_id"),
        "lat": submission.lat,
        "lon": submission.lon,
        "ward_code": ward_code,
        "attributes": answers,
        "media_url": submission.text("media_url"),
        "public": answers.get("private") != "yes",
        "hide_name": answers.get("hide_name") == "yes",
        "source": source,
        "reporter_id": actor.id if actor_is_reporter else None,
        "api_client_id": actor.client_id,
        "first_name": submission.text("first_name"),
        "last_name": submission.text("last_name"),
        "email": submission.text("email"),
        "phone": submission.text("phone"),
        "device_id": submission.text("device_id"),
        "requested_at": now,
        "updated_at": now,
        "deadline_at": deadline_for(service, urgency, now),
    }
    try:
        incident = insert_incident(session, values)
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
    insert_first_event(session, incident, actor, now)
    if commit:
        session.commit()
    return incident


def insert_incident(session: Session, values: dict[str, Any]) -> Incident:
    """INSERT a new case row and return it as a persistent Incident, without a unit of work."""
    result = session.connection().execute(INSERT_INCIDENT, values)
    inserted, key = result.last_inserted_params(), result.inserted_primary_key
    assert isinstance(inserted, dict) and key is not None  # one row, defaults applied
    incident = Incident(**EMPTY_ROW | inserted | {"id": key[0]})
    make_transient_to_detached(incident)  # as if just loaded: every column set, nothing to flush
    session.add(incident)
    return incident


def insert_first_event(session: Session, incident: Incident, actor: Actor, now: datetime) -> None:
    """INSERT the case's first timeline entry, as record_event(..., "received", now) would."""
    session.connection().execute(
        INSERT_EVENT,
        {
            "incident_id": incident.id,
            "at": now,
            "action": "received",
            "actor_id": actor.id,
            "actor_role": actor.role,
            "status": incident.status,
            "note": None,
            "public": True,
            "ward_code": incident.ward_code,
        },
    )
