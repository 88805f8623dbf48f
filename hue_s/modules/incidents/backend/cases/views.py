"""Build the JSON views of cases from their rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.modules.incidents.backend.cases.sla import is_overdue
from hue_s.modules.incidents.backend.cases.status import open311_status
from hue_s.modules.incidents.backend.models import (
    Incident,
    IncidentEvent,
    IncidentFollower,
    IncidentPhoto,
)
from hue_s.modules.incidents.backend.open311.records import photo_url
from hue_s.modules.incidents.backend.schemas import (
    CaseDetail,
    CaseSummary,
    PhotoInfo,
    Reporter,
    TimelineEntry,
)
from hue_s.modules.incidents.backend.service_cache import cached_service_names

SUMMARY_COLUMNS = (
    Incident.id,
    Incident.service_code,
    Incident.status,
    Incident.urgency,
    Incident.ward_code,
    Incident.description,
    Incident.address,
    Incident.lat,
    Incident.lon,
    Incident.requested_at,
    Incident.deadline_at,
    Incident.assigned_officer_id,
)
"""What a CaseSummary shows: a list selects these plain columns, not whole cases."""


def service_names(session: Session, language: str) -> dict[str, str]:
    """Return every service's name in a language, by code (the catalogue cached a minute)."""
    return cached_service_names(session, language)


def summary_fields(
    incident: Incident | Row[Any], names: dict[str, str], now: datetime
) -> dict[str, Any]:
    """Return the fields of a CaseSummary, in its order, from a case or a SUMMARY_COLUMNS row."""
    return {
        "id": incident.id,
        "service_code": incident.service_code,
        "service_name": names.get(incident.service_code, incident.service_code),
        "status": incident.status,
        "open311_status": open311_status(incident.status),
        "urgency": incident.urgency,
        "ward_code": incident.ward_code,
        "description": incident.description,
        "address": incident.address,
        "lat": incident.lat,
        "lon": incident.lon,
        "requested_at": incident.requested_at,
        "deadline_at": incident.deadline_at,
        "overdue": is_overdue(incident, now),
        "assigned_officer_id": incident.assigned_officer_id,
    }


def summaries_json(rows: Iterable[Any], names: dict[str, str], now: datetime) -> bytes:
    """Return the JSON list of CaseSummary of SUMMARY_COLUMNS rows, without building models."""
    return to_json([summary_fields(row, names, now) for row in rows])


def case_summary(incident: Incident, names: dict[str, str], now: datetime) -> CaseSummary:
    """Return the inbox view of a case."""
    return CaseSummary(**summary_fields(incident, names, now))


def reporter_of(session: Session, incident: Incident, *, show_name: bool) -> Reporter:
    """Return the reporter's contact, the name left out if they asked to hide it.

    What the report itself gave (an Open311 client's fields, a visitor's slip) comes first;
    else the signed-in reporter's account: its verified phone and display name. The app sends
    no contact fields, so without the account the ward could never call a citizen back.
    """
    parts = [part for part in (incident.first_name, incident.last_name) if part]
    name, phone = " ".join(parts) or None, incident.phone
    account = None if incident.reporter_id is None else session.get(User, incident.reporter_id)
    if account is not None:
        name, phone = name or account.display_name or None, phone or account.phone
    return Reporter(name=name if show_name else None, phone=phone, email=incident.email)


def case_detail(
    session: Session,
    incident: Incident,
    language: str,
    base_url: str,
    now: datetime,
    *,
    staff: bool,
) -> CaseDetail:
    """Return the full view of a case, for its reporter (staff=False) or the ward's staff."""
    photos = session.execute(
        select(
            IncidentPhoto.id,
            IncidentPhoto.kind,
            IncidentPhoto.width,
            IncidentPhoto.height,
            IncidentPhoto.taken_at,
            IncidentPhoto.gps_lat,
            IncidentPhoto.gps_lon,
        )
        .where(IncidentPhoto.incident_id == incident.id)
        .order_by(IncidentPhoto.uploaded_at, IncidentPhoto.id)
    )
    events = session.scalars(
        select(IncidentEvent)
        .where(IncidentEvent.incident_id == incident.id)
        .order_by(IncidentEvent.id)
    )
    followers = session.scalar(
        select(func.count()).where(IncidentFollower.incident_id == incident.id)
    )
    summary = case_summary(incident, service_names(session, language), now)
    return CaseDetail(
        **summary.model_dump(),
        reporter=reporter_of(session, incident, show_name=not (staff and incident.hide_name)),
        photos=[
            PhotoInfo(
                id=row.id,
                kind=row.kind,
                url=photo_url(base_url, row.id),
                width=row.width,
                height=row.height,
                taken_at=row.taken_at,
                lat=row.gps_lat,
                lon=row.gps_lon,
            )
            for row in photos
        ],
        timeline=[
            TimelineEntry(
                at=event.at,
                action=event.action,
                status=event.status,
                actor_role=event.actor_role,
                actor_id=event.actor_id if staff else None,
                note=event.note,
                public=event.public,
                ward_code=event.ward_code,
            )
            for event in events
            if staff or event.public
        ],
        followers=followers or 0,
        rating=incident.rating,
        rating_comment=incident.rating_comment,
    )
