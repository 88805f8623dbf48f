"""Build the GeoReport v2 records (services, definitions, requests) as plain dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Row

from hue_s.backend.models import Ward
from hue_s.modules.incidents.backend.cases.status import open311_status
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent, IncidentService
from hue_s.modules.incidents.backend.photos.exif import HUE_TIME

PHOTO_PATH = "/api/v1/incidents/photos/"


@lru_cache(maxsize=4096)  # a list shows the same few hundred times on every read
def timestamp(moment: datetime | None) -> str | None:
    """Return an ISO 8601 time with Huế's offset, e.g. 2026-11-26T21:40:00+07:00."""
    return None if moment is None else moment.astimezone(HUE_TIME).isoformat(timespec="seconds")


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
    """What a request record needs besides the incident row."""

    services: dict[str, Any]
    """Rows with code, name_vi, name_en and agency of each service, by code."""
    language: str
    base_url: str
    photo_ids: list[str] = field(default_factory=list)
    events: list[IncidentEvent | Row[Any]] = field(default_factory=list)
    """Public timeline entries: at, action, status, actor_role, note, public."""
    ward: Ward | Row[Any] | None = None
    """With code, full_name and name_en."""


def photo_url(base_url: str, photo_id: str) -> str:
    """Return the absolute URL of a stored photo."""
    return f"{base_url.rstrip('/')}{PHOTO_PATH}{photo_id}"


def request_record(
    incident: Incident | Row[Any], extras: RequestExtras, *, extensions: bool
) -> dict[str, Any]:
    """Return the GeoReport record of a request; never a name, phone or e-mail."""
    photo_urls = [photo_url(extras.base_url, photo_id) for photo_id in extras.photo_ids]
    service = extras.services.get(incident.service_code)
    record: dict[str, Any] = {
        "service_request_id": str(incident.id),
        "status": open311_status(incident.status),
        "status_notes": incident.status_notes,
        "service_name": None if service is None else localized(service, "name", extras.language),
        "service_code": incident.service_code,
        "description": incident.description,
        "agency_responsible": None if service is None else service.agency,
        "service_notice": None
        if service is None
        else service_notice(service.agency, incident.deadline_at, extras.language),
        "requested_datetime": timestamp(incident.requested_at),
        "updated_datetime": timestamp(incident.updated_at),
        "expected_datetime": timestamp(incident.deadline_at),
        "address": incident.address,
        "address_id": incident.address_id,
        "zipcode": None,
        "lat": incident.lat,
        "long": incident.lon,
        "media_url": photo_urls[0] if photo_urls else incident.media_url,
    }
    if extensions:
        record["extended_attributes"] = extended_attributes(incident, extras, photo_urls)
    return record


def extended_attributes(
    incident: Incident | Row[Any], extras: RequestExtras, photo_urls: list[str]
) -> dict[str, Any]:
    """Return the ?extensions=true part: ward, urgency, photos and the public timeline."""
    ward = extras.ward
    return {
        "ward": None
        if ward is None
        else {"code": ward.code, "name": ward.full_name, "name_en": ward.name_en},
        "detailed_status": incident.status,
        "urgency": incident.urgency,
        "media_urls": photo_urls,
        "timeline": [
            {
                "datetime": timestamp(event.at),
                "action": event.action,
                "status": event.status,
                "actor": event.actor_role,
                "note": event.note,
            }
            for event in extras.events
            if event.public
        ],
    }
