"""The air module's typed API resource."""

from __future__ import annotations

from typing import Any

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.air.wire import AirReport


class AirResource(Resource):
    """GET /api/v1/air."""

    async def report(self, *, ward: str | None = None) -> AirReport:
        """Return the air at a ward's centre (central Huế when None), with its reading time."""
        params: dict[str, Any] | None = {"ward": ward} if ward else None
        return await self._client.request("GET", f"{API_V1}/air", params=params, model=AirReport)
