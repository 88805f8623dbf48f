"""Tests of WardsResource over a mock transport."""

from __future__ import annotations

import httpx
import pytest

from hue_s.app.api.errors import NotFoundError
from hue_s.app.api.models.wards import Ward

from ..conftest import ClientFactory
from ..samples import WARD_PHONG_DIEN, WARD_PHU_XUAN, error_body

SQUARE = {"type": "Polygon", "coordinates": [[[107.5, 16.4], [107.6, 16.4], [107.6, 16.5]]]}


async def test_list(make_client: ClientFactory) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=[WARD_PHU_XUAN, WARD_PHONG_DIEN])

    wards = await make_client(handler).wards.list()
    assert requests[0].url.path == "/api/v1/wards"
    assert [ward.code for ward in wards] == ["19753", "19819"]
    assert all(isinstance(ward, Ward) and ward.geometry is None for ward in wards)


async def test_get_by_code(make_client: ClientFactory) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=WARD_PHU_XUAN)

    ward = await make_client(handler).wards.get(code="19753")
    assert str(requests[0].url) == "http://hue.test/api/v1/wards/19753"
    assert ward.name == "Phường Phú Xuân"
    assert ward.name_en == "Phu Xuan Ward"


async def test_get_with_geometry(make_client: ClientFactory) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json={**WARD_PHU_XUAN, "geometry": SQUARE})

    ward = await make_client(handler).wards.get(code="19753", geometry=True)
    assert requests[0].url.params["geometry"] == "true"
    assert ward.geometry == SQUARE


async def test_get_quotes_the_code(make_client: ClientFactory) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(404, json=error_body("ward_not_found", "No such ward"))

    with pytest.raises(NotFoundError):
        await make_client(handler).wards.get(code="../meta")
    assert requests[0].url.raw_path == b"/api/v1/wards/..%2Fmeta"


async def test_locate(make_client: ClientFactory) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=WARD_PHU_XUAN)

    ward = await make_client(handler).wards.locate(lat=16.4698, lon=107.5786)
    assert requests[0].url.path == "/api/v1/wards/locate"
    assert dict(requests[0].url.params) == {"lat": "16.4698", "lon": "107.5786"}
    assert ward.code == "19753"


async def test_locate_outside_hue_raises_not_found(make_client: ClientFactory) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json=error_body("outside_city", "Not inside Huế"))

    with pytest.raises(NotFoundError) as caught:
        await make_client(handler).wards.locate(lat=21.0285, lon=105.8542)
    assert caught.value.code == "outside_city"
