"""Paging through list endpoints with the Open311 `page` / `page_size` extension."""

from __future__ import annotations

import types
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from hue_s.app.api.client import HueClient

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list endpoint."""

    items: list[T]
    page: int
    page_size: int


class AsyncPager(Generic[T]):
    """Iterates a list endpoint page by page (from `first_page`) until a page comes back empty."""

    def __init__(
        self,
        client: HueClient,
        path: str,
        *,
        item_type: type[T],
        params: Mapping[str, Any] | None = None,
        page_size: int = 50,
        first_page: int = 1,
    ) -> None:
        """Describe the listing; nothing is fetched until iteration starts."""
        self._client = client
        self._path = path
        self._list_type = cast("type[list[T]]", types.GenericAlias(list, (item_type,)))
        self._params = dict(params or {})
        self._page_size = page_size
        self._first_page = first_page

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Yield each non-empty page in order."""
        page = self._first_page
        while True:
            params = {**self._params, "page": page, "page_size": self._page_size}
            items = await self._client.request(
                "GET", self._path, params=params, model=self._list_type
            )
            if not items:
                return
            yield Page(items=items, page=page, page_size=self._page_size)
            page += 1

    async def __aiter__(self) -> AsyncIterator[T]:
        """Yield every item of every page."""
        async for page in self.pages():
            for item in page.items:
                yield item
