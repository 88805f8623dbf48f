"""What other modules may use of incident reporting (the only file they may import from it):
file a case, add a private note to it, find an open one among theirs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.cases.lifecycle import Actor, record_event
from hue_s.modules.incidents.backend.cases.reporting import file_incident
from hue_s.modules.incidents.backend.cases.status import CLOSED_STATUSES
from hue_s.modules.incidents.backend.cases.submission import Submission
from hue_s.modules.incidents.backend.client_uuid import client_uuid_of
from hue_s.modules.incidents.backend.distance import degree_box, distance_m
from hue_s.modules.incidents.backend.models import Incident

__all__ = [
    "Actor",
    "Near",
    "Submission",
    "client_uuid_of",
    "file_case",
    "note_case",
    "open_case_among",
]


@dataclass(frozen=True)
class Near:
    """A place to match an open case by: a point in a ward, filed since a time."""

    lat: float
    lon: float
    ward_code: str | None
    metres: float
    since: datetime


def file_case(
    session: Session, submission: Submission, actor: Actor, now: datetime, *,
    client_uuid: str | None, source: str,
) -> int:  # fmt: skip
    """File a case without photos (or find the one filed under `client_uuid`); no commit."""
    return file_incident(session, submission, actor, now, client_uuid, source=source, photos=[]).id


def note_case(session: Session, case_id: int, actor: Actor, now: datetime, note: str) -> None:
    """Add a private note (staff only see it) to a case's timeline; no commit."""
    case = session.get(Incident, case_id)
    if case is None:
        raise LookupError(f"no case {case_id}")
    record_event(session, case, actor, "noted", now, note, public=False)


def open_case_among(
    session: Session, case_ids: Iterable[int | None] | Select[Any], *,
    phone: str | None = None, near: Near | None = None,
) -> int | None:  # fmt: skip
    """Return the first open (not closed) case among `case_ids`, of that phone when given, or
    within `near.metres` of `near`'s point, in its ward, filed since `near.since`."""
    ids = case_ids if isinstance(case_ids, Select) else [i for i in case_ids if i is not None]
    query = (
        select(Incident)
        .where(Incident.id.in_(ids), Incident.status.not_in(sorted(CLOSED_STATUSES)))
        .order_by(Incident.id)
    )
    if phone is not None:
        query = query.where(Incident.phone == phone)
    if near is None:
        return session.scalars(query.with_only_columns(Incident.id)).first()
    d_lat, d_lon = degree_box(near.lat, near.metres)
    query = query.where(
        Incident.ward_code == near.ward_code,
        Incident.requested_at >= near.since,
        Incident.lat.between(near.lat - d_lat, near.lat + d_lat),
        Incident.lon.between(near.lon - d_lon, near.lon + d_lon),
    )
    for case in session.scalars(query):
        assert case.lat is not None and case.lon is not None
        if distance_m(near.lat, near.lon, case.lat, case.lon) <= near.metres:
            return case.id
    return None
