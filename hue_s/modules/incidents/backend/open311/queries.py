"""Find the requests a GeoReport GET asks for, and what their records need, in few queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, bindparam, or_, select
from sqlalchemy.orm import Session

from hue_s.backend.api_errors import APIError
from hue_s.backend.models import Ward
from hue_s.modules.incidents.backend.cases.lifecycle import Actor
from hue_s.modules.incidents.backend.models import (
    Incident,
    IncidentEvent,
    IncidentPhoto,
    IncidentService,
)
from hue_s.modules.incidents.backend.open311.records import RequestExtras

MAX_SPAN = timedelta(days=90)
PUBLIC_COLUMNS = (
    Incident.id,
    Incident.status,
    Incident.status_notes,
    Incident.service_code,
    Incident.description,
    Incident.requested_at,
    Incident.updated_at,
    Incident.deadline_at,
    Incident.address,
    Incident.address_id,
    Incident.lat,
    Incident.lon,
    Incident.media_url,
    Incident.ward_code,
    Incident.urgency,
)
"""What a GeoReport record shows: no personal column is even read."""
SERVICE_NAMES = select(
    IncidentService.code, IncidentService.name_vi, IncidentService.name_en, IncidentService.agency
)
PHOTO_IDS = (
    select(IncidentPhoto.incident_id, IncidentPhoto.id)
    .where(IncidentPhoto.incident_id.in_(bindparam("ids", expanding=True)))
    .order_by(IncidentPhoto.uploaded_at, IncidentPhoto.id)
)
PUBLIC_EVENTS = (
    select(
        IncidentEvent.incident_id,
        IncidentEvent.at,
        IncidentEvent.action,
        IncidentEvent.status,
        IncidentEvent.actor_role,
        IncidentEvent.note,
        IncidentEvent.public,
    )
    .where(
        IncidentEvent.incident_id.in_(bindparam("ids", expanding=True)),
        IncidentEvent.public.is_(True),
    )
    .order_by(IncidentEvent.id)
)
WARD_NAMES = select(Ward.code, Ward.full_name, Ward.name_en).where(
    Ward.code.in_(bindparam("codes", expanding=True))
)
"""What the records of a page need besides their rows: statements built once, run as they are."""


@dataclass(frozen=True)
class RequestSearch:
    """The filters and page of a GET requests."""

    ids: list[int]
    service_codes: list[str]
    statuses: set[str]
    start: datetime | None
    end: datetime | None
    page: int
    page_size: int


def date_window(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """Return the requested_datetime window: at most 90 days, the last 90 by default."""
    try:
        first, last = checked_window(start, end, now)
        return first.astimezone(UTC), last.astimezone(UTC)  # overflows here near year 1 or 9999
    except OverflowError:
        raise APIError(400, "invalid_date", "start_date or end_date is out of range.") from None


def checked_window(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """Return the window of date_window (may raise OverflowError near year 1 or 9999)."""
    if start is None and end is None:
        return now - MAX_SPAN, now
    if start is None:
        assert end is not None
        return end - MAX_SPAN, end
    if end is None:
        return start, start + MAX_SPAN
    if end - start > MAX_SPAN:
        raise APIError(400, "date_range_too_long", "start_date and end_date span over 90 days.")
    return start, end


@cache
def visible_to(user: bool, client: bool) -> ColumnElement[bool]:
    """Return the condition for requests a caller may list: public ones and their own."""
    conditions: list[ColumnElement[bool]] = [Incident.public.is_(True)]
    if user:
        conditions.append(Incident.reporter_id == bindparam("user_id"))
    if client:
        conditions.append(Incident.api_client_id == bindparam("client_id"))
    return or_(*conditions)


@cache
def page_statement(
    user: bool, client: bool, ids: bool, codes: bool, statuses: bool
) -> Select[*tuple[Any, ...]]:
    """Return the page query of one shape of search, built once (building costs more than
    running it); its values are bound: see search_query."""
    query = select(*PUBLIC_COLUMNS).where(visible_to(user, client))
    if ids:
        query = query.where(Incident.id.in_(bindparam("ids", expanding=True)))
    else:
        query = query.where(
            Incident.requested_at >= bindparam("start"), Incident.requested_at <= bindparam("end")
        )
        if codes:
            query = query.where(Incident.service_code.in_(bindparam("codes", expanding=True)))
        if statuses:
            query = query.where(Incident.status.in_(bindparam("statuses", expanding=True)))
    return (
        query.order_by(Incident.requested_at.desc(), Incident.id.desc())
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )


def search_query(
    search: RequestSearch, viewer: Actor | None, now: datetime
) -> tuple[Select[*tuple[Any, ...]], dict[str, Any]]:
    """Return the query of one page of requests (plain rows of PUBLIC_COLUMNS), newest first,
    and the values it binds."""
    user_id = None if viewer is None else viewer.id
    client_id = None if viewer is None else viewer.client_id
    values: dict[str, Any] = {
        "user_id": user_id,
        "client_id": client_id,
        "offset": (search.page - 1) * search.page_size,
        "limit": search.page_size,
    }
    if search.ids:
        values["ids"] = search.ids
    else:
        values["start"], values["end"] = date_window(search.start, search.end, now)
        values["codes"], values["statuses"] = search.service_codes, sorted(search.statuses)
    shape = (
        user_id is not None,
        client_id is not None,
        bool(search.ids),
        bool(search.service_codes),
        bool(search.statuses),
    )
    return page_statement(*shape), values


def record_extras(
    session: Session,
    incidents: Sequence[Incident | Row[Any]],
    language: str,
    base_url: str,
    *,
    extensions: bool,
) -> dict[int, RequestExtras]:
    """Return each request's photos (and with extensions its timeline and ward), batched."""
    connection = session.connection()
    services = {row.code: row for row in connection.execute(SERVICE_NAMES)}
    ids = [incident.id for incident in incidents]
    photos: dict[int, list[str]] = defaultdict(list)
    if ids:
        for incident_id, photo_id in connection.execute(PHOTO_IDS, {"ids": ids}):
            photos[incident_id].append(photo_id)
    events: dict[int, list[Any]] = defaultdict(list)  # rows of PUBLIC_EVENTS
    wards: dict[str, Any] = {}  # rows of WARD_NAMES
    if extensions and ids:
        for event in connection.execute(PUBLIC_EVENTS, {"ids": ids}):
            events[event.incident_id].append(event)
        codes = sorted({incident.ward_code for incident in incidents if incident.ward_code})
        wards = {ward.code: ward for ward in connection.execute(WARD_NAMES, {"codes": codes})}
    return {
        incident.id: RequestExtras(
            services=services,
            language=language,
            base_url=base_url,
            photo_ids=photos[incident.id],
            events=events[incident.id],
            ward=wards.get(incident.ward_code or ""),  # none: the city tier
        )
        for incident in incidents
    }
