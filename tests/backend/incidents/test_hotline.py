"""The hotline log: calls logged by officers, turned into cases, counted per day."""

from __future__ import annotations

import httpx

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
