"""A report with only an address: routed to the ward it names, else to the city tier for triage."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from alembic import command
from fastapi import FastAPI
from sqlalchemy import Connection, func, inspect, select, update
from sqlalchemy.orm import Session

from hue_s.backend.migrate import migration_config
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent
from hue_s.modules.incidents.backend.tracking.codes import CITY_TIER_NAMES, tracking_code

from ..conftest import People, point_in, report

THUAN_HOA, VY_DA = "19789", "19777"


async def filed_with_address(client: httpx.AsyncClient, api_key: str, address: str) -> int:
    """POST a report with only an address (a third-party client's api_key); return its id."""
    created = await report(client, {}, fields={"api_key": api_key, "address_string": address})
    assert created.status_code == 200, created.text
    return int(created.json()[0]["service_request_id"])


def ward_of(db: Callable[[], Session], case_id: int) -> str | None:
    """Return the ward holding a case (None: the city tier)."""
    with db() as session:
        return session.get_one(Incident, case_id).ward_code


async def inbox(client: httpx.AsyncClient, user: int) -> list[int]:
    """Return the ids of the cases in a staff member's inbox."""
    answer = await client.get("/api/v1/cases", headers=People.auth(user))
    assert answer.status_code == 200, answer.text
    return [case["id"] for case in answer.json()]


@pytest.mark.parametrize(
    ("address", "ward"),
    [
        ("12 Lê Lợi, Phường Thuận Hóa", THUAN_HOA),
        ("kiệt 3 Nguyễn Huệ, thuan hoa, Hue", THUAN_HOA),
        ("THUẬN HOÁ", THUAN_HOA),  # capitals, the old tone placement
        ("Kiệt 5 Vỹ Dạ - TP Huế", VY_DA),
        ("Vy Da", VY_DA),
        ("Chợ Đông Ba", None),
        ("giữa Kim Long và Phú Xuân", None),  # two wards: the city decides
    ],
)
async def test_an_address_is_routed_to_the_ward_it_names_else_to_the_city_tier(
    client: httpx.AsyncClient,
    db: Callable[[], Session],
    people: People,
    address: str,
    ward: str | None,
) -> None:
    case_id = await filed_with_address(client, people.api_key, address)
    assert ward_of(db, case_id) == ward
    record = (
        await client.get(f"/open311/v2/requests/{case_id}.json", params={"extensions": "true"})
    ).json()[0]
    assert record["address"] == address
    assert (record["extended_attributes"]["ward"] or {}).get("code") == ward


async def test_the_city_tier_is_city_staff_s_to_triage_and_never_a_ward_officer_s(
    client: httpx.AsyncClient, db: Callable[[], Session], people: People
) -> None:
    case_id = await filed_with_address(client, people.api_key, "Chợ Đông Ba")
    assert case_id in await inbox(client, people.operator)
    assert case_id not in await inbox(client, people.officer)
    listed = await client.get("/api/v1/cases", headers=People.auth(people.operator))
    assert next(case for case in listed.json() if case["id"] == case_id)["ward_code"] is None
    hidden = await client.get(f"/api/v1/cases/{case_id}", headers=People.auth(people.officer))
    assert hidden.status_code == 404
    with db() as session:
        code = tracking_code(session.get_one(Incident, case_id))
    tracked = (await client.get(f"/api/v1/incidents/track/{code}")).json()
    assert (tracked["ward_code"], tracked["ward_name"]) == (None, CITY_TIER_NAMES["vi"])

    placed = await client.post(
        f"/api/v1/cases/{case_id}/transfer",
        json={"ward_code": people.ward.code, "reason": "Chợ Đông Ba thuộc phường Phú Xuân"},
        headers=People.auth(people.operator),
    )
    assert (placed.status_code, placed.json()["ward_code"]) == (200, people.ward.code), placed.text
    assert placed.json()["timeline"][-1]["action"] == "placed"  # not "transferred to another"
    assert case_id in await inbox(client, people.officer)
    assert ward_of(db, case_id) == people.ward.code


async def test_a_ward_officer_filing_for_a_visitor_still_names_the_ward(
    client: httpx.AsyncClient, people: People
) -> None:
    created = await client.post(
        "/api/v1/hotline/calls",
        json={"direction": "incoming", "number": "0905999999", "summary": "Cây đổ"},
        headers=People.auth(people.other_officer),
    )
    assert created.status_code == 201, created.text
    case = await client.post(
        f"/api/v1/hotline/calls/{created.json()['id']}/case",
        json={"service_code": "road_pothole", "address": "Chợ Đông Ba"},
        headers=People.auth(people.other_officer),
    )
    assert case.status_code == 201, case.text  # the call's ward: the officer's own
    assert case.json()["ward_code"] == people.other_ward.code


async def test_a_json_body_is_told_the_post_takes_a_form(
    client: httpx.AsyncClient, people: People
) -> None:
    body = {"service_code": "road_pothole", "lat": 16.46, "long": 107.59}
    for headers, params in (
        (People.auth(people.citizen), {}),
        ({}, {"api_key": people.api_key}),
    ):
        answer = await client.post(
            "/open311/v2/requests.json", json=body, headers=headers, params=params
        )
        assert answer.status_code == 415, answer.text
        error = answer.json()[0]
        assert error["error_code"] == "form_body_required"
        assert "application/x-www-form-urlencoded" in error["description"]
        assert "application/json" in error["description"]
    anonymous = await client.post("/open311/v2/requests.json", json={**body, "api_key": "x"})
    assert anonymous.json()[0]["error_code"] == "api_key_required"  # who asks, first
    unknown = await client.post(
        "/open311/v2/requests.json", json=body, headers={"Authorization": "Bearer nope"}
    )
    assert unknown.status_code == 401


async def test_the_migration_keeps_every_case_and_its_timeline_both_ways(
    app: FastAPI, client: httpx.AsyncClient, people: People
) -> None:
    placed = await report(client, People.auth(people.citizen), point=point_in(people.ward))
    assert placed.status_code == 200, placed.text
    unplaced = await filed_with_address(client, people.api_key, "Chợ Đông Ba")

    def counted(connection: Connection) -> tuple[bool, int, int]:
        """Return whether ward_code may be NULL, and the numbers of cases and of events."""
        column = next(
            found
            for found in inspect(connection).get_columns("incidents")
            if found["name"] == "ward_code"
        )
        cases = connection.scalar(select(func.count()).select_from(Incident))
        events = connection.scalar(select(func.count()).select_from(IncidentEvent))
        return bool(column["nullable"]), int(cases or 0), int(events or 0)

    with app.state.engine.begin() as connection:
        before = counted(connection)
        assert before == (True, 2, 2)
        with pytest.raises(RuntimeError, match="1 cases have no ward yet"):
            command.downgrade(migration_config(connection), "incidents_0002")
    with app.state.engine.begin() as connection:
        connection.execute(
            update(Incident).where(Incident.id == unplaced).values(ward_code=people.ward.code)
        )
        command.downgrade(migration_config(connection), "incidents_0002")
        assert counted(connection) == (False, 2, 2)
    with app.state.engine.begin() as connection:
        command.upgrade(migration_config(connection), "heads")
        assert counted(connection) == before
