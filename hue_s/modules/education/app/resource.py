"""The education module's typed API resources: schools, and the news module's education news."""

from __future__ import annotations

import builtins
from typing import Any

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.kit.places import list_params, place_path
from hue_s.modules.education.wire import NEWS_CATEGORY, School
from hue_s.modules.news.wire import NewsItem

SCHOOLS = f"{API_V1}/education/schools"


class EducationResource(Resource):
    """/api/v1/education/schools, and /api/v1/news for the education category."""

    async def list(
        self,
        *,
        level: str | None = None,
        ward: str | None = None,
        query: str | None = None,
        near: tuple[float, float] | None = None,
    ) -> builtins.list[School]:
        """Return the schools matching the filters, nearest first when `near` is given."""
        params = list_params(near, level=level, ward=ward, q=query)
        return await self._client.request(
            "GET", SCHOOLS, params=params, model=builtins.list[School]
        )

    async def get(self, *, school_id: str) -> School:
        """Return one school."""
        return await self._client.request("GET", place_path(SCHOOLS, school_id), model=School)

    async def announcements(self, *, ward: str | None = None) -> builtins.list[NewsItem]:
        """Return the newest education news (enrolment calendars...) of the city and a ward."""
        params: dict[str, Any] = {"category": NEWS_CATEGORY, "limit": 5}
        if ward:
            params["ward"] = ward
        return await self._client.request(
            "GET", f"{API_V1}/news", params=params, model=builtins.list[NewsItem]
        )
