"""Tests of /api/v1/me/sessions with two users: nobody reads or ends another's sessions."""

from __future__ import annotations

import httpx
from fastapi.routing import APIRoute

from hue_s.backend.accounts.routes import auth, me
from hue_s.backend.accounts.sms import MemorySmsGateway

from .conftest import bearer, sign_in


async def list_sessions(client: httpx.AsyncClient, token: str) -> list[dict[str, object]]:
    """Return GET /api/v1/me/sessions."""
    response = await client.get("/api/v1/me/sessions", headers=bearer(token))
    assert response.status_code == 200
    sessions: list[dict[str, object]] = response.json()
    return sessions


def test_the_only_accounts_route_taking_an_id_is_the_one_tested_here() -> None:
    routes_with_ids = {
        (method, route.path)
        for router in (auth.router, me.router)
        for route in router.routes
        if isinstance(route, APIRoute) and "{" in route.path
        for method in route.methods or ()
    }
    assert routes_with_ids == {("DELETE", "/api/v1/me/sessions/{session_id}")}


async def test_each_user_sees_and_ends_only_their_own_sessions(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    a_phone = await sign_in(client, sms, "0905123456", user_agent="A's phone")
    a_laptop = await sign_in(client, sms, "0905123456", user_agent="A's laptop")
    b_phone = await sign_in(client, sms, "0912345678", user_agent="B's phone")

    a_sessions = await list_sessions(client, a_phone["access_token"])
    assert {(s["user_agent"], s["current"]) for s in a_sessions} == {
        ("A's phone", True),
        ("A's laptop", False),
    }
    assert set(a_sessions[0]) == {"id", "created_at", "last_used_at", "user_agent", "current"}
    b_sessions = await list_sessions(client, b_phone["access_token"])
    assert [(s["user_agent"], s["current"]) for s in b_sessions] == [("B's phone", True)]

    a_ids = [int(str(s["id"])) for s in a_sessions]
    missing_id = max([*a_ids, int(str(b_sessions[0]["id"]))]) + 1
    for session_id in [*a_ids, missing_id]:
        response = await client.delete(
            f"/api/v1/me/sessions/{session_id}", headers=bearer(b_phone["access_token"])
        )
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    for tokens in (a_phone, a_laptop, b_phone):
        me = await client.get("/api/v1/me", headers=bearer(tokens["access_token"]))
        assert me.status_code == 200

    laptop_id = next(s["id"] for s in a_sessions if s["user_agent"] == "A's laptop")
    ended = await client.delete(
        f"/api/v1/me/sessions/{laptop_id}", headers=bearer(a_phone["access_token"])
    )
    assert ended.status_code == 204
    laptop_me = await client.get("/api/v1/me", headers=bearer(a_laptop["access_token"]))
    assert laptop_me.status_code == 401
    assert [s["user_agent"] for s in await list_sessions(client, a_phone["access_token"])] == [
        "A's phone"
    ]
    twice = await client.delete(
        f"/api/v1/me/sessions/{laptop_id}", headers=bearer(a_phone["access_token"])
    )
    assert twice.status_code == 404
    foreign = await client.delete(
        f"/api/v1/me/sessions/{laptop_id}", headers=bearer(b_phone["access_token"])
    )
    assert foreign.json() == twice.json()


async def test_ending_the_current_session_signs_out(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    tokens = await sign_in(client, sms)
    current = (await list_sessions(client, tokens["access_token"]))[0]
    response = await client.delete(
        f"/api/v1/me/sessions/{current['id']}", headers=bearer(tokens["access_token"])
    )
    assert response.status_code == 204
    assert (
        await client.get("/api/v1/me", headers=bearer(tokens["access_token"]))
    ).status_code == 401


async def test_a_session_id_out_of_range_is_a_validation_error(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    tokens = await sign_in(client, sms)
    for bad in ("0", "abc", str(2**40)):
        response = await client.delete(
            f"/api/v1/me/sessions/{bad}", headers=bearer(tokens["access_token"])
        )
        assert response.status_code == 422
