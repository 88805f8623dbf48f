"""Tests of signing in with a texted code: POST /api/v1/auth/otp and /api/v1/auth/token."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from hue_s.backend.accounts.sms import MemorySmsGateway

from .conftest import FakeClock, bearer, last_code, sign_in

TOKEN_KEYS = {
    "access_token",
    "token_type",
    "expires_in",
    "refresh_token",
    "refresh_expires_in",
    "user",
}
USER_KEYS = {
    "id",
    "phone",
    "role",
    "display_name",
    "address",
    "ward_code",
    "tax_code",
    "created_at",
}


async def test_code_is_texted_and_signs_in_a_new_citizen(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    sent = await client.post("/api/v1/auth/otp", json={"phone": "090 512 3456"})
    assert sent.status_code == 202
    assert sent.json() == {"phone": "+84905123456", "expires_in": 300}
    assert [phone for phone, _text in sms.sent] == ["+84905123456"]
    code = last_code(sms, "+84905123456")

    response = await client.post("/api/v1/auth/token", json={"phone": "0905123456", "code": code})
    assert response.status_code == 200
    tokens = response.json()
    assert set(tokens) == TOKEN_KEYS
    assert (tokens["token_type"], tokens["expires_in"], tokens["refresh_expires_in"]) == (
        "bearer",
        900,
        2_592_000,
    )
    assert tokens["access_token"] != tokens["refresh_token"]
    assert len(tokens["access_token"]) >= 43
    user = tokens["user"]
    assert set(user) == USER_KEYS
    assert (user["phone"], user["role"], user["ward_code"]) == ("+84905123456", "citizen", None)

    me = await client.get("/api/v1/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200
    assert me.json() == user


async def test_a_code_works_once(client: httpx.AsyncClient, sms: MemorySmsGateway) -> None:
    await sign_in(client, sms)
    code = last_code(sms, "+84905123456")
    again = await client.post("/api/v1/auth/token", json={"phone": "0905123456", "code": code})
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "code_expired"


async def test_signing_in_again_finds_the_same_account(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    first = await sign_in(client, sms, "0905123456")
    second = await sign_in(client, sms, "+84905123456")
    other = await sign_in(client, sms, "0912345678")
    assert first["user"]["id"] == second["user"]["id"] != other["user"]["id"]
    assert first["access_token"] != second["access_token"]


async def test_the_code_lives_five_minutes(
    client: httpx.AsyncClient, sms: MemorySmsGateway, clock: FakeClock
) -> None:
    await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
    clock.advance(299)
    in_time = last_code(sms, "+84905123456")
    ok = await client.post("/api/v1/auth/token", json={"phone": "0905123456", "code": in_time})
    assert ok.status_code == 200

    await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
    clock.advance(300)
    late = last_code(sms, "+84905123456")
    expired = await client.post("/api/v1/auth/token", json={"phone": "0905123456", "code": late})
    assert expired.status_code == 400
    assert expired.json()["error"]["code"] == "code_expired"


async def test_a_new_code_replaces_the_previous_one(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
    old = last_code(sms, "+84905123456")
    await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
    new = last_code(sms, "+84905123456")
    if old != new:  # one chance in a million that both codes are equal
        rejected = await client.post(
            "/api/v1/auth/token", json={"phone": "0905123456", "code": old}
        )
        assert rejected.json()["error"]["code"] == "invalid_code"
    accepted = await client.post("/api/v1/auth/token", json={"phone": "0905123456", "code": new})
    assert accepted.status_code == 200


async def test_the_answer_does_not_tell_whether_an_account_exists(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    await sign_in(client, sms, "0905123456")
    known = await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
    unknown = await client.post("/api/v1/auth/otp", json={"phone": "0912345678"})
    assert known.status_code == unknown.status_code == 202
    assert set(known.json()) == set(unknown.json())
    assert known.json()["expires_in"] == unknown.json()["expires_in"]
    assert known.headers.keys() == unknown.headers.keys()


async def test_an_invalid_phone_is_422_and_nothing_is_sent(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    for path, body in (
        ("/api/v1/auth/otp", {"phone": "0234 381 2345"}),
        ("/api/v1/auth/token", {"phone": "12345", "code": "123456"}),
    ):
        response = await client.post(path, json=body)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_phone"
    assert sms.sent == []


async def test_a_malformed_code_is_a_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/token", json={"phone": "0905123456", "code": "12a"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


async def test_a_failing_gateway_answers_503(
    app: FastAPI, client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    class BrokenGateway:
        def send(self, phone: str, text: str) -> None:
            raise ConnectionError(f"provider down while texting {phone}")

    app.state.sms_gateway = BrokenGateway()
    response = await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "sms_unavailable"
    app.state.sms_gateway = sms
    no_challenge = await client.post(
        "/api/v1/auth/token", json={"phone": "0905123456", "code": "000000"}
    )
    assert no_challenge.json()["error"]["code"] == "code_expired"
