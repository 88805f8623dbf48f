"""The queue through the API: walk-ins and check-ins, bookings due first, the ward's staff
only, the public screen with numbers only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from hue_s.testing.backend import MovableClock

from ..conftest import OTHER_WARD, WARD
from .test_bookings import BOOKINGS, FRIDAY_8, book

QUEUE = f"/api/v1/appointments/queue/{WARD}"
DISPLAY = f"/api/v1/appointments/display/{WARD}"


async def take(client: httpx.AsyncClient, who: dict[str, str]) -> dict[str, Any]:
    """Take a walk-in number."""
    answer = await client.post(f"{QUEUE}/tickets", headers=who)
    assert answer.status_code in (200, 201), answer.text
    return dict(answer.json())


async def test_a_due_booking_goes_first_then_by_number(
    client: httpx.AsyncClient, people: dict[str, Any], clock: MovableClock
) -> None:
    booking = (await book(client, people["b"], FRIDAY_8 + timedelta(hours=1))).json()
    clock.now = FRIDAY_8 - timedelta(minutes=30)  # Friday 07:30
    walk_in = await take(client, people["a"])
    assert (await take(client, people["a"]))["number"] == walk_in["number"]  # one each
    visitor = await take(client, people["officer"])
    early = await client.post(f"{BOOKINGS}/{booking['id']}/check-in", headers=people["b"])
    assert early.status_code == 200 and early.json()["kind"] == "booking"
    again = await client.post(f"{BOOKINGS}/{booking['id']}/check-in", headers=people["b"])
    assert again.json()["error"]["code"] == "not_booked"
    calls = []
    for moment in (clock.now, clock.now, FRIDAY_8 + timedelta(hours=1)):
        clock.now = moment
        called = await client.post(f"{QUEUE}/call-next", headers=people["officer"])
        calls.append(called.json()["ticket"]["number"])
    assert calls == [walk_in["number"], visitor["number"], early.json()["number"]]
    empty = await client.post(f"{QUEUE}/call-next", headers=people["officer"])
    assert empty.json()["ticket"] is None
    mine = (await client.get(f"{BOOKINGS}/mine", headers=people["b"])).json()
    assert mine[0]["status"] == "checked_in" and mine[0]["ticket_number"] == 3


async def test_booking_is_checked_in_on_its_day_only(
    client: httpx.AsyncClient, people: dict[str, Any]
) -> None:
    booking = (await book(client, people["a"], FRIDAY_8)).json()
    early = await client.post(f"{BOOKINGS}/{booking['id']}/check-in", headers=people["a"])
    assert early.json()["error"]["code"] == "not_today"
    stranger = await client.post(f"{BOOKINGS}/{booking['id']}/check-in", headers=people["b"])
    assert stranger.status_code == 404


async def test_the_queue_is_its_wards_and_the_screen_shows_numbers_only(
    client: httpx.AsyncClient, people: dict[str, Any]
) -> None:
    await take(client, people["a"])
    for path in (QUEUE, f"{QUEUE}/call-next"):
        method = "GET" if path == QUEUE else "POST"
        other = await client.request(method, path, headers=people["other_officer"])
        assert other.status_code == 403
        assert (await client.request(method, path, headers=people["a"])).status_code == 403
        assert (await client.request(method, path)).status_code == 401
    assert (await client.post(f"{QUEUE}/tickets")).status_code == 401
    elsewhere = await client.post(f"/api/v1/appointments/queue/{OTHER_WARD}/tickets",
                                  headers=people["officer"])  # fmt: skip
    assert elsewhere.status_code == 403
    queue = (await client.get(QUEUE, headers=people["officer"])).json()
    assert [ticket["number"] for ticket in queue["waiting"]] == [1]
    await client.post(f"{QUEUE}/call-next", headers=people["officer"])
    shown = await client.get(DISPLAY)
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    assert shown.json() == {
        "ward_code": WARD, "ward_name": "Phường Phú Xuân", "day": "2026-12-03",
        "calling": [1], "waiting": 0,
    }  # fmt: skip


async def test_numbers_start_again_each_day(
    client: httpx.AsyncClient, people: dict[str, Any], clock: MovableClock
) -> None:
    assert (await take(client, people["a"]))["number"] == 1
    clock.now = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)
    assert (await take(client, people["b"]))["number"] == 1
    assert (await client.get(DISPLAY)).json()["day"] == "2026-12-04"
