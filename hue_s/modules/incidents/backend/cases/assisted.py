"""Reports a ward officer files for a visitor, and how the visitor adds one to their reports.

An officer files only for places in their own ward (403 place_not_in_your_ward otherwise: the
visitor reports elsewhere in the app, or that ward files it). The visitor's name and phone stay
on the case for the ward to call back, but the case joins nobody's "My reports" because of the
phone the officer typed: the visitor claims it, signed in, with the tracking code of the slip
(its check derives from the case's secret); when a phone was given, only with that phone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import BlobStore
from hue_s.modules.incidents.backend.auth import actor_of, check_files_in_own_ward
from hue_s.modules.incidents.backend.cases.reporting import clean_photos, file_incident
from hue_s.modules.incidents.backend.cases.submission import Submission
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent
from hue_s.modules.incidents.backend.photos.storage import (
    forget_objects,
    keep_photos,
    objects_deleted_on_failure,
)
from hue_s.modules.incidents.backend.tracking.codes import ASSISTED_SOURCE, find_by_code

ASSISTED_NOTE = "Nộp tại trụ sở phường: cán bộ phường nộp thay cho người dân."
"""The note of the first timeline entry (notes are kept in Vietnamese, as officers write them)."""
MAX_NAME = 100
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "device_id")
"""GeoReport contact fields, taken from the visitor's fields rather than from the form."""


@dataclass(frozen=True)
class Visitor:
    """Who the report is filed for: both optional; the phone in E.164."""

    name: str | None = None
    phone: str | None = None


def visitor_of(form: FormData) -> Visitor:
    """Read visitor_name and visitor_phone (422 invalid_phone, 400 field_too_long)."""
    name, phone = form.get("visitor_name"), form.get("visitor_phone")
    name = name.strip() if isinstance(name, str) else ""
    phone = phone.strip() if isinstance(phone, str) else ""
    if len(name) > MAX_NAME:
        raise APIError(
            400, "field_too_long", f"visitor_name may have at most {MAX_NAME} characters."
        )
    try:
        e164 = normalise_phone(phone) if phone else None
    except InvalidPhone as reason:
        raise APIError(422, "invalid_phone", f"Invalid phone number: {reason}.") from None
    return Visitor(name=name or None, phone=e164)


def filed_by(session: Session, incident: Incident) -> int | None:
    """Return the id of who recorded the case's first timeline entry."""
    return session.scalar(
        select(IncidentEvent.actor_id)
        .where(IncidentEvent.incident_id == incident.id)
        .order_by(IncidentEvent.id)
        .limit(1)
    )


def earlier_filing(session: Session, client_uuid: str | None, officer: User) -> Incident | None:
    """Return the case this officer already filed under the UUID (409 if someone else did)."""
    if client_uuid is None:
        return None
    found = session.scalars(select(Incident).where(Incident.client_uuid == client_uuid)).first()
    if found is None:
        return None
    if found.source != ASSISTED_SOURCE or filed_by(session, found) != officer.id:
        raise APIError(409, "client_uuid_taken", "Another caller already used this UUID.")
    return found


def file_for_visitor(
    session: Session,
    submission: Submission,
    visitor: Visitor,
    officer: User,
    now: datetime,
    client_uuid: str | None = None,
    store: BlobStore | None = None,
) -> Incident:
    """Store a report an officer filed for a visitor of their ward (one commit).

    The visitor's contact goes into the case's contact fields; the case has no reporter until
    the visitor claims it (claim_filed_case). Its photos go to `store` first, when given.
    """
    earlier = earlier_filing(session, client_uuid, officer)
    if earlier is not None:
        return earlier
    texts = {name: value for name, value in submission.texts.items() if name not in CONTACT_FIELDS}
    if visitor.name:
        texts["first_name"] = visitor.name
    if visitor.phone:
        texts["phone"] = visitor.phone
    kept = keep_photos(store, clean_photos(submission))
    with objects_deleted_on_failure(store, kept):
        filed = file_incident(
            session,
            replace(submission, texts=texts),
            actor_of(officer),
            now,
            client_uuid,
            source=ASSISTED_SOURCE,
            photos=kept,
            actor_is_reporter=False,
        )
        incident = session.get_one(Incident, filed.id)
        check_files_in_own_ward(session, officer, incident.ward_code)
        first = session.scalars(
            select(IncidentEvent).where(IncidentEvent.incident_id == incident.id).limit(1)
        ).first()
        if first is not None:
            first.note = ASSISTED_NOTE
        session.commit()
    if not filed.new:
        forget_objects(store, kept)
    return incident


def claim_filed_case(session: Session, code: str, user: User) -> Incident:
    """Make a case filed at a ward office the signed-in visitor's, by its tracking code.

    404 tracking_code_not_found for a wrong code, 409 case_not_claimable for a case not filed
    for a visitor, 409 case_already_claimed when it is someone else's, 403 claim_phone_mismatch
    when the visitor gave another phone. Claiming one's own case again changes nothing.
    """
    incident = find_by_code(session, code)
    if incident is None:
        raise APIError(404, "tracking_code_not_found", "No case has this tracking code.")
    if incident.reporter_id == user.id:
        return incident
    if incident.source != ASSISTED_SOURCE:
        raise APIError(
            409, "case_not_claimable", "Only reports filed at a ward office can be added."
        )
    if incident.phone is not None and incident.phone != user.phone:
        raise APIError(
            403, "claim_phone_mismatch", "Sign in with the phone number given at the ward office."
        )
    claimed = session.execute(
        update(Incident)
        .where(Incident.id == incident.id, Incident.reporter_id.is_(None))
        .values(reporter_id=user.id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise APIError(409, "case_already_claimed", "This report is in someone's reports.")
    session.commit()
    session.refresh(incident)
    return incident
