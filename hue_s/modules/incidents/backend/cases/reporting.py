"""Create a case from a checked submission: route it, set its deadline, keep its photos."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.cases.lifecycle import Actor
from hue_s.modules.incidents.backend.cases.routing import ward_code_for_report
from hue_s.modules.incidents.backend.cases.sla import deadline_for
from hue_s.modules.incidents.backend.cases.submission import (
    Submission,
    bad_request,
    checked_answers,
)
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent, IncidentService
from hue_s.modules.incidents.backend.open311.definitions import attribute_definitions
from hue_s.modules.incidents.backend.photos.checks import check_total_pixels
from hue_s.modules.incidents.backend.photos.pipeline import CleanPhoto, clean_opened, open_photo
from hue_s.modules.incidents.backend.photos.storage import KeptPhoto, photo_row
from hue_s.modules.incidents.backend.service_cache import cached_service

INCIDENTS = cast(Table, Incident.__table__)
INSERT_INCIDENT = INCIDENTS.insert()
INSERT_EVENT = cast(Table, IncidentEvent.__table__).insert()
CASE_BY_CLIENT_UUID = select(
    INCIDENTS.c.id,
    INCIDENTS.c.token,
    INCIDENTS.c.service_code,
    INCIDENTS.c.deadline_at,
    INCIDENTS.c.reporter_id,
    INCIDENTS.c.api_client_id,
).where(INCIDENTS.c.client_uuid == bindparam("uuid"))


@dataclass(frozen=True)
class FiledReport:
    """What filing stored: enough to answer the reporter without loading the case."""

    id: int
    token: str
    service_code: str
    deadline_at: datetime
    new: bool = True
    """False: the report was already filed under its client UUID (its photos then, not these)."""


def active_service(session: Session, code: str) -> IncidentService:
    """Return an active service by code from the catalogue (400 service_not_found)."""
    service = cached_service(session, code)
    if service is None or not service.active:
        raise bad_request("service_not_found", f"No service has the code {code!r}.")
    return service


def existing_for_client_uuid(
    session: Session, client_uuid: str | None, actor: Actor
) -> FiledReport | None:
    """Return the report already made with this client UUID by the same caller (else 409)."""
    if client_uuid is None:
        return None
    found = session.connection().execute(CASE_BY_CLIENT_UUID, {"uuid": client_uuid}).first()
    if found is None:
        return None
    if (found.reporter_id, found.api_client_id) != (actor.id, actor.client_id):
        raise APIError(409, "client_uuid_taken", "Another caller already used this UUID.")
    return FiledReport(found.id, found.token, found.service_code, found.deadline_at, new=False)


def clean_photos(submission: Submission) -> list[CleanPhoto]:
    """Check a submission's photos, all before decoding any, then re-encode them (blocking).

    CPU-heavy: run it before the transaction, not in it, and once the caller is known.
    """
    opened = [(open_photo(data), sent) for data, sent in submission.photos_with_facts()]
    check_total_pixels(sum(photo.pixels for photo, _ in opened))
    return [clean_opened(photo, sent) for photo, sent in opened]


def file_incident(
    session: Session,
    submission: Submission,
    actor: Actor,
    now: datetime,
    client_uuid: str | None = None,
    source: str = "open311",
    *,
    photos: Sequence[KeptPhoto],
    actor_is_reporter: bool = True,
) -> FiledReport:
    """Store a new report (or find the one already stored under its client UUID); no commit.

    photos are the submission's, cleaned (clean_photos) and kept (keep_photos);
    actor_is_reporter is False when staff record someone else's report (a hotline call). The
    case and its first timeline entry are written with Core statements, without ORM objects.
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
    ward_code = ward_code_for_report(
        session,
        submission.lat,
        submission.lon,
        answers.get("ward_code"),
        submission.text("address_string"),
    )
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
    connection = session.connection()
    try:
        key = connection.execute(INSERT_INCIDENT, values).inserted_primary_key
    except IntegrityError:
        session.rollback()
        existing = existing_for_client_uuid(session, client_uuid, actor)
        if existing is None:
            raise
        return existing
    assert key is not None
    filed = FiledReport(key[0], values["token"], service.code, values["deadline_at"])
    for position, photo in enumerate(photos):
        row = photo_row(photo, filed.id, "before", actor.id)
        row.uploaded_at = now + timedelta(microseconds=position)  # keeps the upload order
        session.add(row)
    connection.execute(
        INSERT_EVENT,
        {
            "incident_id": filed.id,
            "at": now,
            "action": "received",
            "actor_id": actor.id,
            "actor_role": actor.role,
            "status": values["status"],
            "note": None,
            "public": True,
            "ward_code": ward_code,
        },
    )
    return filed
