"""API tests: the typed client against the real backend app, in-process over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI

import hue_s
from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import NotFoundError, UnprocessableError
from hue_s.app.api.models.wards import Ward
from hue_s.app.api.retry import RetryPolicy
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for

MODULES = ["incidents", "alerts"]

# Landmarks and their 2025 ward, from testdata/hue/poi/hue_landmarks_curated.csv.
LANDMARKS = [
    ("Đại Nội", 16.4689726, 107.5781266, "19753"),
    ("Chợ Đông Ba", 16.4728804, 107.5891393, "19753"),
    ("Chùa Thiên Mụ", 16.4531012, 107.5446902, "19774"),
    ("Sân bay Phú Bài", 16.3988919, 107.7042161, "19960"),
]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """Build the backend once per module over a fresh, seeded SQLite file."""
    data_dir = tmp_path_factory.mktemp("backend")
    settings = BackendSettings(
        data_dir=data_dir, database_url=sqlite_url_for(data_dir / "hue-s.db"), modules=MODULES
    )
    app = create_app(settings)
    yield app
    app.state.engine.dispose()


@pytest.fixture
async def client(backend: FastAPI) -> AsyncIterator[HueClient]:
    """Yield a client talking to the in-process backend."""
    transport = httpx.ASGITransport(app=backend)
    async with HueClient(
        "http://backend.test", transport=transport, retry=RetryPolicy(max_retries=0)
    ) as api:
        yield api


async def test_health(client: HueClient) -> None:
    assert await client.meta.health() is True


async def test_meta(client: HueClient) -> None:
    meta = await client.meta.get()
    assert meta.city.code == "46"
    assert meta.city.name == "Thành phố Huế"
    assert meta.city.name_en == "Huế City"
    assert meta.version == hue_s.__version__
    assert meta.modules == MODULES


async def test_wards_list_has_the_40_units_of_2025(client: HueClient) -> None:
    wards = await client.wards.list()
    codes = [ward.code for ward in wards]
    assert len(wards) == 40 and len(set(codes)) == 40
    assert sum(ward.kind == "ward" for ward in wards) == 21
    assert sum(ward.kind == "commune" for ward in wards) == 19
    assert "19753" in codes
    assert all(ward.geometry is None for ward in wards)
    assert all(ward.centroid is not None and ward.area_km2 for ward in wards)


async def test_ward_by_code(client: HueClient) -> None:
    ward = await client.wards.get(code="19753")
    assert isinstance(ward, Ward)
    assert "Phú Xuân" in ward.name
    assert ward.full_name == "Phường Phú Xuân"
    assert ward.bbox is not None and len(ward.bbox) == 4
    assert ward.kind == "ward"
    assert ward.geometry is None


async def test_ward_with_geometry(client: HueClient) -> None:
    ward = await client.wards.get(code="19753", geometry=True)
    assert ward.geometry is not None
    assert ward.geometry["type"] in {"Polygon", "MultiPolygon"}


async def test_unknown_ward_code_is_not_found(client: HueClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        await client.wards.get(code="99999")
    assert caught.value.code == "ward_not_found"
    assert caught.value.request_id


@pytest.mark.parametrize(("place", "lat", "lon", "code"), LANDMARKS)
async def test_locate_landmarks(
    client: HueClient, place: str, lat: float, lon: float, code: str
) -> None:
    assert (await client.wards.locate(lat=lat, lon=lon)).code == code, place


async def test_locate_outside_hue_is_not_found(client: HueClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        await client.wards.locate(lat=21.0285, lon=105.8542)  # Hà Nội
    assert caught.value.code == "outside_city"


async def test_invalid_query_is_unprocessable(client: HueClient) -> None:
    with pytest.raises(UnprocessableError) as caught:
        await client.request("GET", "/api/v1/wards/locate", params={"lat": "north", "lon": 1})
    assert caught.value.status_code == 422
    assert caught.value.code == "validation_error"


async def test_unknown_route_is_not_found(client: HueClient) -> None:
    with pytest.raises(NotFoundError):
        await client.request("GET", "/api/v1/no-such-thing")
