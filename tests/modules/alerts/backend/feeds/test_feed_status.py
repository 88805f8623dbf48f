"""Feeds followed and visible (#12): a feed over HTTP on loopback, 304s, broken entries, back-off,
and each source's status for operators."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.feeds import ingest as ingest_module
from hue_s.modules.alerts.backend.feeds.fetch import http_client
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor
from hue_s.modules.alerts.backend.feeds.sources import MAX_BACKOFF_SECONDS, poll_due, poll_source

from ..cap_builders import KIM_LONG, alert_xml, area_xml, hue_alert, info_xml, reference
from ..helpers import serve_on_loopback

BROKEN = b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><sender>x</sender></alert>'
"""An entry whose alert has no identifier, sent, status..."""


class FeedServer:
    """An Atom feed of embedded CAP alerts, answering 304 to a matching If-None-Match."""

    def __init__(self) -> None:
        """Start with no entries and no request seen."""
        self.entries: list[bytes] = []
        self.requests: list[dict[str, str]] = []
        self.app = FastAPI()
        self.app.get("/feed.atom")(self.feed)

    def body(self) -> bytes:
        """Return the feed as it is now."""
        entries = b"".join(
            b"<entry><id>e%d</id><title>t</title><content type='application/cap+xml'>" % number
            + entry
            + b"</content></entry>"
            for number, entry in enumerate(self.entries)
        )
        return b'<feed xmlns="http://www.w3.org/2005/Atom"><id>hue</id>' + entries + b"</feed>"

    def feed(self, request: Request) -> Response:
        """Answer the feed, or 304 when the client has this version."""
        self.requests.append(dict(request.headers))
        body = self.body()
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(body, media_type="application/atom+xml", headers={"ETag": etag})


def follow(app: FastAPI, *urls: str) -> None:
    """Configure the app's CAP sources (the poller itself is driven by the test)."""
    app.state.alerts_settings = replace(app.state.alerts_settings, cap_sources=list(urls))


def counting(calls: list[str], name: str) -> Callable[..., Any]:
    """Return ingest.py's function `name`, noting each call in `calls`."""
    real = getattr(ingest_module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return real(*args, **kwargs)

    return counted


async def listed(api: httpx.AsyncClient) -> list[str]:
    """Return the identifiers of the active alerts."""
    return [alert["identifier"] for alert in (await api.get("/api/v1/alerts")).json()]


async def test_a_feed_over_http_adds_updates_and_cancels_alerts(
    api: httpx.AsyncClient,
    alerts_app: FastAPI,
    db: Callable[[], Session],
    operator: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = FeedServer()
    server.entries = [hue_alert("F-1"), BROKEN]
    with serve_on_loopback(server.app) as base:
        url = f"{base}/feed.atom"
        follow(alerts_app, url)
        async with http_client(timeout=10) as client:
            ingestor = Ingestor(db, client)
            await poll_source(ingestor, url)
            assert await listed(api) == ["F-1"]
            status = (await api.get("/api/v1/alerts/sources", headers=operator)).json()
            assert [(s["url"], s["state"], s["last_status"]) for s in status] == [(url, "ok", 200)]
            report = status[0]["report"]
            assert (report["entries"], report["stored"], report["refused"]) == (2, 1, 1)
            assert report["errors"][0].startswith("entry 2: Refused")

            parsed: list[str] = []
            for name in ("read_cap_document", "parse_alert"):
                monkeypatch.setattr(ingest_module, name, counting(parsed, name))
            assert await poll_source(ingestor, url) == []
            assert server.requests[-1]["if-none-match"] and parsed == []  # 304: nothing parsed
            status = (await api.get("/api/v1/alerts/sources", headers=operator)).json()
            assert status[0]["last_status"] == 304 and status[0]["report"]["stored"] == 1

            update = alert_xml(
                "F-2", info_xml(area_xml([KIM_LONG]), event="Lũ lên"), msg_type="Update",
                references=reference("F-1"), sent="2025-11-17T09:00:00+07:00",
            )  # fmt: skip
            server.entries = [hue_alert("F-1"), BROKEN, update.encode()]
            outcomes = await poll_source(ingestor, url)
            assert [outcome.created for outcome in outcomes] == [False, False, True]
            assert parsed and await listed(api) == ["F-2"]

            updated = reference("F-2", "2025-11-17T09:00:00+07:00")
            cancel = alert_xml(
                "F-3", "", msg_type="Cancel", references=updated, sent="2025-11-17T10:00:00+07:00"
            )
            server.entries.append(cancel.encode())
            await poll_source(ingestor, url)
            assert await listed(api) == []
    everything = (await api.get("/api/v1/alerts", params={"active": "false"})).json()
    assert {(a["identifier"], a["state"]) for a in everything} == {
        ("F-1", "updated"), ("F-2", "cancelled"), ("F-3", "current"),
    }  # fmt: skip


async def test_a_failing_source_backs_off_and_says_so(
    api: httpx.AsyncClient,
    alerts_app: FastAPI,
    db: Callable[[], Session],
    operator: dict[str, str],
) -> None:
    url = "https://cap.example.vn/feed.atom"
    follow(alerts_app, url)
    asked: list[int] = []
    working = [False]

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(1)
        if working[0]:
            return httpx.Response(200, content=hue_alert("BACK-1"))
        return httpx.Response(503, text="down")

    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        ingestor = Ingestor(db, client)

        async def tick(seconds: float) -> int:
            clock[0] += timedelta(seconds=seconds)
            before = len(asked)
            await poll_due(ingestor, [url], 60, now=lambda: clock[0])
            return len(asked) - before

        assert await tick(0) == 1
        for wait in (120, 240, 480, 960, 1920, MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS):
            assert await tick(wait - 1) == 0  # still backing off
            assert await tick(1) == 1
        status = (await api.get("/api/v1/alerts/sources", headers=operator)).json()[0]
        assert (status["state"], status["failures"]) == ("failing", 8)
        assert "HTTP 503" in status["last_error"]
        next_poll = datetime.fromisoformat(status["next_poll_at"])
        assert next_poll - clock[0] == timedelta(seconds=MAX_BACKOFF_SECONDS)
        working[0] = True
        assert await tick(MAX_BACKOFF_SECONDS) == 1
        assert await tick(60) == 1  # back to its normal pace
    status = (await api.get("/api/v1/alerts/sources", headers=operator)).json()[0]
    assert (status["state"], status["failures"], status["last_error"]) == ("ok", 0, None)
    assert await listed(api) == ["BACK-1"]


async def test_only_operators_see_the_sources(
    api: httpx.AsyncClient, alerts_app: FastAPI, citizen: dict[str, str], operator: dict[str, str]
) -> None:
    follow(alerts_app, "https://cap.example.vn/feed.atom")
    assert (await api.get("/api/v1/alerts/sources")).status_code == 401
    assert (await api.get("/api/v1/alerts/sources", headers=citizen)).status_code == 403
    waiting = (await api.get("/api/v1/alerts/sources", headers=operator)).json()
    assert [(s["state"], s["last_polled_at"]) for s in waiting] == [("waiting", None)]
