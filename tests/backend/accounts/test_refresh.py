"""Tests of POST /api/v1/auth/refresh: rotation, reuse detection, expiry."""

from __future__ import annotations

import httpx

from hue_s.backend.accounts.sms import MemorySmsGateway

from .conftest import FakeClock, bearer, sign_in


async def refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    """Exchange a refresh token."""
    return await client.post("/api/v1/auth/refresh", json={"refresh_token": token})


async def me_status(client: httpx.AsyncClient, access_token: str) -> int:
    """Return the status of GET /api/v1/me with an access token."""
    return (await client.get("/api/v1/me", headers=bearer(access_token))).status_code


async def test_refresh_rotates_both_tokens(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    first = await sign_in(client, sms)
    response = await refresh(client, first["refresh_token"])
    assert response.status_code == 200
    second = response.json()
    assert second["user"] == first["user"]
    assert second["access_token"] not in (first["access_token"], first["refresh_token"])
    assert second["refresh_token"] not in (first["access_token"], first["refresh_token"])
    assert (second["expires_in"], second["refresh_expires_in"]) == (900, 2_592_000)
    assert await me_status(client, second["access_token"]) == 200
    assert await me_status(client, first["access_token"]) == 401


async def test_reusing_a_rotated_refresh_token_revokes_the_family(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    other_device = await sign_in(client, sms, user_agent="tablet")
    first = await sign_in(client, sms, user_agent="phone")
    second = (await refresh(client, first["refresh_token"])).json()
    third = (await refresh(client, second["refresh_token"])).json()

    reused = await refresh(client, first["refresh_token"])
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "refresh_token_reused"

    assert await me_status(client, third["access_token"]) == 401
    newest = await refresh(client, third["refresh_token"])
    assert newest.status_code == 401
    assert newest.json()["error"]["code"] == "invalid_refresh_token"

    assert await me_status(client, other_device["access_token"]) == 200
    assert (await refresh(client, other_device["refresh_token"])).status_code == 200


async def test_unknown_or_access_tokens_are_not_refresh_tokens(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    tokens = await sign_in(client, sms)
    for token in ("not-a-token", tokens["access_token"]):
        response = await refresh(client, token)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_refresh_token"
    assert await me_status(client, tokens["access_token"]) == 200


async def test_access_token_lasts_fifteen_minutes(
    client: httpx.AsyncClient, sms: MemorySmsGateway, clock: FakeClock
) -> None:
    tokens = await sign_in(client, sms)
    clock.advance(899)
    assert await me_status(client, tokens["access_token"]) == 200
    clock.advance(1)
    assert await me_status(client, tokens["access_token"]) == 401
    assert (await refresh(client, tokens["refresh_token"])).status_code == 200


async def test_refresh_token_lasts_thirty_days(
    client: httpx.AsyncClient, sms: MemorySmsGateway, clock: FakeClock
) -> None:
    tokens = await sign_in(client, sms)
    clock.advance(29 * 24 * 3600)
    renewed = (await refresh(client, tokens["refresh_token"])).json()
    clock.advance(30 * 24 * 3600)
    expired = await refresh(client, renewed["refresh_token"])
    assert expired.status_code == 401
    assert expired.json()["error"]["code"] == "invalid_refresh_token"
