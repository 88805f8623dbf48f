"""The dashboard's typed API calls (through the session's HueClient)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.dashboard.wire import Bucket, Dashboard, LiveMap, MapFigure

DASHBOARD = f"{API_V1}/dashboard"


class DashboardResource(Resource):
    """The city's and the wards' dashboards."""

    async def read(
        self,
        *,
        ward_code: str | None,
        first: date,
        last: date,
        step: Bucket,
        language: str,
    ) -> Dashboard:
        """Return the dashboard of a ward (None: the city) for the days first..last."""
        params: dict[str, Any] = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "step": step.value,
            "lang": "en" if language == "en" else "vi",
        }
        path = f"{DASHBOARD}/wards/{ward_code}" if ward_code else f"{DASHBOARD}/city"
        return await self._client.request("GET", path, params=params, model=Dashboard)

    async def export(
        self, *, ward_code: str | None, first: date, last: date, language: str
    ) -> bytes:
        """Return the figures of a ward (None: the city and its wards) as CSV bytes."""
        params = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "lang": "en" if language == "en" else "vi",
        }
        scope = f"wards/{ward_code}" if ward_code else "city"
        return await self._client.get_bytes(
            f"{DASHBOARD}/{scope}/export.csv", params=params, accept="text/csv"
        )

    async def live_map(self, *, ward_code: str | None, figure: MapFigure) -> LiveMap:
        """Return the live map of a ward (None: the city), wards shaded by `figure` (asked with
        If-None-Match: the client's copy comes back when the server answers 304)."""
        path = f"{DASHBOARD}/wards/{ward_code}/map" if ward_code else f"{DASHBOARD}/map"
        return await self._client.request(
            "GET", path, params={"figure": figure.value}, model=LiveMap
        )
