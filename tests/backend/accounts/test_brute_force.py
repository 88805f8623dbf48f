"""Tests of guessing codes: five tries per code, the fifth wrong one ends it."""

from __future__ import annotations

import httpx

from hue_s.backend.accounts.sms import MemorySmsGateway

from .conftest import last_code

PHONE = "0905123456"


def wrong_code_for(code: str) -> str:
    """Return a 6-digit code that is not the right one."""
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def try_code(client: httpx.AsyncClient, code: str) -> httpx.Response:
    """Post a code for PHONE."""
    return await client.post("/api/v1/auth/token", json={"phone": PHONE, "code": code})


async def test_the_fifth_wrong_code_kills_the_challenge(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    await client.post("/api/v1/auth/otp", json={"phone": PHONE})
    code = last_code(sms, "+84905123456")
    wrong = wrong_code_for(code)
    for left in (4, 3, 2, 1):
        response = await try_code(client, wrong)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_code"
        assert f"{left} attempts left" in response.json()["error"]["message"]
    fifth = await try_code(client, wrong)
    assert fifth.status_code == 400
    assert fifth.json()["error"]["code"] == "code_attempts_exhausted"

    right_but_too_late = await try_code(client, code)
    assert right_but_too_late.status_code == 400
    assert right_but_too_late.json()["error"]["code"] == "code_expired"

    await client.post("/api/v1/auth/otp", json={"phone": PHONE})
    fresh = await try_code(client, last_code(sms, "+84905123456"))
    assert fresh.status_code == 200


async def test_the_right_code_still_works_after_four_wrong_ones(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    await client.post("/api/v1/auth/otp", json={"phone": PHONE})
    code = last_code(sms, "+84905123456")
    for _ in range(4):
        assert (await try_code(client, wrong_code_for(code))).status_code == 400
    assert (await try_code(client, code)).status_code == 200


async def test_wrong_codes_for_one_phone_do_not_touch_another(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    await client.post("/api/v1/auth/otp", json={"phone": PHONE})
    await client.post("/api/v1/auth/otp", json={"phone": "0912345678"})
    other_code = last_code(sms, "+84912345678")
    for _ in range(5):
        await try_code(client, wrong_code_for(last_code(sms, "+84905123456")))
    response = await client.post(
        "/api/v1/auth/token", json={"phone": "0912345678", "code": other_code}
    )
    assert response.status_code == 200
