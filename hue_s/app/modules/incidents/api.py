"""IncidentsResource: Open311 GeoReport v2 reports and the citizens' follow-up endpoints."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from hue_s.app.api.errors import APIStatusError
from hue_s.app.api.paging import AsyncPager
from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.app.modules.incidents.draft import IncidentDraft
from hue_s.app.modules.incidents.models import (
    CaseDetail,
    CaseSummary,
    Following,
    NearbyIncident,
    RatingBody,
    ReasonBody,
    RequestCreated,
    Service,
    ServiceDefinition,
    ServiceRequest,
)

OPEN311 = "/open311/v2"
INCIDENTS = f"{API_V1}/incidents"
DUPLICATE_RADIUS_M = 50.0


def error_code(error: APIStatusError) -> str | None:
    """Return the backend's error code: from `{"error": ...}` or GeoReport's `[{error_code}]`."""
    if error.code:
        return error.code
    body = error.body
    if isinstance(body, list) and body and isinstance(body[0], dict):
        code = body[0].get("error_code")
        return str(code) if code is not None else None
    return None


def error_text(error: APIStatusError) -> str:
    """Return the backend's own description of an error (for logs, not for users)."""
    body = error.body
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return str(body[0].get("description") or error.message)
    return error.message


def _id(value: int | str) -> str:
    """Return a path segment for an id."""
    return quote(str(value), safe="")


class IncidentsResource(Resource):
    """Reports: categories, filing (with photos), public lists, and the reporter's follow-up."""

    async def services(self) -> builtins.list[Service]:
        """Return the kinds of problem that can be reported, in the client's language."""
        return await self._client.request(
            "GET", f"{OPEN311}/services.json", model=builtins.list[Service]
        )

    async def definition(self, *, service_code: str) -> ServiceDefinition:
        """Return the questions a service asks."""
        path = f"{OPEN311}/services/{_id(service_code)}.json"
        return await self._client.request("GET", path, model=ServiceDefinition)

    async def create(self, *, draft: IncidentDraft, idempotency_key: str) -> RequestCreated:
        """File a report with its photos; the same key and body always give the same report."""
        files = draft.media_files()
        created = await self._client.request(
            "POST",
            f"{OPEN311}/requests.json",
            data=draft.form_fields(),
            files=files or None,
            idempotency_key=idempotency_key,
            model=builtins.list[RequestCreated],
        )
        return created[0] if created else RequestCreated()

    def requests(
        self,
        *,
        status: str | None = None,
        service_code: str | None = None,
        extensions: bool = True,
        page_size: int = 50,
    ) -> AsyncPager[ServiceRequest]:
        """Page through public reports, newest first (the last 90 days)."""
        params: dict[str, Any] = {"extensions": "true" if extensions else "false"}
        if status:
            params["status"] = status
        if service_code:
            params["service_code"] = service_code
        return AsyncPager(
            self._client,
            f"{OPEN311}/requests.json",
            item_type=ServiceRequest,
            params=params,
            page_size=page_size,
        )

    async def request(self, *, request_id: int | str) -> ServiceRequest:
        """Return one public report (or the caller's own private one) with its timeline."""
        path = f"{OPEN311}/requests/{_id(request_id)}.json"
        found = await self._client.request(
            "GET", path, params={"extensions": "true"}, model=builtins.list[ServiceRequest]
        )
        return found[0]

    async def mine(self, *, limit: int = 50, offset: int = 0) -> builtins.list[CaseSummary]:
        """Return the signed-in citizen's reports, newest first."""
        params: Mapping[str, Any] = {"limit": limit, "offset": offset}
        return await self._client.request(
            "GET", f"{INCIDENTS}/mine", params=params, model=builtins.list[CaseSummary]
        )

    async def my_report(self, *, incident_id: int) -> CaseDetail:
        """Return one of the citizen's own reports in full."""
        return await self._client.request(
            "GET", f"{INCIDENTS}/{_id(incident_id)}", model=CaseDetail
        )

    async def rate(
        self, *, incident_id: int, rating: RatingBody, idempotency_key: str
    ) -> CaseDetail:
        """Rate the outcome of one's resolved report (once)."""
        return await self._client.request(
            "POST",
            f"{INCIDENTS}/{_id(incident_id)}/rating",
            json=rating.model_dump(exclude_none=True),
            idempotency_key=idempotency_key,
            model=CaseDetail,
        )

    async def reopen(
        self, *, incident_id: int, reason: ReasonBody, idempotency_key: str
    ) -> CaseDetail:
        """Reopen one's resolved report within 7 days, with a reason."""
        return await self._client.request(
            "POST",
            f"{INCIDENTS}/{_id(incident_id)}/reopen",
            json=reason.model_dump(),
            idempotency_key=idempotency_key,
            model=CaseDetail,
        )

    async def me_too(self, *, incident_id: int, idempotency_key: str) -> Following:
        """Follow a report ("me too") instead of filing it again."""
        return await self._client.request(
            "POST",
            f"{INCIDENTS}/{_id(incident_id)}/me-too",
            idempotency_key=idempotency_key,
            model=Following,
        )

    async def nearby(
        self,
        *,
        lat: float,
        lon: float,
        service_code: str | None = None,
        radius_m: float = DUPLICATE_RADIUS_M,
    ) -> builtins.list[NearbyIncident]:
        """Return open public reports within `radius_m` of a point, nearest first."""
        params: dict[str, Any] = {"lat": lat, "lon": lon, "radius": radius_m}
        if service_code:
            params["service_code"] = service_code
        return await self._client.request(
            "GET", f"{INCIDENTS}/nearby", params=params, model=builtins.list[NearbyIncident]
        )

    async def photo(self, *, url: str) -> bytes:
        """Return the bytes of a report's photo (signed in, so private photos work too)."""
        return await self._client.get_bytes(url, accept="image/*")
