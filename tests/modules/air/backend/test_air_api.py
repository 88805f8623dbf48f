"""GET /api/v1/air: VN_AQI from an Open-Meteo-format answer, cached with its reading's time."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from hue_s.modules.air.backend.service import cached_report
from hue_s.testing.backend import MovableClock

from ..standin import StandIn
from .conftest import NOW


async def test_a_ward_gets_vn_aqi_now_and_the_next_48_hours(
    client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    answer = await client.get("/api/v1/air", params={"ward": "19753"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["ward_code"] == "19753"
    assert body["current"]["vn_aqi"] == 110  # NowCast of a steady 55.7 µg/m³ PM2.5
    assert body["current"]["band"] == "poor"
    assert body["current"]["pollutant"] == "pm2_5"
    assert body["stale"] is False
    assert body["reading_at"].startswith("2026-03-10T05:00:00")
    assert answer.headers["X-Air-As-Of"].startswith("2026-03-10T05:00:00")
    assert len(body["hours"]) == 48
    assert body["hours"][-1]["vn_aqi"] > body["hours"][0]["vn_aqi"] >= 110
    query = stand_in.queries[-1]
    assert query["hourly"][0].startswith("pm10,pm2_5") and query["past_days"] == ["1"]


async def test_the_answer_is_cached_and_served_without_asking_again(
    client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    for _ in range(3):
        assert (await client.get("/api/v1/air")).status_code == 200
    assert len(stand_in.queries) == 1


async def test_upstream_down_serves_the_cache_as_stale_never_as_current(
    client: httpx.AsyncClient, stand_in: StandIn, clock: MovableClock
) -> None:
    assert (await client.get("/api/v1/air")).json()["stale"] is False
    stand_in.failing = True
    clock.now = NOW + timedelta(hours=1)
    later = (await client.get("/api/v1/air")).json()
    assert later["stale"] is True
    assert later["reading_at"].startswith("2026-03-10T05:00:00")  # the old hour, said as such


async def test_an_old_reading_is_stale_even_when_upstream_answers(
    client: httpx.AsyncClient, clock: MovableClock, stand_in: StandIn
) -> None:
    clock.now = NOW + timedelta(hours=5)  # the stand-in still answers with NOW's data
    body = (await client.get("/api/v1/air")).json()
    assert body["stale"] is True


async def test_nothing_cached_and_upstream_down_is_503(
    client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    stand_in.failing = True
    answer = await client.get("/api/v1/air")
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "air_unavailable"


async def test_points_far_from_hue_and_unknown_wards_are_refused(
    client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    far = await client.get("/api/v1/air", params={"lat": 21.0, "lon": 105.8})
    assert far.status_code == 422
    assert (await client.get("/api/v1/air", params={"ward": "99999"})).status_code == 404
    assert stand_in.queries == []


async def test_nearby_points_share_one_grid_point(
    client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    first = await client.get("/api/v1/air", params={"lat": 16.46, "lon": 107.59})
    second = await client.get("/api/v1/air", params={"lat": 16.49, "lon": 107.61})
    assert first.json()["lat"] == second.json()["lat"] == 16.5
    assert len(stand_in.queries) == 1


async def test_other_modules_read_the_cache_through_the_service(
    app: FastAPI, client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    assert cached_report(app.state.session_factory, 16.46, 107.59, NOW) is None
    await client.get("/api/v1/air")
    report = cached_report(app.state.session_factory, 16.46, 107.59, NOW)
    assert report is not None and report.current.vn_aqi == 110


async def test_with_air_alone_news_is_absent_and_air_still_works(
    client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    assert (await client.get("/api/v1/news")).status_code == 404
    assert (await client.get("/api/v1/air")).status_code == 200


async def test_a_point_in_the_city_gets_its_reading_and_half_a_point_is_refused(
    client: httpx.AsyncClient, stand_in: StandIn
) -> None:
    answer = await client.get("/api/v1/air", params={"lat": 16.4712, "lon": 107.5873})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["lat"], body["lon"], body["ward_code"]) == (16.5, 107.6, None)
    assert body["current"]["vn_aqi"] == 110 and body["current"]["band"] == "poor"
    assert answer.headers["X-Air-As-Of"].startswith("2026-03-10T05:00:00")
    for half in ({"lat": 16.47}, {"lon": 107.59}):
        refused = await client.get("/api/v1/air", params=half)
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "half_a_point"
    assert len(stand_in.queries) == 1
