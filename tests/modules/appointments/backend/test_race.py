"""The database keeps the capacity under concurrency: the last seat, queue numbers, calls.

On PostgreSQL requests run at once (a barrier holds every INSERT until all have read the free
seats); on SQLite writes queue on one thread, so the second request sees the first's seat.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event

from ..conftest import BOTH_DATABASES, WARD
from .test_bookings import FRIDAY_8, book

QUEUE = f"/api/v1/appointments/queue/{WARD}"


def hold_first(app: FastAPI, statement_start: str, parties: int) -> threading.Barrier:
    """Hold the first `parties` statements starting so until all of them arrive (PostgreSQL
    only: SQLite's writes queue, a barrier there would wait forever)."""
    barrier = threading.Barrier(parties, timeout=30)
    if app.state.engine.dialect.name != "postgresql":
        return barrier
    seen = [0]
    lock = threading.Lock()

    def hold(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith(statement_start):
            with lock:
                seen[0] += 1
                mine = seen[0]
            if mine <= parties:
                barrier.wait()

    event.listen(app.state.engine, "before_cursor_execute", hold)
    return barrier


@BOTH_DATABASES
async def test_two_people_race_for_the_last_seat_one_gets_it(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, Any]
) -> None:
    for _ in range(2):  # 2 of the slot's 3 places are taken
        assert (await book(client, people["officer"], FRIDAY_8)).status_code == 201
    hold_first(app, "INSERT INTO appointment_bookings", 2)
    answers = await asyncio.gather(
        book(client, people["a"], FRIDAY_8), book(client, people["b"], FRIDAY_8)
    )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201, 409], [answer.text for answer in answers]
    loser = next(answer for answer in answers if answer.status_code == 409)
    assert loser.json()["error"]["code"] == "slot_full"
    slot = (await client.get(f"/api/v1/appointments/offices/{WARD}/days")).json()[1]["slots"][1]
    assert slot["taken"] == 3 and not slot["bookable"]


@BOTH_DATABASES
async def test_numbers_issued_at_once_are_all_different(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, Any]
) -> None:
    hold_first(app, "INSERT INTO appointment_tickets", 4)
    answers = await asyncio.gather(
        *[client.post(f"{QUEUE}/tickets", headers=people["officer"]) for _ in range(4)]
    )
    assert [answer.status_code for answer in answers] == [201] * 4
    assert sorted(answer.json()["number"] for answer in answers) == [1, 2, 3, 4]


@BOTH_DATABASES
async def test_two_officers_calling_at_once_call_two_people(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, Any]
) -> None:
    for who in ("a", "b"):
        assert (await client.post(f"{QUEUE}/tickets", headers=people[who])).status_code == 201
    hold_first(app, "UPDATE appointment_tickets", 2)
    called = await asyncio.gather(
        *[client.post(f"{QUEUE}/call-next", headers=people["officer"]) for _ in range(2)]
    )
    assert sorted(answer.json()["ticket"]["number"] for answer in called) == [1, 2]
