"""Paging through list endpoints with the Open311 `page` / `page_size` extension."""

from __future__ import annotations

import types
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from hue_s.app.api.errors import NotFoundError

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
    """Iterates a list endpoint page by page (from `first_page`) until a page comes back empty.

    A 404 past the first page also ends the listing (Django REST framework answers "Invalid
    page." there), and so does a page that repeats the one before (a server ignoring `page`).
    """

    def __init__(
        self,
        client: HueClient,
        path: str,
        *,
        item_type: type[T],
        params: Mapping[str, Any] | None = None,
        page_size: int = 50,
        first_page: int = 1,
        fetch: Callable[[dict[str, Any]], Awaitable[list[T]]] | None = None,
    ) -> None:
        """Describe the listing; `fetch(params)` replaces a JSON GET of `path` when given."""
        self._client = client
        self._path = path
        self._list_type = cast("type[list[T]]", types.GenericAlias(list, (item_type,)))
        self._params = dict(params or {})
        self._page_size = page_size
        self._first_page = first_page
        self._fetch = fetch

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Yield each non-empty page in order."""
        page = self._first_page
        previous: list[T] | None = None
        while True:
            params = {**self._params, "page": page, "page_size": self._page_size}
            try:
                items = await self._get(params)
            except NotFoundError:
                if page == self._first_page:
                    raise
                return
            if not items or items == previous:
                return
            yield Page(items=items, page=page, page_size=self._page_size)
            previous = items
            page += 1

    async def _get(self, params: dict[str, Any]) -> list[T]:
        """Fetch one page."""
        if self._fetch is not None:
            return await self._fetch(params)
        items: list[T] = await self._client.request(
            "GET", self._path, params=params, model=self._list_type
        )
        return items

    async def __aiter__(self) -> AsyncIterator[T]:
        """Yield every item of every page."""
        async for page in self.pages():
            for item in page.items:
                yield item
