"""Tests of HueClient's retries over a mock transport: what is retried, how often, how long."""

from __future__ import annotations

import json

import httpx
import pytest

from hue_s.app.api.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    RateLimitError,
    ServerError,
    UnprocessableError,
)

from .samples import error_body
from .scripted import ClientFactory, RecordingSleep, ScriptedHandler, ok


async def test_get_retries_5xx_then_succeeds(
    make_client: ClientFactory, sleeps: RecordingSleep
) -> None:
    recorder = ScriptedHandler(httpx.Response(503), httpx.Response(502), ok())
    assert await make_client(recorder).request("GET", "/healthz") == {"status": "ok"}
    assert len(recorder.requests) == 3
    assert len(sleeps.delays) == 2
    ids = {request.headers["X-Request-ID"] for request in recorder.requests}
    assert len(ids) == 1, "retries of one call share its request id"


async def test_retries_stop_at_max_retries(
    make_client: ClientFactory, sleeps: RecordingSleep
) -> None:
    recorder = ScriptedHandler(httpx.Response(500, json=error_body("internal", "Boom")))
    with pytest.raises(ServerError) as caught:
        await make_client(recorder, max_retries=3).request("GET", "/healthz")
    assert caught.value.code == "internal"
    assert len(recorder.requests) == 4
    assert len(sleeps.delays) == 3
    assert all(0 <= delay <= 8.0 for delay in sleeps.delays)


async def test_408_is_retried(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(httpx.Response(408), ok())
    await make_client(recorder).request("GET", "/healthz")
    assert len(recorder.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
async def test_client_errors_are_not_retried(
    make_client: ClientFactory, sleeps: RecordingSleep, status: int
) -> None:
    recorder = ScriptedHandler(httpx.Response(status, json=error_body("x", "no")))
    with pytest.raises(APIStatusError) as caught:
        await make_client(recorder).request("GET", "/healthz")
    assert caught.value.status_code == status
    assert len(recorder.requests) == 1
    assert sleeps.delays == []


async def test_retry_after_is_honoured(make_client: ClientFactory, sleeps: RecordingSleep) -> None:
    recorder = ScriptedHandler(httpx.Response(429, headers={"Retry-After": "2"}), ok())
    await make_client(recorder).request("GET", "/healthz")
    assert sleeps.delays == [2.0]


async def test_retry_after_on_503_is_honoured(
    make_client: ClientFactory, sleeps: RecordingSleep
) -> None:
    recorder = ScriptedHandler(httpx.Response(503, headers={"Retry-After": "1.5"}), ok())
    await make_client(recorder).request("GET", "/healthz")
    assert sleeps.delays == [1.5]


async def test_retry_after_longer_than_policy_max_gives_up(
    make_client: ClientFactory, sleeps: RecordingSleep
) -> None:
    recorder = ScriptedHandler(httpx.Response(429, headers={"Retry-After": "120"}))
    with pytest.raises(RateLimitError) as caught:
        await make_client(recorder).request("GET", "/healthz")
    assert caught.value.retry_after == 120.0
    assert len(recorder.requests) == 1
    assert sleeps.delays == []


async def test_post_without_idempotency_key_is_not_retried(
    make_client: ClientFactory, sleeps: RecordingSleep
) -> None:
    recorder = ScriptedHandler(httpx.Response(503), httpx.Response(201, json={}))
    with pytest.raises(ServerError):
        await make_client(recorder).request("POST", "/api/v1/requests", json={"a": 1})
    assert len(recorder.requests) == 1
    assert sleeps.delays == []


async def test_post_with_idempotency_key_is_retried_with_the_same_key(
    make_client: ClientFactory,
) -> None:
    recorder = ScriptedHandler(httpx.Response(503), httpx.Response(201, json={"id": "r1"}))
    answer = await make_client(recorder).request(
        "POST", "/api/v1/requests", json={"a": 1}, idempotency_key="outbox-uuid"
    )
    assert answer == {"id": "r1"}
    assert [r.headers["Idempotency-Key"] for r in recorder.requests] == ["outbox-uuid"] * 2
    assert [json.loads(r.content) for r in recorder.requests] == [{"a": 1}] * 2


async def test_post_with_key_is_not_retried_on_422(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(httpx.Response(422, json={"detail": "bad"}))
    with pytest.raises(UnprocessableError):
        await make_client(recorder).request("POST", "/x", json={}, idempotency_key="k")
    assert len(recorder.requests) == 1


async def test_connection_errors_are_retried_then_raised(
    make_client: ClientFactory, sleeps: RecordingSleep
) -> None:
    recorder = ScriptedHandler(httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as caught:
        await make_client(recorder).request("GET", "/healthz")
    assert not isinstance(caught.value, APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert caught.value.request is not None
    assert len(recorder.requests) == 3
    assert len(sleeps.delays) == 2


async def test_connection_error_then_success(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(httpx.ConnectError("refused"), ok())
    assert await make_client(recorder).request("GET", "/healthz") == {"status": "ok"}


async def test_timeouts_become_api_timeout_error(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        await make_client(recorder, max_retries=0).request("GET", "/healthz")
    assert len(recorder.requests) == 1


async def test_post_connection_error_without_key_is_not_retried(
    make_client: ClientFactory,
) -> None:
    recorder = ScriptedHandler(httpx.ReadError("reset"), httpx.Response(201, json={}))
    with pytest.raises(APIConnectionError):
        await make_client(recorder).request("POST", "/x", json={})
    assert len(recorder.requests) == 1


async def test_get_bytes_is_retried_like_any_get(
    make_client: ClientFactory, sleeps: RecordingSleep
) -> None:
    recorder = ScriptedHandler(
        httpx.ConnectError("down"), httpx.Response(503), httpx.Response(200, content=b"\x89PNG")
    )
    assert await make_client(recorder).get_bytes("/photos/abc") == b"\x89PNG"
    assert len(recorder.requests) == 3 and len(sleeps.delays) == 2
