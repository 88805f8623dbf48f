"""When an account is deleted: forget its person in reports, keep the reports themselves."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.modules.incidents.backend.models import (
    HotlineCall,
    Incident,
    IncidentEvent,
    IncidentFollower,
    IncidentPhoto,
)


def forget_user(session: Session, user: User) -> None:
    """Detach the user from reports, timelines, photos and calls; drop what they follow."""
    personal = {"first_name": None, "last_name": None, "email": None, "phone": None}
    session.execute(
        update(Incident)
        .where(Incident.reporter_id == user.id)
        .values(reporter_id=None, device_id=None, **personal)
    )
    session.execute(
        update(Incident)
        .where(Incident.assigned_officer_id == user.id)
        .values(assigned_officer_id=None)
    )
    session.execute(
        update(IncidentEvent).where(IncidentEvent.actor_id == user.id).values(actor_id=None)
    )
    session.execute(
        update(IncidentPhoto).where(IncidentPhoto.uploaded_by == user.id).values(uploaded_by=None)
    )
    session.execute(
        update(HotlineCall).where(HotlineCall.officer_id == user.id).values(officer_id=None)
    )
    session.execute(delete(IncidentFollower).where(IncidentFollower.user_id == user.id))
