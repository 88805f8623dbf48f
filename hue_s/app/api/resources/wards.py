"""Wards and communes of the city, and which one a point lies in."""

from __future__ import annotations

import builtins
from urllib.parse import quote

from hue_s.app.api.models.wards import Ward
from hue_s.app.api.resources.base import API_V1, Resource


class WardsResource(Resource):
    """The city's wards (phường) and communes (xã)."""

    async def list(self) -> builtins.list[Ward]:
        """Return every ward and commune, without geometry."""
        return await self._client.request("GET", f"{API_V1}/wards", model=builtins.list[Ward])

    async def get(self, *, code: str, geometry: bool = False) -> Ward:
        """Return one ward by its official code, with its GeoJSON geometry when asked."""
        params = {"geometry": "true"} if geometry else None
        path = f"{API_V1}/wards/{quote(code, safe='')}"
        return await self._client.request("GET", path, params=params, model=Ward)

    async def locate(self, *, lat: float, lon: float) -> Ward:
        """Return the ward containing a WGS84 point; raises NotFoundError outside the city."""
        params = {"lat": lat, "lon": lon}
        return await self._client.request(
            "GET", f"{API_V1}/wards/locate", params=params, model=Ward
        )
