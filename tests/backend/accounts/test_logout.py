"""Tests of POST /api/v1/auth/logout and of 401 answers."""

from __future__ import annotations

import httpx

from hue_s.backend.accounts.sms import MemorySmsGateway

from .conftest import bearer, sign_in


async def test_logout_ends_the_session_at_once(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    tokens = await sign_in(client, sms)
    other = await sign_in(client, sms)
    response = await client.post("/api/v1/auth/logout", headers=bearer(tokens["access_token"]))
    assert response.status_code == 204
    assert response.content == b""

    me = await client.get("/api/v1/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 401
    assert me.json()["error"]["code"] == "not_authenticated"
    assert me.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 401
    assert refreshed.json()["error"]["code"] == "invalid_refresh_token"

    still_in = await client.get("/api/v1/me", headers=bearer(other["access_token"]))
    assert still_in.status_code == 200


async def test_without_a_token_the_answer_is_401_with_a_bearer_challenge(
    client: httpx.AsyncClient,
) -> None:
    for method, path in (
        ("GET", "/api/v1/me"),
        ("PATCH", "/api/v1/me"),
        ("DELETE", "/api/v1/me"),
        ("GET", "/api/v1/me/sessions"),
        ("DELETE", "/api/v1/me/sessions/1"),
        ("POST", "/api/v1/auth/logout"),
    ):
        response = await client.request(method, path, json={} if method == "PATCH" else None)
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "not_authenticated"
        assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_a_made_up_or_malformed_token_is_401(client: httpx.AsyncClient) -> None:
    made_up = await client.get("/api/v1/me", headers=bearer("x" * 43))
    assert made_up.status_code == 401
    assert made_up.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    basic = await client.get("/api/v1/me", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status_code == 401
