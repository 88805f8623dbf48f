"""Tests of sources.py, ingest.py and fetch.py: polling feeds with conditional requests."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.feeds.ingest import Ingestor
from hue_s.modules.alerts.backend.feeds.sources import poll_source
from hue_s.modules.alerts.backend.models import AlertSource

from ..helpers import cap_sample

FEED_URL = "https://cap.example.vn/feeds/hue.atom"
INDEX = b"""<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id>
<entry><id>1</id><link href="alerts/weather.cap" type="application/cap+xml"/></entry>
<entry><id>2</id><link href="file:///etc/passwd"/></entry>
<entry><id>3</id><link href="alerts/big.cap"/></entry>
</feed>"""


class FakeFeedServer:
    """A feed with ETag support, one linked CAP document and one oversized document."""

    def __init__(self) -> None:
        """Count requests and remember their conditional headers."""
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        """Answer like a CAP server."""
        self.requests.append(request)
        url = str(request.url)
        if url == FEED_URL:
            if request.headers.get("If-None-Match") == '"v1"':
                return httpx.Response(304)
            return httpx.Response(200, content=INDEX, headers={"ETag": '"v1"'})
        if url.endswith("/alerts/weather.cap"):
            return httpx.Response(200, content=cap_sample("google-cap-library/weather.cap"))
        if url.endswith("/alerts/big.cap"):
            return httpx.Response(200, content=b"<alert>" + b" " * (5 * 1024 * 1024))
        return httpx.Response(404)


async def test_polling_follows_links_safely_and_then_uses_the_etag(
    db: Callable[[], Session],
) -> None:
    server = FakeFeedServer()
    async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as client:
        woken: list[int] = []
        ingestor = Ingestor(db, client, on_commit=lambda: woken.append(1))
        outcomes = await poll_source(ingestor, FEED_URL)
        second = await poll_source(ingestor, FEED_URL)
    assert [outcome.created for outcome in outcomes] == [True, False, False]
    assert outcomes[0].cap is not None and outcomes[0].cap.msg_type == "Alert"
    assert outcomes[1].error is not None and outcomes[1].error.code == "unsupported_url"
    assert outcomes[2].error is not None and outcomes[2].error.code == "too_large"
    assert woken == [1]
    assert second == []
    assert server.requests[-1].headers["If-None-Match"] == '"v1"'
    assert not any(str(request.url).startswith("file:") for request in server.requests)
    with db() as session:
        source = session.get(AlertSource, FEED_URL)
        assert source is not None
        assert (source.etag, source.last_status, source.last_error) == ('"v1"', 304, None)


async def test_an_unreachable_source_is_remembered_not_raised(db: Callable[[], Session]) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as client:
        outcomes = await poll_source(Ingestor(db, client), FEED_URL)
    assert outcomes == []
    with db() as session:
        source = session.get(AlertSource, FEED_URL)
        assert source is not None and "connection refused" in (source.last_error or "")
