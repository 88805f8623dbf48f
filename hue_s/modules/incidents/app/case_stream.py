"""The citizen's follow-up on the Hue-S backend: reports they follow, and news of their cases live.

`GET /api/v1/incidents/mine/followed` lists the reports the citizen said "me too" about;
`GET /api/v1/incidents/mine/stream` sends an event whenever one of their own or followed
reports changes publicly (accepted, started, resolved, a public note...).
"""

from __future__ import annotations

import builtins
import json
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TYPE_CHECKING, Protocol

import httpx

from hue_s.app.api.auth import SessionAuth
from hue_s.app.api.client import tls_context
from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.app.api.sse import EventParser
from hue_s.modules.incidents.app.models import CaseSummary
from hue_s.modules.incidents.app.status_watch import LiveStatus, OnChanges, StatusWatcher

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.incidents.app.api import IncidentsResource

logger = logging.getLogger(__name__)
MINE = f"{API_V1}/incidents/mine"
READ_TIMEOUT = 40.0
"""The server sends a keep-alive comment every 15 s; this much silence means a dead link."""
CONNECT_TIMEOUT = 10.0


class StreamBroken(Exception):
    """The case stream could not be opened, or it broke."""


class FollowedReports(Resource):
    """The reports the signed-in citizen follows ("me too"), not their own."""

    async def list(self, *, limit: int = 50, offset: int = 0) -> builtins.list[CaseSummary]:
        """Return the followed reports, the latest followed first."""
        return await self._client.request(
            "GET",
            f"{MINE}/followed",
            params={"limit": limit, "offset": offset},
            model=builtins.list[CaseSummary],
        )


class CaseStream(Protocol):
    """Where news of the citizen's cases comes from."""

    def connect(self) -> AbstractAsyncContextManager[AsyncIterator[int]]:
        """Open the stream; the context yields the report id of each event."""
        ...

    async def aclose(self) -> None:
        """Close the stream's connections."""
        ...


class SseCaseStream:
    """The backend's case stream over an httpx client that signs the citizen in."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        """Use `http` (the backend's base URL, the session's bearer auth) for the stream."""
        self._http = http

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[AsyncIterator[int]]:
        """Open the stream; raise StreamBroken when it cannot be opened or when it breaks."""
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        timeout = httpx.Timeout(CONNECT_TIMEOUT, read=READ_TIMEOUT)
        try:
            async with self._http.stream(
                "GET", f"{MINE}/stream", headers=headers, timeout=timeout
            ) as response:
                if response.status_code != 200:
                    raise StreamBroken(f"the stream answered HTTP {response.status_code}")
                yield self._report_ids(response)
        except httpx.HTTPError as error:
            raise StreamBroken(f"the stream failed: {type(error).__name__}") from error

    async def aclose(self) -> None:
        """Close the client's connections."""
        await self._http.aclose()

    async def _report_ids(self, response: httpx.Response) -> AsyncIterator[int]:
        """Yield the report id of each event of an open response until it ends."""
        parser = EventParser()
        async for line in response.aiter_lines():
            event = parser.feed(line.rstrip("\r"))
            if event is None or event.id is None:
                continue
            try:
                yield int(json.loads("\n".join(event.data))["incident_id"])
            except (ValueError, KeyError, TypeError):
                logger.warning("skipping an unreadable case event %s", event.id)
        raise StreamBroken("the server closed the stream")


def case_stream_client(backend_url: str, auth: SessionAuth | None) -> httpx.AsyncClient:
    """Return the httpx client a session keeps for its case stream (signed in by `auth`)."""
    return httpx.AsyncClient(
        base_url=backend_url,
        auth=auth,
        timeout=httpx.Timeout(CONNECT_TIMEOUT),
        verify=tls_context(),
    )


def live_status_of(ctx: AppContext, api: IncidentsResource, on_changes: OnChanges) -> LiveStatus:
    """Return the live watch of a session's reports (none on a plain GeoReport server).

    A plain server has no accounts, no followed list and no stream: nothing is watched there.
    """
    plain = api.plain
    followed = None if plain else ctx.api.resource(FollowedReports).list
    watcher = StatusWatcher(ctx.store, lambda: ctx.device_id, api, followed)
    stream = None
    if not plain:
        stream = SseCaseStream(case_stream_client(ctx.services.backend_url, ctx.auth))

    def user() -> str | None:
        """Return who is signed in, None for a guest (or on a plain server)."""
        return None if plain or ctx.session.is_guest else ctx.session.user_id

    return LiveStatus(watcher, stream, user, on_changes)
