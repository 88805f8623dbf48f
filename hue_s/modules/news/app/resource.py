"""The news module's typed API resource."""

from __future__ import annotations

import builtins
from typing import Any

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.news.wire import NewsDraft, NewsItem

NEWS = f"{API_V1}/news"


class NewsResource(Resource):
    """/api/v1/news: the list, one item, publishing."""

    async def list(
        self, *, category: str | None = None, ward: str | None = None, query: str | None = None
    ) -> builtins.list[NewsItem]:
        """Return the newest items (of a category, for a ward and the city, matching words)."""
        params: dict[str, Any] = {"limit": 100}
        if category:
            params["category"] = category
        if ward:
            params["ward"] = ward
        if query:
            params["q"] = query
        return await self._client.request("GET", NEWS, params=params, model=builtins.list[NewsItem])

    async def get(self, *, news_id: int) -> NewsItem:
        """Return one item."""
        return await self._client.request("GET", f"{NEWS}/{news_id}", model=NewsItem)

    async def publish(self, *, draft: NewsDraft) -> NewsItem:
        """Publish an announcement (operators and admins)."""
        body = draft.model_dump(mode="json", exclude_none=True)
        return await self._client.request("POST", NEWS, json=body, model=NewsItem)
