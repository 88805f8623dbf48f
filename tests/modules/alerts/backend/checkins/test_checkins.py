"""Tests of /api/v1/alerts/{id}/checkins (routes_checkins.py, checkins.py, help_cases.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.models import AlertCheckin
from hue_s.modules.incidents.backend.models import Incident
from hue_s.testing.backend import sign_in

from ..routes.test_routes_api import PHU_XUAN_CENTRE, issue

THUY_XUAN_POINT = (16.4166, 107.5667)
"""A point inside Phường Thủy Xuân (19813)."""
PHONE = "0905 111 222"


def device() -> dict[str, str]:
    """Return the headers of an anonymous device with a key it made up (unverified)."""
    return {"X-Device-Key": uuid.uuid4().hex}


async def issued(api: httpx.AsyncClient) -> dict[str, str]:
    """Return the headers of an anonymous device with a key the backend issued (verified)."""
    answer = await api.post("/api/v1/alerts/devices")
    assert answer.status_code == 201, answer.text
    return {"X-Device-Key": answer.json()["device_key"]}


def at(point: tuple[float, float], status: str = "safe", **more: object) -> dict[str, object]:
    """Return a check-in at a point."""
    return {"status": status, "lat": point[0], "lon": point[1], **more}


async def test_a_device_says_it_is_safe_then_asks_for_help_once(
    api: httpx.AsyncClient, operator: dict[str, str], db: Callable[[], Session]
) -> None:
    alert = await issue(api, operator)
    path, phone = f"/api/v1/alerts/{alert['id']}/checkins", device()
    first = await api.post(path, json=at(PHU_XUAN_CENTRE), headers=phone)
    assert first.status_code == 201, first.text
    assert (first.json()["status"], first.json()["ward_code"]) == ("safe", "19753")
    assert first.json()["case_id"] is None

    no_number = await api.post(path, json=at(PHU_XUAN_CENTRE, "help"), headers=phone)
    assert (no_number.status_code, no_number.json()["error"]["code"]) == (422, "phone_required")
    help_body = at(
        PHU_XUAN_CENTRE, "help", phone=PHONE, details="Nước ngập tới mái", people_count=3
    )
    helped = await api.post(path, json=help_body, headers=phone)
    assert helped.status_code == 200, helped.text  # the same check-in, updated
    assert helped.json()["id"] == first.json()["id"]
    case_id = helped.json()["case_id"]
    again = await api.post(path, json=help_body, headers=phone)
    assert again.json()["case_id"] == case_id  # a retry files no second case

    with db() as session:
        cases = list(session.scalars(select(Incident)))
        assert [str(case.id) for case in cases] == [case_id]
        case = cases[0]
        assert (case.service_code, case.urgency, case.ward_code) == (
            "disaster_help",
            "high",
            "19753",
        )
        assert (case.phone, case.public, case.reporter_id) == ("+84905111222", False, None)
        assert f"cảnh báo #{alert['id']}: {alert['headline']}" in (case.description or "")
        assert "Nước ngập tới mái" in (case.description or "")
        assert case.attributes["alert_id"] == alert["id"]
        assert case.attributes["people_count"] == 3
        assert session.scalar(select(func.count()).select_from(AlertCheckin)) == 1


async def test_a_signed_in_citizen_gets_help_with_the_account_number_and_only_a_ward(
    api: httpx.AsyncClient, operator: dict[str, str], citizen: dict[str, str],
    db: Callable[[], Session],
) -> None:  # fmt: skip
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    nowhere = await api.post(path, json={"status": "help"}, headers=citizen)
    assert (nowhere.status_code, nowhere.json()["error"]["code"]) == (422, "location_required")
    helped = await api.post(path, json={"status": "help", "ward_code": "19774"}, headers=citizen)
    assert helped.status_code == 201, helped.text  # the refused try left nothing behind
    with db() as session:
        case = session.get(Incident, int(helped.json()["case_id"]))
        assert case is not None
        assert (case.ward_code, case.phone, case.address) == (
            "19774", "+84905000002", "Phường Kim Long",
        )  # fmt: skip
        assert case.reporter_id is not None


async def test_nobody_sees_or_reaches_another_persons_check_in(
    alerts_app: FastAPI, api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    anna = sign_in(alerts_app, "+84905000011", "citizen")
    binh = sign_in(alerts_app, "+84905000012", "citizen")
    mine = (await api.post(path, json=at(PHU_XUAN_CENTRE), headers=anna)).json()
    assert (await api.get(f"{path}/{mine['id']}", headers=anna)).json() == mine
    for stranger in (binh, device(), operator):
        seen = await api.get(f"{path}/{mine['id']}", headers=stranger)
        assert (seen.status_code, seen.json()["error"]["code"]) == (404, "checkin_not_found")
    theirs = await api.post(path, json=at(THUY_XUAN_POINT), headers=binh)
    assert theirs.status_code == 201 and theirs.json()["id"] != mine["id"]
    assert (await api.get(f"{path}/{mine['id']}", headers=anna)).json()["ward_code"] == "19753"

    phone = device()
    anonymous = (await api.post(path, json=at(PHU_XUAN_CENTRE), headers=phone)).json()
    assert (await api.get(f"{path}/{anonymous['id']}", headers=phone)).status_code == 200
    assert (await api.get(f"{path}/{anonymous['id']}", headers=device())).status_code == 404
    assert (await api.get(f"{path}/{anonymous['id']}")).status_code == 400


async def test_signing_in_on_the_device_keeps_one_check_in(
    alerts_app: FastAPI, api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    alert = await issue(api, operator)
    path, key = f"/api/v1/alerts/{alert['id']}/checkins", device()
    first = await api.post(path, json=at(PHU_XUAN_CENTRE), headers=key)
    signed_in = {**sign_in(alerts_app, "+84905000013", "citizen"), **key}
    second = await api.post(path, json=at(PHU_XUAN_CENTRE), headers=signed_in)
    assert (second.status_code, second.json()["id"]) == (200, first.json()["id"])
    summary = await api.get(f"{path}/summary", headers=operator)
    assert summary.json()["safe"] == 1


async def test_staff_see_counts_per_ward_and_never_who(
    alerts_app: FastAPI, api: httpx.AsyncClient, operator: dict[str, str],
    citizen: dict[str, str],
) -> None:  # fmt: skip
    alert = await issue(api, operator, ward_codes=["19753", "19813"])
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    for body in (at(PHU_XUAN_CENTRE), at(PHU_XUAN_CENTRE), at(THUY_XUAN_POINT), {"status": "safe"}):
        assert (await api.post(path, json=body, headers=await issued(api))).status_code == 201
    await api.post(path, json=at(THUY_XUAN_POINT, "help", phone=PHONE), headers=await issued(api))
    made_up = await api.post(path, json=at(PHU_XUAN_CENTRE), headers=device())
    assert (made_up.status_code, made_up.json()["verified"]) == (201, False)

    summary = await api.get(f"{path}/summary", headers=operator)
    assert summary.status_code == 200, summary.text
    body = summary.json()
    assert (body["safe"], body["help"], body["safe_unverified"], body["help_unverified"]) == (
        4, 1, 1, 0,
    )  # fmt: skip
    counts = [
        (w["ward_code"], w["ward_name"], w["safe"], w["help"], w["safe_unverified"])
        for w in body["wards"]
    ]
    assert counts == [
        ("19813", "Phường Thủy Xuân", 1, 1, 0),
        ("19753", "Phường Phú Xuân", 2, 0, 1),
        (None, None, 1, 0, 0),
    ]
    assert "+8490" not in summary.text and "device" not in summary.text

    leader = sign_in(alerts_app, "+84905000022", "leader")
    assert (await api.get(f"{path}/summary", headers=leader)).json()["safe"] == 4
    officer = sign_in(alerts_app, "+84905000021", "officer", ward_code="19753")
    own_ward = (await api.get(f"{path}/summary", headers=officer)).json()
    assert (own_ward["safe"], own_ward["help"], len(own_ward["wards"])) == (2, 0, 1)
    assert (await api.get(f"{path}/summary", headers=citizen)).status_code == 403
    assert (await api.get(f"{path}/summary")).status_code == 401


async def test_refusals(api: httpx.AsyncClient, operator: dict[str, str]) -> None:
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    cases = [
        ("/api/v1/alerts/999999/checkins", at(PHU_XUAN_CENTRE), device(), 404, "alert_not_found"),
        (path, at(PHU_XUAN_CENTRE), {}, 400, "device_key_required"),
        (path, {"status": "fine"}, device(), 422, "validation_error"),
        (path, {"status": "safe", "lat": 16.4}, device(), 422, "validation_error"),
        (path, {"status": "safe", "ward_code": "99999"}, device(), 422, "unknown_ward"),
        (path, at(PHU_XUAN_CENTRE), {"X-Device-Key": "short"}, 422, "validation_error"),
        (path, at(PHU_XUAN_CENTRE, "help", phone="12345"), device(), 422, "invalid_phone"),
    ]
    for url, body, headers, status, code in cases:
        answer = await api.post(url, json=body, headers=headers)
        assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), body
    cancel = await api.post(f"{path.rsplit('/', 1)[0]}/cancel", json={}, headers=operator)
    refused = await api.post(
        f"/api/v1/alerts/{cancel.json()['id']}/checkins", json=at(PHU_XUAN_CENTRE), headers=device()
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "not_an_alert")


async def test_anonymous_help_is_limited_per_number(
    api: httpx.AsyncClient, operator: dict[str, str], db: Callable[[], Session]
) -> None:
    alert = await issue(api, operator)
    path = f"/api/v1/alerts/{alert['id']}/checkins"
    body = at(PHU_XUAN_CENTRE, "help", phone=PHONE)
    answers = [await api.post(path, json=body, headers=device()) for _ in range(4)]
    assert [answer.status_code for answer in answers] == [201, 201, 201, 429]
    assert int(answers[-1].headers["Retry-After"]) > 0
    with db() as session:  # one number, one rescue: the later requests are notes on its case
        assert session.scalar(select(func.count()).select_from(Incident)) == 1
