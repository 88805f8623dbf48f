"""Tests of /api/v1/weather, /rivers and /gauges (weather/routes.py, cache.py, gauges.py)."""

from __future__ import annotations

from dataclasses import replace

import httpx
from fastapi import FastAPI

from ..helpers import FakeOpenMeteo


async def test_weather_is_open_meteo_shaped_with_48_hours_and_7_days(
    api: httpx.AsyncClient, open_meteo: FakeOpenMeteo
) -> None:
    response = await api.get("/api/v1/weather", params={"lat": 16.4637, "lon": 107.5909})
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["hourly"]["time"]) == 48
    assert len(body["daily"]["time"]) == 7
    assert "temperature_2m" in body["current"]
    assert "precipitation_probability" in body["hourly"]
    assert body["stale"] is False
    assert response.headers["X-Forecast-As-Of"] == body["as_of"]
    sent = open_meteo.requests[0].url
    assert (sent.host, sent.path) == ("meteo.test", "/v1/forecast")
    assert (sent.params["latitude"], sent.params["longitude"]) == ("16.46", "107.59")
    assert sent.params["timezone"] == "Asia/Bangkok"


async def test_the_cache_serves_nearby_points_and_the_last_forecast_when_upstream_fails(
    api: httpx.AsyncClient, alerts_app: FastAPI, open_meteo: FakeOpenMeteo
) -> None:
    first = (await api.get("/api/v1/weather", params={"lat": 16.4637, "lon": 107.5909})).json()
    nearby = (await api.get("/api/v1/weather", params={"lat": 16.4611, "lon": 107.5898})).json()
    assert len(open_meteo.requests) == 1  # same rounded point, fresh: no second request
    assert nearby["as_of"] == first["as_of"]
    alerts_app.state.alerts_settings = replace(
        alerts_app.state.alerts_settings, weather_fresh_seconds=0
    )
    open_meteo.failing = True
    stale = await api.get("/api/v1/weather", params={"lat": 16.4637, "lon": 107.5909})
    assert stale.status_code == 200
    assert (stale.json()["stale"], stale.json()["as_of"]) == (True, first["as_of"])
    assert stale.json()["hourly"] == first["hourly"]
    assert len(open_meteo.requests) == 2  # it did try upstream
    nothing = await api.get("/api/v1/weather", params={"lat": 16.70, "lon": 107.30})
    assert (nothing.status_code, nothing.json()["error"]["code"]) == (503, "weather_unavailable")
    open_meteo.failing = False
    fresh = (await api.get("/api/v1/weather", params={"lat": 16.4637, "lon": 107.5909})).json()
    assert fresh["stale"] is False and fresh["as_of"] > first["as_of"]


async def test_weather_is_only_served_around_the_city(api: httpx.AsyncClient) -> None:
    far = await api.get("/api/v1/weather", params={"lat": 10.77, "lon": 106.70})
    assert (far.status_code, far.json()["error"]["code"]) == (422, "outside_service_area")
    default = await api.get("/api/v1/weather")
    assert default.status_code == 200


async def test_rivers_pair_each_river_with_its_flood_answer(
    api: httpx.AsyncClient, open_meteo: FakeOpenMeteo
) -> None:
    response = await api.get("/api/v1/rivers")
    assert response.status_code == 200, response.text
    rivers = response.json()["rivers"]
    assert [river["id"] for river in rivers] == ["huong", "bo"]
    assert rivers[0]["flood"]["latitude"] == 16.4667
    assert rivers[1]["flood"]["daily"]["river_discharge"][0] == 593.29
    assert rivers[0]["flood"]["daily_units"]["river_discharge"] == "m³/s"
    sent = open_meteo.requests[0].url
    assert (sent.host, sent.path) == ("flood.test", "/v1/flood")
    assert sent.params["latitude"] == "16.4667,16.533"
    assert "river_discharge_max" in sent.params["daily"]


async def test_gauges_show_the_latest_level_against_alarm_levels(api: httpx.AsyncClient) -> None:
    response = await api.get("/api/v1/gauges", params={"hours": 24})
    assert response.status_code == 200
    gauges = {gauge["name"]: gauge for gauge in response.json()}
    assert set(gauges) == {"Kim Long", "Phú Ốc"}
    kim_long, phu_oc = gauges["Kim Long"], gauges["Phú Ốc"]
    assert kim_long["alarm_levels"] == {"I": 1.0, "II": 2.0, "III": 3.5}
    assert phu_oc["alarm_levels"] == {"I": 1.5, "II": 3.0, "III": 4.5}
    assert (kim_long["historic_peak_m"], kim_long["historic_peak_year"]) == (5.81, 1999)
    latest = kim_long["latest"]
    assert latest["observed_at"] == "2025-12-04T01:00:00Z"  # 08:00 in Huế, the last reading
    level = latest["water_level_m"]
    assert kim_long["alarm_level"] == sum(level >= x for x in (1.0, 2.0, 3.5))
    assert 0 < len(kim_long["readings"]) <= 24
    assert kim_long["readings"][-1] == latest
    assert kim_long["trend"] in ("rising", "falling", "steady")
