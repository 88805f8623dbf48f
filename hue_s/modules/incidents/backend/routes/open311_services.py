"""GeoReport v2 discovery and services: GET /open311/v2/discovery, services, services/{code}."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.auth import SessionDependency
from hue_s.modules.incidents.backend.models import IncidentService
from hue_s.modules.incidents.backend.open311 import format as open311_format
from hue_s.modules.incidents.backend.open311.definitions import definition_record, ward_choices
from hue_s.modules.incidents.backend.open311.params import Language, ResponseFormat
from hue_s.modules.incidents.backend.open311.records import service_record
from hue_s.modules.incidents.backend.routes.route_class import Open311Route

PREFIX = "/open311/v2"
CHANGESET = "2026-11-26T00:00:00+07:00"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"

router = APIRouter(prefix=PREFIX, tags=["open311"], route_class=Open311Route)


@router.get("/discovery.{response_format}", response_class=Response)
def discovery(request: Request, response_format: ResponseFormat) -> Response:
    """Describe this GeoReport endpoint: where it is, which formats, whom to ask for a key."""
    document = {
        "changeset": CHANGESET,
        "contact": "Hue-S, đường dây nóng 19001075",
        "key_service": "Ask the city's HueIOC operators for an api_key.",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": f"{str(request.base_url).rstrip('/')}{PREFIX}",
                "changeset": CHANGESET,
                "type": "production",
                "formats": [open311_format.JSON_TYPE, open311_format.XML_TYPE],
            }
        ],
    }
    return open311_format.render(document, "discovery", response_format)


@router.get("/services.{response_format}", response_class=Response)
def list_services(
    session: SessionDependency, response_format: ResponseFormat, language: Language
) -> Response:
    """List the kinds of problem that can be reported, named in the caller's language."""
    services = session.scalars(
        select(IncidentService)
        .where(IncidentService.active.is_(True))
        .order_by(IncidentService.sort_order)
    )
    records = [service_record(service, language) for service in services]
    return open311_format.render(records, "services", response_format)


@router.get("/services/{service_code}.{response_format}", response_class=Response)
def service_definition(
    session: SessionDependency,
    service_code: str,
    response_format: ResponseFormat,
    language: Language,
) -> Response:
    """Return a service's attributes (404 service_not_found)."""
    service = session.get(IncidentService, service_code)
    if service is None or not service.active:
        raise APIError(404, "service_not_found", f"No service has the code {service_code!r}.")
    record = definition_record(service, ward_choices(session), language)
    return open311_format.render(record, "service_definition", response_format)
