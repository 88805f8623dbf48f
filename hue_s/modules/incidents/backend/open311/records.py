"""Build the GeoReport v2 records (services, definitions, requests) as plain dicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from hue_s.modules.incidents.backend.cases.status import open311_status
from hue_s.modules.incidents.backend.models import IncidentService
from hue_s.modules.incidents.backend.photos.exif import HUE_TIME

PHOTO_PATH = "/api/v1/incidents/photos/"


@lru_cache(maxsize=4096)  # a list shows the same few hundred times on every read
def timestamp(moment: datetime | None) -> str | None:
    """Return an ISO 8601 time with Huế's offset, e.g. 2026-11-26T21:40:00+07:00; a time
    without a zone is UTC (as stored: see open311_queries.as_stored)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(HUE_TIME).isoformat(timespec="seconds")


def service_notice(agency: str, deadline: datetime | None, language: str) -> str:
    """Return what the city will do about a request: who handles it, by when (vi or en)."""
    due = timestamp(deadline)
    if language == "en":
        return f"Received. {agency} is expected to handle it by {due}."
    return f"Đã tiếp nhận. {agency} dự kiến xử lý trước {due}."


def localized(row: Any, name: str, language: str) -> Any:
    """Return row.<name>_<language> (the vi/en variant of a text)."""
    return getattr(row, f"{name}_{language}")


def service_record(service: IncidentService, language: str) -> dict[str, Any]:
    """Return the GeoReport record of a service."""
    return {
        "service_code": service.code,
        "service_name": localized(service, "name", language),
        "description": localized(service, "description", language),
        "metadata": True,
        "type": "realtime",
        "keywords": service.keywords,
        "group": service.group,
    }


@dataclass
class RequestExtras:
    """What the records of a page need besides their rows (open311_queries.RECORD_COLUMNS)."""

    language: str
    base_url: str
    photo_ids: dict[int, list[str]] = field(default_factory=dict)
    """With extensions: every photo of each request, by request id, first uploaded first."""
    events: dict[int, list[Any]] = field(default_factory=dict)
    """With extensions: each request's public timeline (rows of at, action, status, actor_role,
    note, public), by request id."""


def photo_url(base_url: str, photo_id: str) -> str:
    """Return the absolute URL of a stored photo."""
    return f"{base_url.rstrip('/')}{PHOTO_PATH}{photo_id}"


RECORD_FIELDS = (
    "id",
    "status",
    "status_notes",
    "service_code",
    "description",
    "requested_at",
    "updated_at",
    "deadline_at",
    "address",
    "address_id",
    "lat",
    "lon",
    "media_url",
    "ward_code",
    "urgency",
    "service_name_vi",
    "service_name_en",
    "service_agency",
    "ward_name",
    "ward_name_en",
    "first_photo_id",
)
"""The columns of a record's row, in order (open311_queries.RECORD_COLUMNS): request_record
unpacks them, as reading a Row's attributes by name costs more than building the record."""


def request_record(
    row: Sequence[Any], extras: RequestExtras, *, extensions: bool
) -> dict[str, Any]:
    """Return the GeoReport record of a request's row (RECORD_FIELDS); never a name, phone or
    e-mail."""
    (
        incident_id,
        status,
        status_notes,
        service_code,
        description,
        requested_at,
        updated_at,
        deadline_at,
        address,
        address_id,
        lat,
        lon,
        media_url,
        ward_code,
        urgency,
        name_vi,
        name_en,
        agency,
        ward_name,
        ward_name_en,
        first_photo_id,
    ) = row
    language = extras.language
    record: dict[str, Any] = {
        "service_request_id": str(incident_id),
        "status": open311_status(status),
        "status_notes": status_notes,
        "service_name": name_en if language == "en" else name_vi,  # None: no such service
        "service_code": service_code,
        "description": description,
        "agency_responsible": agency,
        "service_notice": None if agency is None else service_notice(agency, deadline_at, language),
        "requested_datetime": timestamp(requested_at),
        "updated_datetime": timestamp(updated_at),
        "expected_datetime": timestamp(deadline_at),
        "address": address,
        "address_id": address_id,
        "zipcode": None,
        "lat": lat,
        "long": lon,
        "media_url": media_url
        if first_photo_id is None
        else photo_url(extras.base_url, first_photo_id),
    }
    if extensions:
        ward = (
            None if ward_name is None else (ward_code, ward_name, ward_name_en)
        )  # None: city tier
        record["extended_attributes"] = extended_attributes(
            incident_id, status, urgency, ward, extras
        )
    return record


def extended_attributes(
    incident_id: int,
    status: str,
    urgency: str,
    ward: tuple[str, str, str] | None,
    extras: RequestExtras,
) -> dict[str, Any]:
    """Return the ?extensions=true part: ward, urgency, photos and the public timeline."""
    photo_ids = extras.photo_ids.get(incident_id, [])
    return {
        "ward": None if ward is None else dict(zip(("code", "name", "name_en"), ward, strict=True)),
        "detailed_status": status,
        "urgency": urgency,
        "media_urls": [photo_url(extras.base_url, photo_id) for photo_id in photo_ids],
        "timeline": [
            {
                "datetime": timestamp(event.at),
                "action": event.action,
                "status": event.status,
                "actor": event.actor_role,
                "note": event.note,
            }
            for event in extras.events.get(incident_id, [])
            if event.public
        ],
    }
