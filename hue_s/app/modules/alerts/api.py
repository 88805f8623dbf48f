"""The alerts module's API resource: alerts, issuing them, weather, gauges, help requests."""

from __future__ import annotations

import builtins
from typing import Any

from pydantic import Field

from hue_s.app.api.models.base import ResponseModel
from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.app.modules.alerts.models import Alert, AlertDraft, CancelRequest
from hue_s.app.modules.alerts.weather_models import Forecast, Gauge

ALERTS = f"{API_V1}/alerts"
STREAM_PATH = f"{ALERTS}/stream"
OPEN311 = "/open311/v2"


class CreatedRequest(ResponseModel):
    """What the Open311 endpoint answers to a new report."""

    service_request_id: str = Field(description="The new case's id.")
    service_notice: str | None = Field(default=None, description="What happens next.")


class ServiceSummary(ResponseModel):
    """One kind of problem the Open311 endpoint accepts."""

    service_code: str = Field(description="E.g. 'drainage_flooding'.")
    service_name: str | None = Field(default=None, description="Name in the asked language.")


class AlertsResource(Resource):
    """Alerts (CAP 1.2), operators' issuing, the Open-Meteo forecast and river gauges."""

    async def list_active(
        self, *, ward: str | None = None, lat: float | None = None, lon: float | None = None
    ) -> builtins.list[Alert]:
        """Return the active alerts, most severe then most urgent first (of a ward or point)."""
        params: dict[str, Any] = {"active": "true"}
        if ward is not None:
            params["ward"] = ward
        if lat is not None and lon is not None:
            params.update(lat=lat, lon=lon)
        return await self._client.request("GET", ALERTS, params=params, model=builtins.list[Alert])

    async def get(self, *, alert_id: int) -> Alert:
        """Return one alert by its id."""
        return await self._client.request("GET", f"{ALERTS}/{alert_id}", model=Alert)

    async def issue(self, *, draft: AlertDraft, idempotency_key: str | None = None) -> Alert:
        """Issue a new alert (operators and admins)."""
        body = draft.model_dump(mode="json", exclude_none=True)
        return await self._client.request(
            "POST", ALERTS, json=body, idempotency_key=idempotency_key, model=Alert
        )

    async def update(self, *, alert_id: int, draft: AlertDraft) -> Alert:
        """Replace an alert issued here with a new version; return the new one."""
        body = draft.model_dump(mode="json", exclude_none=True)
        path = f"{ALERTS}/{alert_id}/update"
        return await self._client.request("POST", path, json=body, model=Alert)

    async def cancel(self, *, alert_id: int, note: str | None = None) -> Alert:
        """Cancel an alert issued here; return the Cancel message."""
        body = CancelRequest(note=note).model_dump(mode="json")
        path = f"{ALERTS}/{alert_id}/cancel"
        return await self._client.request("POST", path, json=body, model=Alert)

    async def weather(self, *, lat: float | None = None, lon: float | None = None) -> Forecast:
        """Return the forecast at a point (central Huế by default), with its 'as of' time."""
        params = {"lat": lat, "lon": lon} if lat is not None and lon is not None else None
        return await self._client.request("GET", f"{API_V1}/weather", params=params, model=Forecast)

    async def gauges(self) -> builtins.list[Gauge]:
        """Return the river gauges (Kim Long, Phú Ốc) against their alarm levels."""
        return await self._client.request("GET", f"{API_V1}/gauges", model=builtins.list[Gauge])

    async def services(self) -> builtins.list[ServiceSummary]:
        """Return the kinds of report the Open311 endpoint accepts."""
        return await self._client.request(
            "GET", f"{OPEN311}/services.json", model=builtins.list[ServiceSummary]
        )

    async def request_help(
        self, *, form: dict[str, str], idempotency_key: str
    ) -> builtins.list[CreatedRequest]:
        """Send a request for help as an urgent Open311 report of the caller's ward."""
        return await self._client.request(
            "POST",
            f"{OPEN311}/requests.json",
            data=form,
            idempotency_key=idempotency_key,
            model=builtins.list[CreatedRequest],
        )
