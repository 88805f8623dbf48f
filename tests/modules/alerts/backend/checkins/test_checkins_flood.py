"""A flood of check-ins: made-up device keys, issued keys limited per address, help merged."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
from alembic import command
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.migrate import migration_config
from hue_s.modules.alerts.backend.checkins.checkins import (
    DEVICE_KEYS_PER_ADDRESS,
    UNVERIFIED_PER_ADDRESS,
)
from hue_s.modules.alerts.backend.models import AlertCheckin
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent

from ..routes.test_routes_api import PHU_XUAN_CENTRE, issue
from .test_checkins import PHONE, at, device, issued

NEAR_CENTRE = (PHU_XUAN_CENTRE[0] + 0.0002, PHU_XUAN_CENTRE[1])
"""About 22 m north of the first point."""
FAR_FROM_CENTRE = (PHU_XUAN_CENTRE[0] + 0.002, PHU_XUAN_CENTRE[1])
"""About 220 m north: another rescue."""


@asynccontextmanager
async def client_at(app: FastAPI, address: str) -> AsyncIterator[httpx.AsyncClient]:
    """Yield a client of the running app whose requests come from one network address."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://hue-s.test") as http:
        yield http


async def test_made_up_device_keys_do_not_move_the_verified_counts(
    api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    answers = [await api.post(path, json=at(PHU_XUAN_CENTRE), headers=device()) for _ in range(300)]
    codes = [answer.status_code for answer in answers]
    taken = UNVERIFIED_PER_ADDRESS.count
    assert codes == [201] * taken + [429] * (300 - taken)
    assert not any(answer.json()["verified"] for answer in answers[:taken])
    first = answers[0].json()
    key = {"X-Device-Key": answers[0].request.headers["X-Device-Key"]}
    again = await api.post(path, json=at(PHU_XUAN_CENTRE), headers=key)
    assert (again.status_code, again.json()["id"]) == (200, first["id"])  # a repeat still merges

    verified = await api.post(path, json=at(PHU_XUAN_CENTRE), headers=await issued(api))
    assert (verified.status_code, verified.json()["verified"]) == (201, True)
    summary = (await api.get(f"{path}/summary", headers=operator)).json()
    assert (summary["safe"], summary["safe_unverified"]) == (1, taken)
    [ward] = summary["wards"]
    assert (ward["ward_code"], ward["safe"], ward["safe_unverified"]) == ("19753", 1, taken)


async def test_only_keys_the_backend_issued_are_verified(
    api: httpx.AsyncClient, operator: dict[str, str], citizen: dict[str, str]
) -> None:
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    key = (await issued(api))["X-Device-Key"]
    assert len(key) == 46
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")
    for headers, verified in (({"X-Device-Key": key}, True),
                              ({"X-Device-Key": tampered}, False), (citizen, True)):  # fmt: skip
        answer = await api.post(path, json=at(PHU_XUAN_CENTRE), headers=headers)
        assert (answer.status_code, answer.json()["verified"]) == (201, verified)
    keys = await api.post("/api/v1/alerts/devices")
    assert keys.headers["Cache-Control"] == "no-store"
    assert keys.json()["device_key"] != key


async def test_the_device_key_route_is_limited_per_address(
    alerts_app: FastAPI, api: httpx.AsyncClient
) -> None:
    limit = DEVICE_KEYS_PER_ADDRESS.count
    async with client_at(alerts_app, "203.0.113.7") as nat:
        codes = [(await nat.post("/api/v1/alerts/devices")).status_code for _ in range(limit)]
        assert codes == [201] * limit  # a carrier NAT's burst of new installs is served
        refused = await nat.post("/api/v1/alerts/devices")
        assert (refused.status_code, refused.json()["error"]["code"]) == (429, "rate_limited")
        assert 0 < int(refused.headers["Retry-After"]) <= DEVICE_KEYS_PER_ADDRESS.seconds
    async with client_at(alerts_app, "203.0.113.8") as neighbour:
        assert (await neighbour.post("/api/v1/alerts/devices")).status_code == 201
    async with client_at(alerts_app, "2001:db8:1:2::1") as phone:
        for _ in range(limit):
            await phone.post("/api/v1/alerts/devices")
    async with client_at(alerts_app, "2001:db8:1:2:ffff::9") as same_subscriber:
        assert (await same_subscriber.post("/api/v1/alerts/devices")).status_code == 429


def help_events(session: Session, case_id: int) -> list[IncidentEvent]:
    """Return the private notes merged requests added to a case."""
    query = select(IncidentEvent).where(
        IncidentEvent.incident_id == case_id, IncidentEvent.action == "noted"
    )
    return list(session.scalars(query.order_by(IncidentEvent.id)))


async def test_five_help_requests_from_one_device_make_one_case_with_notes(
    api: httpx.AsyncClient, operator: dict[str, str], db: Callable[[], Session]
) -> None:
    alert = await issue(api, operator)
    path, phone = f"/api/v1/alerts/{alert['id']}/checkins", await issued(api)
    case_ids = set()
    for n in range(5):
        body = at(PHU_XUAN_CENTRE, "help", phone=PHONE, details=f"Nước lên {n}", people_count=2)
        answer = await api.post(path, json=body, headers=phone)
        assert answer.status_code in (200, 201), answer.text
        case_ids.add(answer.json()["case_id"])
    [case_id] = case_ids
    with db() as session:
        assert len(list(session.scalars(select(Incident)))) == 1
        notes = help_events(session, int(case_id))
        assert [event.public for event in notes] == [False] * 4
        assert "Nước lên 4" in (notes[-1].note or "") and "+84905111222" in (notes[-1].note or "")
        session.get_one(Incident, int(case_id)).status = "resolved"  # the team got there
        session.commit()
    later = await api.post(path, json=at(PHU_XUAN_CENTRE, "help", phone=PHONE), headers=phone)
    assert later.json()["case_id"] not in (None, case_id)  # asking again after: a new case


async def test_help_from_one_number_or_one_spot_is_one_case(
    api: httpx.AsyncClient, operator: dict[str, str], citizen: dict[str, str],
    db: Callable[[], Session],
) -> None:  # fmt: skip
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"

    async def ask(point: tuple[float, float], phone: str, headers: dict[str, str]) -> str:
        answer = await api.post(path, json=at(point, "help", phone=phone), headers=headers)
        assert answer.status_code == 201, answer.text
        return str(answer.json()["case_id"])

    first = await ask(PHU_XUAN_CENTRE, PHONE, await issued(api))
    assert await ask(FAR_FROM_CENTRE, PHONE, await issued(api)) == first  # same number
    assert await ask(NEAR_CENTRE, "0905 111 333", await issued(api)) == first  # same spot
    assert await ask(FAR_FROM_CENTRE, "0905 111 444", await issued(api)) != first
    assert await ask(NEAR_CENTRE, "0905 000 002", citizen) != first  # an account keeps its own
    with db() as session:
        assert len(list(session.scalars(select(Incident)))) == 3
        assert len(help_events(session, int(first))) == 2


async def test_after_the_upgrade_only_older_check_ins_of_accounts_are_verified(
    alerts_app: FastAPI, api: httpx.AsyncClient, operator: dict[str, str],
    citizen: dict[str, str], db: Callable[[], Session],
) -> None:  # fmt: skip
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    for headers in (citizen, device(), await issued(api)):
        assert (await api.post(path, json=at(PHU_XUAN_CENTRE), headers=headers)).status_code == 201
    engine = alerts_app.state.engine
    with engine.begin() as connection:
        command.downgrade(migration_config(connection), "alerts_0003")
    with engine.begin() as connection:
        command.upgrade(migration_config(connection), "heads")
    with db() as session:
        rows = session.execute(select(AlertCheckin.user_id, AlertCheckin.verified))
        assert sorted((user is not None, verified) for user, verified in rows) == [
            (False, False), (False, False), (True, True),
        ]  # fmt: skip
