"""The health module's typed API resource."""

from __future__ import annotations

import builtins

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.kit.places import list_params, place_path
from hue_s.modules.health.wire import HealthPlace

PLACES = f"{API_V1}/health/places"


class HealthResource(Resource):
    """/api/v1/health/places: the list (filters, near) and one place."""

    async def list(
        self,
        *,
        kind: str | None = None,
        query: str | None = None,
        open_now: bool = False,
        near: tuple[float, float] | None = None,
    ) -> builtins.list[HealthPlace]:
        """Return the places matching the filters, nearest first when `near` is given."""
        params = list_params(near, kind=kind, q=query, open_now="true" if open_now else None)
        return await self._client.request(
            "GET", PLACES, params=params, model=builtins.list[HealthPlace]
        )

    async def get(self, *, place_id: str) -> HealthPlace:
        """Return one place, with whether it is open now."""
        return await self._client.request("GET", place_path(PLACES, place_id), model=HealthPlace)
