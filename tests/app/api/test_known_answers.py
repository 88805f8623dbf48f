"""The client asks again for a list it holds with If-None-Match, and uses its copy on a 304."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.retry import RetryPolicy
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for

from .scripted import ScriptedHandler

LIST = "/open311/v2/requests.json"


class Recording(httpx.AsyncBaseTransport):
    """A transport that records the status of every answer of the one it wraps."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        """Wrap a transport."""
        self.inner = inner
        self.statuses: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send through the inner transport and note the status."""
        response = await self.inner.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response


async def test_a_polled_list_comes_back_as_304_and_reads_as_the_held_copy(tmp_path: Path) -> None:
    settings = BackendSettings(data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "h.db"))
    backend = create_app(settings)
    transport = Recording(httpx.ASGITransport(app=backend))
    retry = RetryPolicy(max_retries=0)
    async with HueClient("http://backend.test", transport=transport, retry=retry) as client:
        first = await client.request("GET", LIST)
        again = await client.request("GET", LIST)
        client.language = "en"
        in_english = await client.request("GET", LIST)
    backend.state.engine.dispose()
    assert again == first == in_english
    assert transport.statuses == [200, 304, 200]  # the language is part of what is held


def json_answer(body: bytes, etag: str) -> httpx.Response:
    """Return a JSON 200 with an ETag."""
    return httpx.Response(
        200, content=body, headers={"content-type": "application/json", "etag": etag}
    )


async def test_a_changed_list_replaces_the_copy_and_an_error_or_sign_out_drops_it() -> None:
    handler = ScriptedHandler(
        json_answer(b"[1]", '"a"'),
        json_answer(b"[1,2]", '"b"'),
        httpx.Response(304),
        httpx.Response(401, json={"error": "not_authenticated"}),
        json_answer(b"[3]", '"c"'),
    )
    retry = RetryPolicy(max_retries=0)
    transport = httpx.MockTransport(handler)
    async with HueClient("http://hue.test", transport=transport, retry=retry) as client:
        assert await client.request("GET", "/list") == [1]
        assert await client.request("GET", "/list") == [1, 2]
        assert await client.request("GET", "/list") == [1, 2]
        with pytest.raises(HueAPIError):
            await client.request("GET", "/list")
        assert await client.request("GET", "/list") == [3]
        client.known_answers.forget()  # as sign-out does
        assert await client.request("GET", "/list") == [3]
    sent = [request.headers.get("If-None-Match") for request in handler.requests]
    assert sent == [None, '"a"', '"b"', '"b"', None, None]
