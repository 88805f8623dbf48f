"""Tests of AsyncPager over a mock transport."""

from __future__ import annotations

import httpx
import pytest

from hue_s.app.api.errors import ResponseValidationError
from hue_s.app.api.models.wards import Ward
from hue_s.app.api.paging import AsyncPager, Page

from .conftest import ClientFactory, Handler
from .samples import WARD_PHU_XUAN

CODES = [f"{19700 + n}" for n in range(5)]


def paged_handler(seen: list[httpx.QueryParams], page_size_cap: int = 100) -> Handler:
    """Return a handler that serves CODES as wards, `page`/`page_size` at a time."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params)
        page = int(request.url.params["page"])
        size = min(int(request.url.params["page_size"]), page_size_cap)
        codes = CODES[(page - 1) * size : page * size]
        return httpx.Response(200, json=[{**WARD_PHU_XUAN, "code": code} for code in codes])

    return handler


async def test_iterates_every_item_until_an_empty_page(make_client: ClientFactory) -> None:
    seen: list[httpx.QueryParams] = []
    client = make_client(paged_handler(seen))
    pager = AsyncPager(
        client, "/api/v1/wards", item_type=Ward, params={"kind": "ward"}, page_size=2
    )
    wards = [ward async for ward in pager]
    assert [ward.code for ward in wards] == CODES
    assert [params["page"] for params in seen] == ["1", "2", "3", "4"]
    assert {params["page_size"] for params in seen} == {"2"}
    assert {params["kind"] for params in seen} == {"ward"}


async def test_pages_yield_page_objects(make_client: ClientFactory) -> None:
    client = make_client(paged_handler([]))
    pages = [page async for page in AsyncPager(client, "/x", item_type=Ward, page_size=3).pages()]
    assert [(page.page, len(page.items)) for page in pages] == [(1, 3), (2, 2)]
    assert isinstance(pages[0], Page) and isinstance(pages[0].items[0], Ward)


async def test_a_short_page_is_not_taken_as_the_last(make_client: ClientFactory) -> None:
    seen: list[httpx.QueryParams] = []
    client = make_client(paged_handler(seen, page_size_cap=2))
    wards = [ward async for ward in AsyncPager(client, "/x", item_type=Ward, page_size=50)]
    assert [ward.code for ward in wards] == CODES


async def test_empty_listing_makes_one_request(make_client: ClientFactory) -> None:
    seen: list[httpx.QueryParams] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params)
        return httpx.Response(200, json=[])

    assert [ward async for ward in AsyncPager(make_client(handler), "/x", item_type=Ward)] == []
    assert len(seen) == 1


async def test_bad_item_raises_validation_error(make_client: ClientFactory) -> None:
    client = make_client(lambda request: httpx.Response(200, json=[{"code": 1}]))
    with pytest.raises(ResponseValidationError):
        [ward async for ward in AsyncPager(client, "/x", item_type=Ward)]
