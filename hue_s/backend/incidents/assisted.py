"""Reports a ward officer files for a visitor, and how they reach the visitor's own account."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone
from hue_s.backend.accounts.sign_in_hooks import on_signed_in
from hue_s.backend.api_errors import APIError
from hue_s.backend.incidents.auth import actor_of
from hue_s.backend.incidents.models import Incident, IncidentEvent
from hue_s.backend.incidents.reporting import clean_photos, file_incident
from hue_s.backend.incidents.submission import Submission
from hue_s.backend.incidents.tracking import ASSISTED_SOURCE

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


def account_with_phone(session: Session, phone: str | None) -> User | None:
    """Return the user who signs in with this phone, if any."""
    if phone is None:
        return None
    return session.scalars(select(User).where(User.phone == phone)).first()


def file_for_visitor(
    session: Session,
    submission: Submission,
    visitor: Visitor,
    officer: User,
    now: datetime,
    client_uuid: str | None = None,
) -> Incident:
    """Store a report an officer filed for a visitor, in the visitor's name (one commit).

    The visitor's contact goes into the case's contact fields; if their phone already has an
    account, the case is theirs at once, otherwise it becomes theirs when they first sign in.
    """
    earlier = earlier_filing(session, client_uuid, officer)
    if earlier is not None:
        return earlier
    texts = {name: value for name, value in submission.texts.items() if name not in CONTACT_FIELDS}
    if visitor.name:
        texts["first_name"] = visitor.name
    if visitor.phone:
        texts["phone"] = visitor.phone
    filed = file_incident(
        session,
        replace(submission, texts=texts),
        actor_of(officer),
        now,
        client_uuid,
        source=ASSISTED_SOURCE,
        photos=clean_photos(submission),
        actor_is_reporter=False,
    )
    incident = session.get_one(Incident, filed.id)
    account = account_with_phone(session, visitor.phone)
    if account is not None:
        incident.reporter_id = account.id
    first = session.scalars(
        select(IncidentEvent).where(IncidentEvent.incident_id == incident.id).limit(1)
    ).first()
    if first is not None:
        first.note = ASSISTED_NOTE
    session.commit()
    return incident


@on_signed_in
def claim_reports_filed_for(session: Session, user: User) -> None:
    """Give a user who proved their phone the reports officers filed for that phone."""
    session.execute(
        update(Incident)
        .where(
            Incident.source == ASSISTED_SOURCE,
            Incident.reporter_id.is_(None),
            Incident.phone == user.phone,
        )
        .values(reporter_id=user.id)
    )
