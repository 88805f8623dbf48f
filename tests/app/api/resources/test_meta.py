"""Tests of MetaResource over a mock transport."""

from __future__ import annotations

import httpx

from hue_s.app.api.models.meta import Meta

from ..conftest import ClientFactory
from ..samples import META


async def test_get_returns_meta(make_client: ClientFactory) -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        return httpx.Response(200, json=META)

    meta = await make_client(handler).meta.get()
    assert paths == ["/api/v1/meta"]
    assert isinstance(meta, Meta)
    assert meta.city.code == "46"
    assert meta.city.name == "Thành phố Huế"
    assert meta.modules == ["incidents", "alerts"]


async def test_health_true_when_ok(make_client: ClientFactory) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/healthz"
        return httpx.Response(200, json={"status": "ok"})

    assert await make_client(handler).meta.health() is True


async def test_health_false_on_error_status_or_odd_body(make_client: ClientFactory) -> None:
    down = make_client(lambda request: httpx.Response(503), max_retries=0)
    odd = make_client(lambda request: httpx.Response(200, json={"status": "starting"}))
    assert await down.meta.health() is False
    assert await odd.meta.health() is False


async def test_health_false_when_unreachable(make_client: ClientFactory) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    assert await make_client(handler, max_retries=0).meta.health() is False
