"""Events: operators import a calendar (once per UID); everyone lists the coming ones."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from hue_s.testing.backend import MovableClock, sign_in

from .test_ical import CALENDAR

EVENTS = "/api/v1/tourism/events"
IMPORT = f"{EVENTS}/import"


async def test_an_operator_imports_and_everyone_sees_the_coming_events(
    app: FastAPI, client: httpx.AsyncClient, clock: MovableClock
) -> None:
    operator = sign_in(app, "0905000301", "operator")
    first = await client.post(IMPORT, json={"calendar": CALENDAR}, headers=operator)
    assert first.status_code == 200, first.text
    assert first.json() == {"added": 3, "updated": 0, "skipped": 1}
    again = await client.post(IMPORT, json={"calendar": CALENDAR}, headers=operator)
    assert again.json() == {"added": 0, "updated": 3, "skipped": 1}
    listed = (await client.get(EVENTS)).json()
    assert [e["name"] for e in listed] == [
        "Khai mạc Festival Huế, đêm hoàng cung", "Chợ đêm", "Cancelled concert"
    ]  # fmt: skip
    opening = listed[0]
    assert opening["start"] == "2026-12-10T12:30:00Z"
    assert (opening["place"], opening["price"]) == ("Đại Nội, Huế", "200000 VND")
    assert opening["organizer"] == "Trung tâm Bảo tồn Di tích Cố đô Huế"
    assert listed[2]["status"] == "cancelled"
    clock.now = clock.now.replace(day=12, hour=0) + timedelta(hours=10)  # 12 Dec, 17:00 in Huế
    later = [e["name"] for e in (await client.get(EVENTS)).json()]
    assert later == ["Chợ đêm", "Cancelled concert"]  # the opening night is over


async def test_only_operators_and_admins_import_and_only_calendars(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    body = {"calendar": CALENDAR}
    assert (await client.post(IMPORT, json=body)).status_code == 401
    citizen = sign_in(app, "0905000302", "citizen")
    assert (await client.post(IMPORT, json=body, headers=citizen)).status_code == 403
    officer = sign_in(app, "0905000303", "officer", "19753")
    assert (await client.post(IMPORT, json=body, headers=officer)).status_code == 403
    admin = sign_in(app, "0905000304", "admin")
    refused = await client.post(
        IMPORT, json={"calendar": "hello, this is no calendar"}, headers=admin
    )
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "not_a_calendar"
    assert (await client.get(EVENTS)).json() == []
