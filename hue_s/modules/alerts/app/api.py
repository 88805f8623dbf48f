"""The alerts module's API resource: alerts, issuing them, check-ins, weather, rivers, gauges."""

from __future__ import annotations

import builtins
from typing import Any

from pydantic import Field

from hue_s.app.api.models.base import ResponseModel
from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.alerts.app.checkins.checkin_models import (
    Checkin,
    CheckinRequest,
    CheckinSummary,
    DeviceKey,
)
from hue_s.modules.alerts.app.models import Alert, AlertDraft, CancelRequest, DrawnPolygon
from hue_s.modules.alerts.app.weather.weather_models import Forecast, Gauge, Rivers

ALERTS = f"{API_V1}/alerts"
STREAM_PATH = f"{ALERTS}/stream"
OPEN311 = "/open311/v2"
DEVICE_HEADER = "X-Device-Key"


class AreaWards(ResponseModel):
    """The wards a drawn area covers."""

    ward_codes: list[str] = Field(default_factory=list, description="Official ward codes.")


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

    async def rivers(self) -> Rivers:
        """Return the daily discharge of Huế's rivers (Open-Meteo flood format), with 'as of'."""
        return await self._client.request("GET", f"{API_V1}/rivers", model=Rivers)

    async def area_wards(self, *, polygon: DrawnPolygon) -> builtins.list[str]:
        """Return the codes of the wards a drawn area covers (operators)."""
        body = {"polygon": polygon.model_dump(mode="json")}
        path = f"{ALERTS}/area-wards"
        return (await self._client.request("POST", path, json=body, model=AreaWards)).ward_codes

    async def check_in(
        self, *, alert_id: int, checkin: CheckinRequest, device_key: str, idempotency_key: str
    ) -> Checkin:
        """Say "I'm safe" or "I need help" during an alert (a second time updates the first)."""
        return await self._client.request(
            "POST",
            f"{ALERTS}/{alert_id}/checkins",
            json=checkin.model_dump(mode="json", exclude_none=True),
            headers={DEVICE_HEADER: device_key},
            idempotency_key=idempotency_key,
            model=Checkin,
        )

    async def register_device(self) -> str:
        """Return a new key for this install's anonymous check-ins (ask once, then keep it)."""
        path = f"{ALERTS}/devices"
        return (await self._client.request("POST", path, model=DeviceKey)).device_key

    async def checkin_summary(self, *, alert_id: int) -> CheckinSummary:
        """Return how many are safe or need help per ward (officers, operators, leaders)."""
        path = f"{ALERTS}/{alert_id}/checkins/summary"
        return await self._client.request("GET", path, model=CheckinSummary)
