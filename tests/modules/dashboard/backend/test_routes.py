"""The dashboard API: who sees what (leaders the city and every ward, an officer their ward,
citizens nothing), the period asked, and the figures of the hand-made cases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.tokens import start_session
from hue_s.modules.dashboard.backend.routes import router, scope

from .cases import NOW, WARD_A, WARD_B, store_cases

MARCH = {"from": "2026-03-01", "to": "2026-03-10"}
PEOPLE = {
    "citizen": ("+84905000031", "citizen", None),
    "officer_a": ("+84905000032", "officer", WARD_A),
    "officer_b": ("+84905000033", "officer", WARD_B),
    "operator": ("+84905000034", "operator", None),
    "leader": ("+84905000035", "leader", None),
}


@pytest.fixture
def headers(app: FastAPI, db: Callable[[], Session]) -> dict[str, dict[str, str]]:
    """Sign each person in for real; store the hand-made cases."""
    settings = AccountsSettings.from_environment(app.state.settings.data_dir)
    app.state.accounts_settings = settings
    found: dict[str, dict[str, str]] = {"anonymous": {}}
    with db() as session:
        store_cases(session)
        for name, (phone, role, ward) in PEOPLE.items():
            user = User(phone=phone, role=role, ward_code=ward, created_at=NOW, updated_at=NOW)
            session.add(user)
            session.commit()
            token = start_session(session, settings, user, "pytest").access_token
            found[name] = {"Authorization": f"Bearer {token}"}
    return found


@pytest.mark.parametrize(
    ("person", "city", "ward_a"),
    [
        ("anonymous", 401, 401),
        ("citizen", 403, 403),
        ("officer_b", 403, 403),
        ("officer_a", 403, 200),
        ("operator", 200, 200),
        ("leader", 200, 200),
    ],
)
async def test_who_sees_what(
    client: httpx.AsyncClient,
    headers: dict[str, dict[str, str]],
    person: str,
    city: int,
    ward_a: int,
) -> None:
    answer = await client.get("/api/v1/dashboard/city", params=MARCH, headers=headers[person])
    assert answer.status_code == city
    path = f"/api/v1/dashboard/wards/{WARD_A}"
    answer = await client.get(path, params=MARCH, headers=headers[person])
    assert answer.status_code == ward_a


async def test_the_leader_sees_the_city_figures(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]]
) -> None:
    answer = await client.get(
        "/api/v1/dashboard/city", params=MARCH | {"step": "week"}, headers=headers["leader"]
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["first_day"], body["last_day"], body["previous_first_day"]) == (
        "2026-03-01", "2026-03-10", "2026-02-19",
    )  # fmt: skip
    figures = body["cases"]["figures"]
    assert (figures["received"], figures["processed_pct"], figures["overdue"]) == (10, 50.0, 3)
    assert body["cases"]["previous"]["received"] == 1
    assert [point["received"] for point in body["cases"]["trend"]] == [1, 10, 10]
    assert len(body["cases"]["wards"]) == 40
    assert body["services"] is None  # public services are off here (test_services_panel.py)


async def test_an_officer_sees_their_ward(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]]
) -> None:
    path = f"/api/v1/dashboard/wards/{WARD_A}"
    answer = await client.get(path, params=MARCH, headers=headers["officer_a"])
    body = answer.json()
    assert (body["ward_code"], body["ward_name"]) == (WARD_A, "Phú Xuân")
    assert body["cases"]["figures"]["received"] == 8
    assert body["cases"]["wards"] == []


async def test_the_period_defaults_to_the_last_30_days_by_the_clock(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]]
) -> None:
    answer = await client.get("/api/v1/dashboard/city", headers=headers["leader"])
    assert (answer.json()["first_day"], answer.json()["last_day"]) == ("2026-02-09", "2026-03-10")
    assert answer.json()["as_of"].startswith(NOW.isoformat()[:19])


@pytest.mark.parametrize(
    "period",
    [
        {"from": "2026-03-10", "to": "2026-03-01"},
        {"from": "2024-01-01", "to": "2026-03-01"},
        {"from": "1999-12-31", "to": "2000-01-02"},
    ],
)
async def test_a_wrong_period_is_refused(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]], period: dict[str, str]
) -> None:
    answer = await client.get("/api/v1/dashboard/city", params=period, headers=headers["leader"])
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid_period"


async def test_an_unknown_ward_is_404_for_the_city_but_403_for_an_officer(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]]
) -> None:
    leader = await client.get("/api/v1/dashboard/wards/99999", headers=headers["leader"])
    officer = await client.get("/api/v1/dashboard/wards/99999", headers=headers["officer_a"])
    assert (leader.status_code, officer.status_code) == (404, 403)


def test_the_six_routes_settle_the_scope_through_one_dependency() -> None:
    def calls(dependant: Dependant) -> Iterator[Any]:
        yield dependant.call
        for inner in dependant.dependencies:
            yield from calls(inner)

    routes = [route for route in router.routes if isinstance(route, APIRoute)]
    assert len(routes) == 6  # city, ward, their CSVs and their live maps
    assert all(scope in set(calls(route.dependant)) for route in routes)


@pytest.mark.parametrize(
    "path", ["city", "city/export.csv", "map", WARD_B, f"{WARD_B}/export.csv", f"{WARD_B}/map"]
)
async def test_the_scope_is_refused_before_the_query_is_read(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]], path: str
) -> None:
    path = "/api/v1/dashboard/" + (path if path[0].isalpha() else f"wards/{path}")
    wrong = {"from": "not a day", "step": "fortnight", "lang": "xx", "figure": "rain"}
    answer = await client.get(path, params=wrong, headers=headers["officer_a"])
    assert answer.status_code == 403, answer.text
