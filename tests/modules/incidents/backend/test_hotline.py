"""The hotline log: calls logged by officers, turned into cases, counted per day."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.models import HotlineCall, Incident

from .conftest import People, point_in


async def test_calls_are_logged_turned_into_cases_and_counted(
    client: httpx.AsyncClient, people: People
) -> None:
    officer = People.auth(people.officer)
    incoming = {"direction": "incoming", "number": "0905111222", "summary": "Đèn đường tắt"}
    logged = await client.post("/api/v1/hotline/calls", json=incoming, headers=officer)
    assert logged.status_code == 201, logged.text
    call = logged.json()
    assert (call["ward_code"], call["officer_id"]) == (people.ward.code, people.officer)
    outgoing = incoming | {"direction": "outgoing"}
    assert (
        await client.post("/api/v1/hotline/calls", json=outgoing, headers=officer)
    ).status_code == 201
    point = point_in(people.ward)
    body = {"service_code": "street_lighting", "lat": point[0], "lon": point[1], "urgency": "high"}
    case = await client.post(f"/api/v1/hotline/calls/{call['id']}/case", json=body, headers=officer)
    assert case.status_code == 201, case.text
    assert case.json()["reporter"]["phone"] == "0905111222"
    assert case.json()["description"] == "Đèn đường tắt"
    again = await client.post(
        f"/api/v1/hotline/calls/{call['id']}/case", json=body, headers=officer
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "call_already_has_case")
    calls = (await client.get("/api/v1/hotline/calls", headers=officer)).json()
    assert [item["incident_id"] for item in calls] == [case.json()["id"], None]
    daily = (await client.get("/api/v1/hotline/daily", headers=officer)).json()
    assert len(daily) == 7
    assert (daily[-1]["incoming"], daily[-1]["outgoing"], daily[-1]["cases"]) == (1, 1, 1)
    assert sum(day["incoming"] for day in daily[:-1]) == 0
    citizen = People.auth(people.citizen)
    assert (
        await client.post("/api/v1/hotline/calls", json=incoming, headers=citizen)
    ).status_code == 403


async def log_incoming(client: httpx.AsyncClient, officer: int) -> dict[str, Any]:
    """Log an incoming call as an officer (for the officer's ward); return it."""
    call = {
        "direction": "incoming",
        "number": "0905333444",
        "summary": "Ngập nước đường Huyền Trân",
    }
    logged = await client.post("/api/v1/hotline/calls", json=call, headers=People.auth(officer))
    assert logged.status_code == 201, logged.text
    found: dict[str, Any] = logged.json()
    return found


async def test_an_officer_sees_and_turns_into_cases_only_their_wards_calls(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    call = await log_incoming(client, people.officer)
    other = People.auth(people.other_officer)
    assert (await client.get("/api/v1/hotline/calls", headers=other)).json() == []
    daily = (await client.get("/api/v1/hotline/daily", headers=other)).json()
    assert sum(day["incoming"] for day in daily) == 0
    point = point_in(people.other_ward)
    body = {"service_code": "drainage_flooding", "lat": point[0], "lon": point[1]}
    taken = await client.post(f"/api/v1/hotline/calls/{call['id']}/case", json=body, headers=other)
    assert (taken.status_code, taken.json()["error"]["code"]) == (404, "call_not_found")
    assert "0905333444" not in taken.text
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0
    for city_wide in (people.operator, people.officer):
        seen = await client.get("/api/v1/hotline/calls", headers=People.auth(city_wide))
        assert [item["id"] for item in seen.json()] == [call["id"]]


async def test_an_officer_makes_cases_of_calls_only_in_their_ward(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    call = await log_incoming(client, people.officer)
    point = point_in(people.other_ward)
    body = {"service_code": "drainage_flooding", "lat": point[0], "lon": point[1]}
    path = f"/api/v1/hotline/calls/{call['id']}/case"
    refused = await client.post(path, json=body, headers=People.auth(people.officer))
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "place_not_in_your_ward")
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0
        assert session.get_one(HotlineCall, call["id"]).incident_id is None
    by_operator = await client.post(path, json=body, headers=People.auth(people.operator))
    assert by_operator.status_code == 201, by_operator.text
    assert by_operator.json()["ward_code"] == people.other_ward.code
