"""The backend's self-description and health."""

from __future__ import annotations

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.meta import Meta
from hue_s.app.api.resources.base import API_V1, Resource


class MetaResource(Resource):
    """What the backend is, and whether it is up."""

    async def get(self) -> Meta:
        """Return the backend's city, version and modules."""
        return await self._client.request("GET", f"{API_V1}/meta", model=Meta)

    async def health(self) -> bool:
        """Return True when the backend answers its health check with status "ok"."""
        try:
            body = await self._client.request("GET", "/healthz")
        except HueAPIError:
            return False
        return isinstance(body, dict) and body.get("status") == "ok"
