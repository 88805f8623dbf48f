"""The base class of API resources."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hue_s.app.api.client import HueClient

API_V1 = "/api/v1"


class Resource:
    """A group of related endpoints, bound to one client; built once per client."""

    def __init__(self, client: HueClient) -> None:
        """Bind the resource to the client it sends its requests through."""
        self._client = client
