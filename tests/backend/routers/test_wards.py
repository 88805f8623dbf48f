"""Tests of GET /api/v1/wards, /api/v1/wards/{code} and /api/v1/wards/locate."""

from __future__ import annotations

from collections import Counter

import httpx

SUMMARY_KEYS = {"code", "name", "full_name", "name_en", "kind", "area_km2", "centroid", "bbox"}


async def test_list_has_the_40_units_without_geometry(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/wards")
    assert response.status_code == 200
    wards = response.json()
    assert len(wards) == 40
    assert Counter(ward["kind"] for ward in wards) == {"ward": 21, "commune": 19}
    assert all(set(ward) == SUMMARY_KEYS for ward in wards)
    assert [ward["code"] for ward in wards] == sorted(ward["code"] for ward in wards)


async def test_read_one_ward(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/wards/19753")
    assert response.status_code == 200
    ward = response.json()
    assert set(ward) == SUMMARY_KEYS
    assert ward["name"] == "Phú Xuân"
    assert ward["full_name"] == "Phường Phú Xuân"
    assert ward["name_en"] == "Phu Xuan"
    assert ward["kind"] == "ward"
    assert ward["area_km2"] == 10.38
    assert 16.46 < ward["centroid"]["lat"] < 16.50
    assert 107.55 < ward["centroid"]["lon"] < 107.60
    min_lon, min_lat, max_lon, max_lat = ward["bbox"]
    assert min_lon < ward["centroid"]["lon"] < max_lon
    assert min_lat < ward["centroid"]["lat"] < max_lat


async def test_read_one_ward_with_geometry(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/wards/19885", params={"geometry": "true"})
    assert response.status_code == 200
    ward = response.json()
    assert ward["kind"] == "commune"
    assert ward["geometry"]["type"] == "MultiPolygon"
    lon, lat = ward["geometry"]["coordinates"][0][0][0]
    assert 107.0 < lon < 108.3 and 15.9 < lat < 16.8


async def test_unknown_ward_is_404_in_the_error_shape(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/wards/99999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "ward_not_found"
    assert set(response.json()["error"]) == {"code", "message"}


async def test_locate_the_imperial_city_in_phu_xuan(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/wards/locate", params={"lat": 16.4698, "lon": 107.5786})
    assert response.status_code == 200
    assert response.json()["code"] == "19753"
    assert "geometry" not in response.json()


async def test_locate_thien_mu_in_kim_long(client: httpx.AsyncClient) -> None:
    params = {"lat": 16.4531012, "lon": 107.5446902}
    response = await client.get("/api/v1/wards/locate", params=params)
    assert response.json()["name"] == "Kim Long"


async def test_locate_outside_hue_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/wards/locate", params={"lat": 21.0285, "lon": 105.8542})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "outside_city"
    assert error["message"]


async def test_locate_with_bad_coordinates_is_422_in_the_error_shape(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/v1/wards/locate", params={"lat": "north", "lon": 200})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert {tuple(problem["location"]) for problem in error["details"]} == {
        ("query", "lat"),
        ("query", "lon"),
    }


async def test_unknown_path_and_wrong_method_use_the_error_shape(
    client: httpx.AsyncClient,
) -> None:
    missing = await client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    wrong_method = await client.delete("/api/v1/wards")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"
