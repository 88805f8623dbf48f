"""Tests of GET /api/v1/alerts/stream (routes_stream.py, hub.py, pg_listener.py) on loopback."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings
from hue_s.backend.kernel.db import create_database_engine, create_session_factory
from hue_s.modules.alerts.backend.cap.documents import read_cap_document
from hue_s.modules.alerts.backend.cap.parse import parse_alert
from hue_s.modules.alerts.backend.columns import utc_now
from hue_s.modules.alerts.backend.settings import AlertsSettings
from hue_s.modules.alerts.backend.storage.store import store_alert
from hue_s.testing.backend import sign_in

from ..conftest import TEST_SECRET_KEY, draft
from ..helpers import cap_sample, serve_on_loopback

WAIT_SECONDS = 10.0


@dataclass
class Event:
    """One received Server-Sent Event."""

    id: str | None = None
    event: str | None = None
    data: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)

    def json(self) -> Any:
        """Return the data as JSON."""
        return json.loads("\n".join(self.data))


async def events_of(response: httpx.Response) -> AsyncIterator[Event]:
    """Parse an event stream into events (comments included, for the opening one)."""
    current = Event()
    async for line in response.aiter_lines():
        if line == "":
            yield current
            current = Event()
        elif line.startswith(":"):
            current.comment.append(line[1:].strip())
        else:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "data":
                current.data.append(value)
            elif name in ("id", "event"):
                setattr(current, name, value)


@asynccontextmanager
async def stream(base_url: str, **headers: str) -> AsyncIterator[AsyncIterator[Event]]:
    """Open the alert stream; yield its events once the opening comment has arrived."""
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=WAIT_SECONDS) as client,
        client.stream("GET", "/api/v1/alerts/stream", headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = events_of(response)
        opening = await anext(events)
        assert opening.comment == ["connected"]
        yield events


async def next_alert_event(events: AsyncIterator[Event]) -> Event:
    """Return the next event that carries an alert, waiting at most WAIT_SECONDS."""

    async def first() -> Event:
        async for event in events:
            if event.id is not None:
                return event
        raise AssertionError("the stream ended")

    return await asyncio.wait_for(first(), WAIT_SECONDS)


def configured(app: FastAPI, poll_seconds: float) -> FastAPI:
    """Give an app the test settings (no CAP sources, a shared accounts secret)."""
    app.state.alerts_settings = AlertsSettings(cap_sources=[], stream_poll_seconds=poll_seconds)
    app.state.accounts_settings = AccountsSettings(secret_key=TEST_SECRET_KEY)
    return app


async def post_alert(base_url: str, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    """Issue an alert over HTTP and return its JSON."""
    async with httpx.AsyncClient(base_url=base_url, timeout=WAIT_SECONDS) as client:
        response = await client.post("/api/v1/alerts", json=draft(**changes), headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_issued_alerts_reach_the_stream_and_missed_ones_are_replayed(
    alerts_app: FastAPI, operator: dict[str, str]
) -> None:
    with serve_on_loopback(alerts_app) as base_url:
        async with stream(base_url) as events:
            first = await post_alert(base_url, operator, headline="Một")
            received = await next_alert_event(events)
        assert received.event == "issued"
        assert received.json()["id"] == first["id"]
        assert received.json()["headline"] == "Một"
        missed = await post_alert(base_url, operator, headline="Hai")
        async with stream(base_url, **{"Last-Event-ID": received.id or ""}) as events:
            replayed = await next_alert_event(events)
            assert (replayed.event, replayed.json()["id"]) == ("issued", missed["id"])
            assert int(replayed.id or 0) > int(received.id or 0)
            cancel = await post_alert_cancel(base_url, operator, missed["id"])
            live = await next_alert_event(events)
        assert (live.event, live.json()["id"], live.json()["replaces"]) == (
            "cancelled", cancel["id"], [missed["id"]],
        )  # fmt: skip


async def post_alert_cancel(base_url: str, headers: dict[str, str], alert_id: int) -> Any:
    """Cancel an alert over HTTP and return the Cancel message's JSON."""
    async with httpx.AsyncClient(base_url=base_url, timeout=WAIT_SECONDS) as client:
        response = await client.post(f"/api/v1/alerts/{alert_id}/cancel", json={}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_the_ward_filter_and_a_bad_last_event_id(
    alerts_app: FastAPI, operator: dict[str, str]
) -> None:
    with serve_on_loopback(alerts_app) as base_url:
        async with httpx.AsyncClient(base_url=base_url) as client:
            bad = await client.get("/api/v1/alerts/stream", headers={"Last-Event-ID": "x"})
            assert (bad.status_code, bad.json()["error"]["code"]) == (422, "invalid_last_event_id")
        async with (
            httpx.AsyncClient(base_url=base_url, timeout=WAIT_SECONDS) as client,
            client.stream("GET", "/api/v1/alerts/stream", params={"ward": "19813"}) as response,
        ):
            events = events_of(response)
            await anext(events)
            await post_alert(base_url, operator, headline="Phú Xuân only")
            wanted = await post_alert(base_url, operator, ward_codes=["19813"], headline="TX")
            received = await next_alert_event(events)
        assert received.json()["id"] == wanted["id"]


async def test_writes_of_another_process_arrive_by_polling(
    alerts_app: FastAPI, database_url: str
) -> None:
    """E.g. `hue-s backend ingest-cap` run beside the server: no wake-up, found by the timer."""
    with serve_on_loopback(alerts_app) as base_url:
        async with stream(base_url) as events:
            other_engine = create_database_engine(database_url)
            factory: Callable[[], Session] = create_session_factory(other_engine)
            element = read_cap_document(cap_sample("google-cap-library/weather.cap")).items[0].alert
            assert element is not None
            cap = parse_alert(element)
            with factory() as session:
                store_alert(session, cap, now=utc_now())
                session.commit()
            other_engine.dispose()
            received = await next_alert_event(events)
    assert received.json()["identifier"] == cap.identifier


@pytest.mark.postgres
async def test_an_alert_issued_on_one_worker_reaches_the_streams_of_another(
    postgres_database_url: str, tmp_path: Any
) -> None:
    """Two app instances on one PostgreSQL database, as two workers: LISTEN/NOTIFY carries it.

    The receiving worker polls only every 60 s, so only a NOTIFY can deliver in time.
    """
    settings = BackendSettings(data_dir=tmp_path, database_url=postgres_database_url)
    await assert_heard_by_another_worker(settings, "+84905000009", "Qua worker khác")


async def assert_heard_by_another_worker(
    settings: BackendSettings, operator_phone: str, headline: str
) -> None:
    """Issue an alert on one app instance; check another's stream hears it within 5 s.

    Both instances poll only every 60 s, so only a NOTIFY can deliver in time.
    """
    issuing = configured(create_app(settings), poll_seconds=60)
    receiving = configured(create_app(settings), poll_seconds=60)
    headers = sign_in(issuing, operator_phone, "operator")
    try:
        with serve_on_loopback(issuing) as issuing_url, serve_on_loopback(receiving) as other_url:
            async with stream(other_url) as events:
                loop = asyncio.get_running_loop()
                started = loop.time()
                alert = await post_alert(issuing_url, headers, headline=headline)
                received = await next_alert_event(events)
                elapsed = loop.time() - started
    finally:
        issuing.state.engine.dispose()
        receiving.state.engine.dispose()
    assert received.json()["id"] == alert["id"]
    assert elapsed < 5
