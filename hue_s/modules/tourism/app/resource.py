"""The tourism module's typed API resource."""

from __future__ import annotations

from typing import Any

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.tourism.wire import CalendarImport, Event, ImportResult, Place, PlaceDetail

TOURISM = f"{API_V1}/tourism"


class TourismResource(Resource):
    """/api/v1/tourism: places, one place, events, the calendar import."""

    async def places(
        self,
        *,
        category: str | None = None,
        query: str | None = None,
        near: tuple[float, float] | None = None,
    ) -> list[Place]:
        """Return places (of a category, matching words); near a point, nearest first."""
        params: dict[str, Any] = {"limit": 300}
        if category:
            params["category"] = category
        if query:
            params["q"] = query
        if near is not None:
            params |= {"lat": near[0], "lon": near[1], "limit": 50}
        return await self._client.request(
            "GET", f"{TOURISM}/places", params=params, model=list[Place]
        )

    async def place(self, *, place_id: str) -> PlaceDetail:
        """Return one place ('node/123')."""
        return await self._client.request("GET", f"{TOURISM}/places/{place_id}", model=PlaceDetail)

    async def events(self) -> list[Event]:
        """Return the events not over yet."""
        return await self._client.request("GET", f"{TOURISM}/events", model=list[Event])

    async def import_calendar(self, *, calendar: str) -> ImportResult:
        """Bring in an iCalendar text (operators and admins)."""
        body = CalendarImport(calendar=calendar).model_dump()
        return await self._client.request(
            "POST", f"{TOURISM}/events/import", json=body, model=ImportResult
        )
