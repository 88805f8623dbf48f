"""Idempotency-Key on POST: replay, reuse refused, in-flight twin refused, one report per UUID."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from hue_s.backend.kernel import idempotency
from hue_s.backend.kernel.models import IdempotencyRecord
from hue_s.modules.incidents.backend.cases import reporting
from hue_s.modules.incidents.backend.models import Incident

from .conftest import People, photo_bytes, point_in, report


def incident_count(db: Callable[[], Session]) -> int:
    """Return how many reports are stored."""
    with db() as session:
        return session.scalar(select(func.count()).select_from(Incident)) or 0


async def test_same_key_and_body_replays_the_stored_answer(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    headers = People.auth(people.citizen) | {"Idempotency-Key": str(uuid.uuid4())}
    point = point_in(people.ward)
    photo = photo_bytes()
    first = await report(client, headers, point=point, photos=[photo])
    second = await report(client, headers, point=point, photos=[photo])
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second.headers["Idempotent-Replayed"] == "true"
    assert incident_count(db) == 1


async def test_same_key_with_another_body_is_refused(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    headers = People.auth(people.citizen) | {"Idempotency-Key": "key-1"}
    point = point_in(people.ward)
    assert (await report(client, headers, point=point)).status_code == 200
    other = await report(client, headers, point=point, fields={"description": "another"})
    assert other.status_code == 422
    assert other.json()[0]["error_code"] == "idempotency_key_reused"
    assert incident_count(db) == 1


async def test_a_stored_error_is_replayed_too(client: httpx.AsyncClient, people: People) -> None:
    headers = People.auth(people.citizen) | {"Idempotency-Key": "key-outside"}
    first = await report(client, headers, point=(10.0, 106.0))
    second = await report(client, headers, point=(10.0, 106.0))
    assert first.status_code == second.status_code == 400
    assert first.content == second.content


async def test_keys_of_different_callers_do_not_meet(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    point = point_in(people.ward)
    for user in (people.citizen, people.other_citizen):
        headers = People.auth(user) | {"Idempotency-Key": "shared-key"}
        assert (await report(client, headers, point=point)).status_code == 200
    assert incident_count(db) == 2


async def test_a_twin_sent_while_the_first_runs_gets_409(
    client: httpx.AsyncClient,
    people: People,
    db: Callable[[], Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original_file = reporting.file_incident
    started, release = threading.Event(), threading.Event()

    def file_when_released(*args: Any, **kwargs: Any) -> reporting.FiledReport:
        started.set()
        release.wait(10)
        return original_file(*args, **kwargs)

    monkeypatch.setattr(
        "hue_s.modules.incidents.backend.routes.open311_post.file_incident", file_when_released
    )
    headers = People.auth(people.citizen) | {"Idempotency-Key": str(uuid.uuid4())}
    point = point_in(people.ward)
    first = asyncio.create_task(report(client, headers, point=point))
    assert await asyncio.to_thread(started.wait, 10)
    twin = await report(client, headers, point=point)
    release.set()
    assert twin.status_code == 409
    assert twin.json()[0]["error_code"] == "idempotency_request_in_flight"
    answer = await first
    assert answer.status_code == 200
    after = await report(client, headers, point=point)
    assert after.content == answer.content
    assert incident_count(db) == 1


async def test_the_client_uuid_never_makes_two_reports(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    key = str(uuid.uuid4())
    headers = People.auth(people.citizen) | {"Idempotency-Key": key}
    point = point_in(people.ward)
    first = await report(client, headers, point=point)
    with db() as session:  # the idempotency record expired or was purged
        session.execute(delete(IdempotencyRecord))
        session.commit()
    again = await report(client, headers, point=point)
    assert again.status_code == 200
    assert again.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert incident_count(db) == 1
    stolen = await report(
        client, People.auth(people.other_citizen) | {"Idempotency-Key": key}, point=point
    )
    assert stolen.status_code == 409
    assert stolen.json()[0]["error_code"] == "client_uuid_taken"


async def test_json_api_posts_honour_the_key_too(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    created = await report(client, People.auth(people.citizen), point=point_in(people.ward))
    request_id = created.json()[0]["service_request_id"]
    headers = People.auth(people.officer) | {"Idempotency-Key": "note-1"}
    path = f"/api/v1/cases/{request_id}/notes"
    first = await client.post(path, json={"note": "Đã kiểm tra hiện trường"}, headers=headers)
    second = await client.post(path, json={"note": "Đã kiểm tra hiện trường"}, headers=headers)
    assert first.status_code == second.status_code == 200
    assert len(second.json()["timeline"]) == 2
    reused = await client.post(path, json={"note": "khác"}, headers=headers)
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"


def dead_process_owner() -> str:
    """Return the in-flight owner mark of a process of this host that has exited."""
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return (
        f"{idempotency.OWNER_PREFIX}0123456789ab {finished.stdout.strip()} {socket.gethostname()}"
    )


async def test_a_retry_after_a_crash_finds_the_stored_report(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    headers = People.auth(people.citizen) | {"Idempotency-Key": str(uuid.uuid4())}
    point = point_in(people.ward)
    first = await report(client, headers, point=point)
    assert first.status_code == 200
    with db() as session:  # the worker died after storing the report, before its answer
        session.execute(
            update(IdempotencyRecord).values(
                status_code=None, body=None, content_type=dead_process_owner()
            )
        )
        session.commit()
    retry = await report(client, headers, point=point)
    assert retry.status_code == 200, retry.text  # not 409 for STALE_AFTER
    assert retry.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert incident_count(db) == 1


def test_only_a_gone_owner_abandons_its_claim() -> None:
    me = idempotency.this_owner()
    assert not idempotency.abandoned(me)  # this process is still working on it
    boot, _pid, _host = me.removeprefix(idempotency.OWNER_PREFIX).split(" ", 2)
    restarted = me.replace(boot, "another-boot")  # same pid: a restarted container
    assert idempotency.abandoned(restarted)
    assert idempotency.abandoned(dead_process_owner())
    assert not idempotency.abandoned(f"{idempotency.OWNER_PREFIX}{boot} 1 elsewhere.example")
    assert not idempotency.abandoned(None)  # rows written before owners were recorded
