"""Official receipt numbers are unique per ward and year: officers receiving at once, and after
an account's dossiers are gone.

On PostgreSQL requests run at once: a barrier holds each officer's first change of a dossier
until both have started, after they would have read how many numbers were given; on SQLite
writes queue on one thread.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
from alembic import command
from fastapi import FastAPI
from sqlalchemy import event

from hue_s.backend.migrate import migration_config

from ..conftest import BOTH_DATABASES, WARD, file_birth

DOSSIERS = "/api/v1/services/dossiers"


def hold_both(app: FastAPI, statement_start: str) -> None:
    """Hold the first two statements starting so until both arrive (PostgreSQL only)."""
    if app.state.engine.dialect.name != "postgresql":
        return
    barrier = threading.Barrier(2, timeout=30)
    seen = [0]
    lock = threading.Lock()

    def hold(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith(statement_start):
            with lock:
                seen[0] += 1
                mine = seen[0]
            if mine <= 2:
                barrier.wait()

    event.listen(app.state.engine, "before_cursor_execute", hold)


async def receive(client: httpx.AsyncClient, officer: dict[str, str], code: str) -> Any:
    """Receive a dossier; return its receipt number."""
    answer = await client.post(f"{DOSSIERS}/{code}/receive", headers=officer)
    assert answer.status_code == 200, answer.text
    return answer.json()["receipt_number"]


@BOTH_DATABASES
async def test_two_officers_receiving_at_once_give_two_numbers(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    filed = [await file_birth(client, people[who]) for who in ("citizen_a", "citizen_b")]
    codes = [answer.json()["code"] for answer in filed]
    hold_both(app, "UPDATE services_dossiers")
    numbers = await asyncio.gather(*[receive(client, people["officer_x"], code) for code in codes])
    assert sorted(numbers) == [f"{WARD}-00001/2026", f"{WARD}-00002/2026"]


@BOTH_DATABASES
async def test_one_dossier_received_twice_at_once_is_received_once(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    hold_both(app, "UPDATE services_dossiers")
    answers = await asyncio.gather(
        *[client.post(f"{DOSSIERS}/{code}/receive", headers=people["officer_x"]) for _ in "ab"]
    )
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    timeline = (await client.get(f"/api/v1/services/track/{code}")).json()["timeline"]
    assert [step["action"] for step in timeline] == ["submit", "receive"]
    other = (await file_birth(client, people["citizen_b"])).json()["code"]
    assert await receive(client, people["officer_x"], other) == f"{WARD}-00002/2026"


async def test_numbers_are_not_given_again_after_an_account_is_deleted(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    officer = people["officer_x"]
    first = (await file_birth(client, people["citizen_a"])).json()["code"]
    second = (await file_birth(client, people["citizen_b"])).json()["code"]
    assert await receive(client, officer, first) == f"{WARD}-00001/2026"
    assert await receive(client, officer, second) == f"{WARD}-00002/2026"
    assert (await client.delete("/api/v1/me", headers=people["citizen_a"])).status_code == 204
    third = (await file_birth(client, people["citizen_b"])).json()["code"]
    assert await receive(client, officer, third) == f"{WARD}-00003/2026"


@BOTH_DATABASES
async def test_the_counter_starts_after_the_numbers_given_before_it(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    officer = people["officer_x"]
    for who in ("citizen_a", "citizen_b"):
        code = (await file_birth(client, people[who])).json()["code"]
        await receive(client, officer, code)
    with app.state.engine.begin() as connection:  # back to counting rows, then up again
        command.downgrade(migration_config(connection), "services_0001")
        command.upgrade(migration_config(connection), "heads")
    third = (await file_birth(client, people["citizen_a"])).json()["code"]
    assert await receive(client, officer, third) == f"{WARD}-00003/2026"
