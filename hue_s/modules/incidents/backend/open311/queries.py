"""Find the requests a GeoReport GET asks for, and what their records need, in few queries
(one for a page without extensions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Row, Select, bindparam, or_, select, type_coerce
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.modules.incidents.backend.cases.lifecycle import Actor
from hue_s.modules.incidents.backend.models import (
    Incident,
    IncidentEvent,
    IncidentPhoto,
    IncidentService,
    UTCDateTime,
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
FIRST_PHOTO_ID = (
    select(IncidentPhoto.id)
    .where(IncidentPhoto.incident_id == Incident.id)
    .order_by(IncidentPhoto.uploaded_at, IncidentPhoto.id)
    .limit(1)
    .scalar_subquery()
    .label("first_photo_id")
)


def as_stored(column: Any) -> Any:
    """Return a UTCDateTime column read as the driver gives it, labelled as itself: timestamp()
    takes a naive time (SQLite's) as UTC, which spares UTCDateTime's fix-up of every value."""
    if not isinstance(column.type, UTCDateTime):
        return column
    return type_coerce(column, DateTime(timezone=True)).label(column.key)


RECORD_COLUMNS = (
    *(as_stored(column) for column in PUBLIC_COLUMNS),
    IncidentService.name_vi.label("service_name_vi"),
    IncidentService.name_en.label("service_name_en"),
    IncidentService.agency.label("service_agency"),
    Ward.full_name.label("ward_name"),
    Ward.name_en.label("ward_name_en"),
    FIRST_PHOTO_ID,
)
"""A record's row: the public columns with its service's names, its ward's and its first photo,
so that a page of records is one query (its service or ward NULL if it has none)."""
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
"""What the records of a page need with extensions besides their rows: statements built once,
run as they are."""


def record_rows() -> Select[*tuple[Any, ...]]:
    """Return the select of RECORD_COLUMNS, joined to the service and ward tables."""
    return (
        select(*RECORD_COLUMNS)
        .outerjoin(IncidentService, IncidentService.code == Incident.service_code)
        .outerjoin(Ward, Ward.code == Incident.ward_code)
    )


RECORD_BY_ID = record_rows().where(Incident.id == bindparam("id"))
"""The record's row of one request, whoever may see it (the caller checks that first)."""


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
    query = record_rows().where(visible_to(user, client))
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
    """Return the query of one page of requests (rows of RECORD_COLUMNS), newest first,
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
    rows: Sequence[Row[Any]],
    language: str,
    base_url: str,
    *,
    extensions: bool,
) -> RequestExtras:
    """Return what the records of rows need besides them: with extensions, every request's
    photos and public timeline, batched (nothing to read without)."""
    extras = RequestExtras(language=language, base_url=base_url)
    ids = [row.id for row in rows]
    if not (extensions and ids):
        return extras
    connection = session.connection()
    for incident_id, photo_id in connection.execute(PHOTO_IDS, {"ids": ids}):
        extras.photo_ids.setdefault(incident_id, []).append(photo_id)
    for event in connection.execute(PUBLIC_EVENTS, {"ids": ids}):
        extras.events.setdefault(event.incident_id, []).append(event)
    return extras
