"""GET /api/v1/incidents/mine/stream and /mine/followed: news of one's own and followed cases.

A citizen hears of every public change of their own reports and of those they said "me too"
about, and never of anyone else's; staff-only notes are never streamed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI

from tests.modules.alerts.backend.helpers import serve_on_loopback

from ..conftest import People, point_in, report

WAIT_SECONDS = 10.0


@asynccontextmanager
async def case_stream(
    base_url: str, headers: dict[str, str]
) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
    """Open a citizen's case stream; yield its events (id, event, data) once it is connected."""
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=WAIT_SECONDS) as client,
        client.stream("GET", "/api/v1/incidents/mine/stream", headers=headers) as response,
    ):
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = response.aiter_lines()
        assert (await anext(lines)).startswith(": connected")

        async def events() -> AsyncIterator[dict[str, Any]]:
            current: dict[str, Any] = {}
            async for line in lines:
                if line == "" and "id" in current:
                    yield current
                    current = {}
                elif line.startswith(("id:", "event:", "data:")):
                    name, _, value = line.partition(":")
                    current[name] = value.strip()

        yield events()


async def next_event(events: AsyncIterator[dict[str, Any]]) -> dict[str, Any]:
    """Return the next case event, its data decoded, waiting at most WAIT_SECONDS."""
    event = await asyncio.wait_for(anext(events), WAIT_SECONDS)
    return event | {"data": json.loads(event["data"])}


async def until(events: AsyncIterator[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    """Return the events up to the first of `action` (a new case's "received" may come first)."""
    seen = [await next_event(events)]
    while seen[-1]["event"] != action:
        seen.append(await next_event(events))
    return seen


async def filed(client: httpx.AsyncClient, people: People, user: int) -> int:
    """File a report as `user` in the officer's ward; return its id."""
    created = await report(client, People.auth(user), point=point_in(people.ward))
    return int(created.json()[0]["service_request_id"])


async def test_a_citizen_hears_of_own_and_followed_cases_and_never_of_others(
    app: FastAPI, people: People
) -> None:
    officer = People.auth(people.officer)
    with serve_on_loopback(app) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=WAIT_SECONDS) as client:
            mine = await filed(client, people, people.citizen)
            theirs = await filed(client, people, people.other_citizen)
            async with case_stream(base_url, People.auth(people.citizen)) as events:
                for case in (theirs, mine):  # the other citizen's case moves first
                    moved = await client.post(f"/api/v1/cases/{case}/accept", headers=officer)
                    assert moved.status_code == 200, moved.text
                heard = await until(events, "accepted")
                assert {event["data"]["incident_id"] for event in heard} == {mine}
                assert heard[-1]["data"]["status"] == "assigned"
                for note in ({"note": "chỉ cán bộ", "public": False}, {"note": "Sắp sửa"}):
                    noted = await client.post(
                        f"/api/v1/cases/{mine}/notes", json=note, headers=officer
                    )
                    assert noted.status_code == 200, noted.text
                public_note = await next_event(events)  # the staff-only one is never sent
                assert (public_note["event"], public_note["data"]["incident_id"]) == (
                    "noted", mine
                )  # fmt: skip
                assert "chỉ cán bộ" not in json.dumps(public_note)
            follow = await client.post(
                f"/api/v1/incidents/{theirs}/me-too", headers=People.auth(people.citizen)
            )
            assert follow.status_code == 200, follow.text
            resume = {"Last-Event-ID": public_note["id"]} | People.auth(people.citizen)
            async with case_stream(base_url, resume) as events:
                started = await client.post(f"/api/v1/cases/{theirs}/start", headers=officer)
                assert started.status_code == 200, started.text
                followed = await until(events, "started")
                assert [event["data"]["incident_id"] for event in followed] == [theirs]


async def test_the_stream_is_for_signed_in_citizens(app: FastAPI, people: People) -> None:
    with serve_on_loopback(app) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=WAIT_SECONDS) as client:
            answer = await client.get("/api/v1/incidents/mine/stream")
    assert answer.status_code == 401


async def test_followed_reports_are_the_followers_alone(
    client: httpx.AsyncClient, people: People
) -> None:
    mine = await filed(client, people, people.citizen)
    own_too = await client.post(
        f"/api/v1/incidents/{mine}/me-too", headers=People.auth(people.citizen)
    )
    assert own_too.status_code == 200
    joined = await client.post(
        f"/api/v1/incidents/{mine}/me-too", headers=People.auth(people.other_citizen)
    )
    assert joined.status_code == 200
    path = "/api/v1/incidents/mine/followed"
    followed = (await client.get(path, headers=People.auth(people.other_citizen))).json()
    assert [case["id"] for case in followed] == [mine]
    assert followed[0]["status"] == "received" and "reporter" not in followed[0]
    assert (await client.get(path, headers=People.auth(people.citizen))).json() == []
    assert (await client.get(path)).status_code == 401
