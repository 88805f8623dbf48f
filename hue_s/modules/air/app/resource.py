"""The air module's typed API resource."""

from __future__ import annotations

from typing import Any

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.air.wire import AirReport


class AirResource(Resource):
    """GET /api/v1/air."""

    async def report(
        self, *, ward: str | None = None, lat: float | None = None, lon: float | None = None
    ) -> AirReport:
        """Return the air at a ward's centre or a point (central Huế when neither)."""
        params: dict[str, Any] = {"ward": ward} if ward else {}
        if lat is not None and lon is not None:
            params.update(lat=round(lat, 4), lon=round(lon, 4))
        return await self._client.request(
            "GET", f"{API_V1}/air", params=params or None, model=AirReport
        )
