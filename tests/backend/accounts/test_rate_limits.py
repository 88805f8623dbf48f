"""Tests of the database-kept rate limits on /auth/otp and /auth/token."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from hue_s.backend.accounts.rate_limits import seconds_until_free
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings

from .conftest import FakeClock


def assert_rate_limited(response: httpx.Response, retry_after: int) -> None:
    """Check a 429 answer in the error shape with its Retry-After."""
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert response.headers["Retry-After"] == str(retry_after)


async def test_three_codes_per_phone_per_ten_minutes(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    for _ in range(3):
        response = await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
        assert response.status_code == 202
        clock.advance(60)
    assert_rate_limited(
        await client.post("/api/v1/auth/otp", json={"phone": "+84905123456"}), 600 - 180
    )
    other_phone = await client.post("/api/v1/auth/otp", json={"phone": "0912345678"})
    assert other_phone.status_code == 202
    clock.advance(600 - 180)
    again = await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
    assert again.status_code == 202


async def test_codes_per_address(app: FastAPI, client: httpx.AsyncClient, clock: FakeClock) -> None:
    settings: AccountsSettings = app.state.accounts_settings
    app.state.accounts_settings = replace(settings, otp_per_address=RateLimit(2, 3600))
    for phone in ("0905123456", "0912345678"):
        assert (await client.post("/api/v1/auth/otp", json={"phone": phone})).status_code == 202
        clock.advance(100)
    limited = await client.post("/api/v1/auth/otp", json={"phone": "0987654321"})
    assert_rate_limited(limited, 3600 - 200)
    invalid_phone = await client.post("/api/v1/auth/otp", json={"phone": "nonsense"})
    assert invalid_phone.status_code == 429


async def test_ten_sign_in_attempts_per_address(client: httpx.AsyncClient) -> None:
    phones = [f"09051234{n:02d}" for n in range(11)]
    for phone in phones[:10]:
        response = await client.post("/api/v1/auth/token", json={"phone": phone, "code": "123456"})
        assert response.status_code == 400
    last = await client.post("/api/v1/auth/token", json={"phone": phones[10], "code": "123456"})
    assert_rate_limited(last, 600)


async def test_sign_in_attempts_per_phone(
    app: FastAPI, client: httpx.AsyncClient, clock: FakeClock
) -> None:
    settings: AccountsSettings = app.state.accounts_settings
    app.state.accounts_settings = replace(settings, token_per_phone=RateLimit(2, 600))
    body = {"phone": "0905123456", "code": "123456"}
    for _ in range(2):
        assert (await client.post("/api/v1/auth/token", json=body)).status_code == 400
    clock.advance(10)
    assert_rate_limited(await client.post("/api/v1/auth/token", json=body), 590)
    other = await client.post("/api/v1/auth/token", json={**body, "phone": "0912345678"})
    assert other.status_code == 400


async def test_the_limit_holds_across_two_workers(
    app: FastAPI, settings: BackendSettings, client: httpx.AsyncClient
) -> None:
    second_worker = create_app(settings)
    second_worker.state.accounts_settings = app.state.accounts_settings
    second_worker.state.sms_gateway = app.state.sms_gateway
    transport = httpx.ASGITransport(app=second_worker)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://hue-s.test") as other:
            for worker in (client, other, client):
                response = await worker.post("/api/v1/auth/otp", json={"phone": "0905123456"})
                assert response.status_code == 202
            limited = await other.post("/api/v1/auth/otp", json={"phone": "0905123456"})
            assert limited.status_code == 429
    finally:
        second_worker.state.engine.dispose()


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [((), None), ((0, 10), None), ((0, 10, 20), 580), ((5, 0, 20, 15), 585)],
)
def test_wait_until_enough_hits_leave_the_window(
    clock: FakeClock, offsets: tuple[int, ...], expected: int | None
) -> None:
    start = clock()
    clock.advance(20)
    hits = [start + timedelta(seconds=offset) for offset in offsets]
    assert seconds_until_free(hits, RateLimit(3, 600), clock()) == expected
