"""The live map API: cases filed in two wards, one made overdue by moving the clock, an alert
issued; the points, overdue flags, the alert's area and the wards' values are checked, and an
officer sees only their own ward."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import shapely
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import select

from hue_s.backend.kernel.models import Ward
from hue_s.testing.backend import (
    MovableClock,
    asgi_client,
    backend_for_test,
    isolate_environment,
    sign_in,
)

from .cases import WARD_A, WARD_B


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The backend with incidents, alerts and the dashboard, its clock movable (on SQLite and on
    PostgreSQL: conftest's `database_url`)."""
    isolate_environment(monkeypatch, tmp_path / "data")
    # alerts are issued by the real clock (they must not expire before issue), so the
    # movable clock starts now; what is checked holds whatever day that is
    modules = ["incidents", "alerts", "dashboard"]
    clock = MovableClock(datetime.now(UTC))
    with backend_for_test(tmp_path, modules=modules, clock=clock, database_url=database_url) as app:
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app in-process."""
    async with asgi_client(app) as http:
        yield http


def inside(app: FastAPI, ward: str) -> tuple[float, float]:
    """Return a point inside a ward."""
    with app.state.session_factory() as session:
        boundary = session.scalars(select(Ward.boundary).where(Ward.code == ward)).one()
    point = shapely.from_geojson(boundary).representative_point()
    return round(point.y, 6), round(point.x, 6)


def jpeg() -> bytes:
    """Return a small JPEG photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (120, 40, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


async def file_case(client: httpx.AsyncClient, who: dict[str, str], point: Any) -> int:
    """File a pothole report at a point; return its id."""
    data = {"service_code": "road_pothole", "description": "Ổ gà", "lat": str(point[0])}
    data["long"] = str(point[1])
    filed = await client.post(
        "/open311/v2/requests.json",
        data=data,
        files=[("media", ("p.jpg", jpeg()))],
        headers=who,
    )
    assert filed.status_code in (200, 201), filed.text
    return int(filed.json()[0]["service_request_id"])


async def live_map(client: httpx.AsyncClient, who: dict[str, str], path: str = "/map") -> Any:
    """Return the live map JSON (city or a ward's path) as someone."""
    answer = await client.get(f"/api/v1/dashboard{path}", headers=who)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_the_map_shows_cases_overdue_alert_areas_and_ward_values(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    clock: MovableClock = app.state.clock
    citizen = sign_in(app, "+84905000041")
    leader = sign_in(app, "+84905000042", "leader")
    operator = sign_in(app, "+84905000043", "operator")
    a, b = inside(app, WARD_A), inside(app, WARD_B)
    await file_case(client, citizen, a)
    clock.now += timedelta(days=60)  # the first case is long past its deadline
    await file_case(client, citizen, a)
    await file_case(client, citizen, b)
    expires = (clock.now + timedelta(hours=6)).isoformat()
    draft = {
        "event": "Lũ", "severity": "Severe", "urgency": "Immediate", "certainty": "Likely",
        "headline": "Lũ trên sông Hương", "expires": expires, "ward_codes": [WARD_B],
    }  # fmt: skip
    issued = await client.post("/api/v1/alerts", json=draft, headers=operator)
    assert issued.status_code == 201, issued.text

    found = await live_map(client, leader)
    assert (found["open"], found["overdue"]) == (3, 1)
    cells = {(round(c["lat"], 2), round(c["lon"], 2)): c for c in found["clusters"]}
    assert len(cells) == 2
    near_a = min(cells.values(), key=lambda c: abs(c["lat"] - a[0]) + abs(c["lon"] - a[1]))
    near_b = min(cells.values(), key=lambda c: abs(c["lat"] - b[0]) + abs(c["lon"] - b[1]))
    assert (near_a["cases"], near_a["overdue"]) == (2, 1)
    assert (near_b["cases"], near_b["overdue"]) == (1, 0)
    assert [area["headline"] for area in found["areas"]] == ["Lũ trên sông Hương"]
    ring = found["areas"][0]["rings"][0]
    assert len(ring) >= 4 and shapely.Polygon([(lon, lat) for lat, lon in ring]).contains(
        shapely.Point(b[1], b[0])
    )
    values = {ward["ward_code"]: ward["value"] for ward in found["wards"]}
    assert values[WARD_A] == 2 and values[WARD_B] == 1
    assert sum(values.values()) == 3 and len(values) > 30
    assert all(len(ring) >= 4 for ward in found["wards"] for ring in ward["rings"])
    overdue = await live_map(client, leader, "/map?figure=overdue")
    assert {w["ward_code"]: w["value"] for w in overdue["wards"] if w["value"]} == {WARD_A: 1}

    clock.now += timedelta(hours=7)  # the alert has expired
    assert (await live_map(client, leader))["areas"] == []


async def test_an_officer_sees_only_their_wards_points(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    citizen = sign_in(app, "+84905000051")
    officer_a = sign_in(app, "+84905000052", "officer", WARD_A)
    await file_case(client, citizen, inside(app, WARD_A))
    await file_case(client, citizen, inside(app, WARD_B))
    assert (await client.get("/api/v1/dashboard/map", headers=officer_a)).status_code == 403
    path = f"/api/v1/dashboard/wards/{WARD_B}/map"
    assert (await client.get(path, headers=officer_a)).status_code == 403
    own = await live_map(client, officer_a, f"/wards/{WARD_A}/map")
    assert [(c["cases"], c["overdue"]) for c in own["clusters"]] == [(1, 0)]
    assert [ward["ward_code"] for ward in own["wards"]] == [WARD_A]
    assert own["open"] == 1


async def test_an_unchanged_map_answers_304(app: FastAPI, client: httpx.AsyncClient) -> None:
    leader = sign_in(app, "+84905000061", "leader")
    first = await client.get("/api/v1/dashboard/map", headers=leader)
    again = {**leader, "If-None-Match": first.headers["etag"]}
    assert (await client.get("/api/v1/dashboard/map", headers=again)).status_code == 304
    await file_case(client, sign_in(app, "+84905000062"), inside(app, WARD_A))
    assert (await client.get("/api/v1/dashboard/map", headers=again)).status_code == 200
