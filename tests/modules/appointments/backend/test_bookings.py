"""Booking through the API at a moved clock: slots, idempotency, cancel, reschedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from hue_s.testing.backend import MovableClock

from ..conftest import PROCEDURE, WARD

BOOKINGS = "/api/v1/appointments/bookings"
FRIDAY_8 = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)
"""Friday 4 December 2026, 08:00 in Huế (the day after the clock's)."""


async def book(
    client: httpx.AsyncClient,
    who: dict[str, str],
    start: datetime,
    key: str | None = None,
    ward: str = WARD,
) -> httpx.Response:
    """Ask to book the slot starting at `start`."""
    body = {"ward_code": ward, "procedure_code": PROCEDURE, "start": start.isoformat()}
    headers = who | ({"Idempotency-Key": key} if key else {})
    return await client.post(BOOKINGS, json=body, headers=headers)


async def days(client: httpx.AsyncClient, ward: str = WARD) -> list[dict[str, Any]]:
    """Return an office's days."""
    answer = await client.get(f"/api/v1/appointments/offices/{ward}/days")
    assert answer.status_code == 200, answer.text
    return list(answer.json())


async def test_days_have_slots_on_working_days_only(client: httpx.AsyncClient) -> None:
    listed = {day["day"]: day for day in await days(client)}
    assert len(listed) == 15 and min(listed) == "2026-12-03"
    assert not listed["2026-12-05"]["open"] and not listed["2026-12-06"]["open"]  # weekend
    friday = listed["2026-12-04"]
    assert friday["open"] and len(friday["slots"]) == 15  # 8 in the morning, 7 after lunch
    assert friday["slots"][0]["start"] == "2026-12-04T07:30:00+07:00"
    today = listed["2026-12-03"]["slots"]
    assert [slot["bookable"] for slot in today[:5]] == [False] * 4 + [True]  # from 09:30


async def test_closed_days_of_the_revision_and_the_fixed_holidays(
    client: httpx.AsyncClient, clock: MovableClock
) -> None:
    clock.now = datetime(2026, 8, 28, 2, 0, tzinfo=UTC)
    listed = {day["day"]: day["open"] for day in await days(client)}
    assert listed["2026-08-31"] is True  # Monday
    assert listed["2026-09-01"] is False and listed["2026-09-02"] is False  # National Day


async def test_booking_is_idempotent_and_listed(
    client: httpx.AsyncClient, people: dict[str, Any]
) -> None:
    first = await book(client, people["a"], FRIDAY_8, key="k-1")
    assert first.status_code == 201, first.text
    again = await book(client, people["a"], FRIDAY_8, key="k-1")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    booking = first.json()
    assert booking["ward_name"] == "Phường Phú Xuân" and booking["status"] == "booked"
    assert booking["procedure_name"].startswith("Đăng ký khai sinh")
    assert booking["end"] == "2026-12-04T01:30:00Z"
    mine = await client.get(f"{BOOKINGS}/mine", headers=people["a"])
    assert [item["id"] for item in mine.json()] == [booking["id"]]
    assert (await client.get(f"{BOOKINGS}/mine", headers=people["b"])).json() == []
    slot = (await days(client))[1]["slots"][1]
    assert slot["taken"] == 1 and slot["bookable"]


async def test_refusals(client: httpx.AsyncClient, people: dict[str, Any]) -> None:
    saturday = FRIDAY_8 + timedelta(days=1)
    cases = [
        (FRIDAY_8 + timedelta(minutes=10), 422, "not_a_slot"),
        (datetime(2026, 12, 3, 1, 0, tzinfo=UTC), 409, "in_the_past"),
        (saturday, 409, "office_closed"),
        (FRIDAY_8 + timedelta(days=21), 409, "too_far_ahead"),
    ]
    for start, status, code in cases:
        answer = await book(client, people["a"], start)
        assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), start
    body = {"ward_code": WARD, "procedure_code": "nope", "start": FRIDAY_8.isoformat()}
    unknown = await client.post(BOOKINGS, json=body, headers=people["a"])
    assert unknown.json()["error"]["code"] == "unknown_procedure"
    assert (await client.post(BOOKINGS, json=body)).status_code == 401


async def test_full_slot_and_full_day(client: httpx.AsyncClient, people: dict[str, Any]) -> None:
    for _ in range(3):
        assert (await book(client, people["a"], FRIDAY_8)).status_code == 201
    full = await book(client, people["b"], FRIDAY_8)
    assert full.status_code == 409 and full.json()["error"]["code"] == "slot_full"
    slots = (await days(client))[1]["slots"]
    assert slots[1]["taken"] == 3 and not slots[1]["bookable"]
    for index in range(12):  # 3 + 11 x 3 = 36: the day's capacity
        start = datetime.fromisoformat(slots[2 + index]["start"])
        for _ in range(3 if index < 11 else 0):
            assert (await book(client, people["a"], start)).status_code == 201
    day_full = await book(client, people["b"], datetime.fromisoformat(slots[14]["start"]))
    assert day_full.json()["error"]["code"] == "day_full"


async def test_cancel_and_reschedule_once_and_not_in_the_past(
    client: httpx.AsyncClient, people: dict[str, Any], clock: MovableClock
) -> None:
    booking = (await book(client, people["a"], FRIDAY_8)).json()
    path = f"{BOOKINGS}/{booking['id']}"
    later = FRIDAY_8 + timedelta(hours=1)
    moved = await client.post(f"{path}/reschedule", json={"start": later.isoformat()},
                              headers=people["a"])  # fmt: skip
    assert moved.status_code == 200 and moved.json()["start"] == "2026-12-04T02:00:00Z"
    slots = (await days(client))[1]["slots"]
    assert (slots[1]["taken"], slots[3]["taken"]) == (0, 1)
    cancelled = await client.post(f"{path}/cancel", headers=people["a"])
    assert cancelled.json()["status"] == "cancelled"
    twice = await client.post(f"{path}/cancel", headers=people["a"])
    assert twice.json()["error"]["code"] == "not_booked"
    assert (await days(client))[1]["slots"][3]["taken"] == 0
    second = (await book(client, people["a"], later)).json()
    clock.now = later + timedelta(minutes=1)
    past = await client.post(f"{BOOKINGS}/{second['id']}/cancel", headers=people["a"])
    assert past.json()["error"]["code"] == "in_the_past"
    theirs = await client.post(f"{BOOKINGS}/{second['id']}/cancel", headers=people["b"])
    assert theirs.status_code == 404


async def test_every_ward_has_an_office(client: httpx.AsyncClient) -> None:
    offices = (await client.get("/api/v1/appointments/offices")).json()
    assert len(offices) == 40
    phu_xuan = next(office for office in offices if office["ward_code"] == WARD)
    assert phu_xuan["name"] == "Phường Phú Xuân" and phu_xuan["slot_capacity"] == 3
    assert phu_xuan["hours"] == [["07:30", "11:30"], ["13:30", "17:00"]]
    english = (await client.get("/api/v1/appointments/offices?locale=en")).json()
    assert "Phu Xuan" in [office["name"] for office in english]


async def test_a_time_without_its_offset_is_refused(
    client: httpx.AsyncClient, people: dict[str, Any]
) -> None:
    body = {"ward_code": WARD, "procedure_code": PROCEDURE, "start": "2026-12-04T08:00:00"}
    answer = await client.post(BOOKINGS, json=body, headers=people["a"])
    assert answer.status_code == 422, answer.text  # not a 500 comparing naive and aware times
