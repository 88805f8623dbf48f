"""The sign-in flow and the refreshing auth flow against the real backend, in-process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from hue_s.app.api.auth import REFRESH_PATH, SessionAuth
from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import AuthenticationError, ServerError, UnprocessableError
from hue_s.app.api.models.accounts import ProfileUpdate
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.state.credentials import Credentials

from .accounts_backend import (
    BASE_URL,
    AccountsBackend,
    SignedClient,
    accounts_backend,
    grant_for,
    sign_in,
    signed_client,
)

ACCESS_LIFETIME = 900


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AccountsBackend]:
    """One backend per module; each test signs in with its own phone number."""
    built = accounts_backend(tmp_path_factory.mktemp("accounts"))
    yield built
    built.app.state.engine.dispose()


@pytest.fixture
async def client(backend: AccountsBackend) -> AsyncIterator[SignedClient]:
    """Yield a client with the session auth flow, closed afterwards."""
    made = signed_client(backend)
    yield made
    await made.api.aclose()


async def raw_get_me(backend: AccountsBackend, access_token: str) -> int:
    """Return the status of GET /me with a token, sent around the auth flow."""
    transport = httpx.ASGITransport(app=backend.app)
    async with httpx.AsyncClient(base_url=BASE_URL, transport=transport) as raw:
        response = await raw.get("/api/v1/me", headers={"Authorization": f"Bearer {access_token}"})
    return response.status_code


async def test_sign_in_with_the_texted_code(backend: AccountsBackend, client: SignedClient) -> None:
    grant = await sign_in(backend, client.api, "0905 123 401")
    assert grant.token_type == "bearer" and grant.expires_in == ACCESS_LIFETIME
    assert grant.user.phone == "+84905123401" and grant.user.role == "citizen"
    assert grant.refresh_token != grant.access_token
    await client.credentials.store(grant)
    assert (await client.api.me.get()).id == grant.user.id
    sessions = await client.api.me.sessions()
    assert [s.current for s in sessions] == [True]
    assert grant.access_token not in repr(grant) and grant.refresh_token not in repr(grant)


async def test_a_bad_phone_number_is_refused(client: SignedClient) -> None:
    with pytest.raises(UnprocessableError) as caught:
        await client.api.auth.request_code(phone="12345")
    assert caught.value.code == "invalid_phone"


async def test_the_fifth_wrong_code_kills_the_challenge(
    backend: AccountsBackend, client: SignedClient
) -> None:
    await client.api.auth.request_code(phone="0905123402")
    right = backend.last_code("+84905123402")
    wrong = "000000" if right != "000000" else "111111"
    codes = []
    for _attempt in range(5):
        with pytest.raises(UnprocessableError) as caught:
            await client.api.auth.sign_in(phone="0905123402", code=wrong)
        codes.append(caught.value.code)
    assert codes == ["invalid_code"] * 4 + ["code_attempts_exhausted"]
    with pytest.raises(UnprocessableError) as caught:
        await client.api.auth.sign_in(phone="0905123402", code=right)
    assert caught.value.code == "code_expired"


async def test_concurrent_requests_with_an_expired_token_refresh_once(
    backend: AccountsBackend, client: SignedClient
) -> None:
    grant = await sign_in(backend, client.api, "0905123403")
    await client.credentials.store(grant)
    backend.clock.advance(ACCESS_LIFETIME + 1)

    users = await asyncio.gather(*(client.api.me.get() for _ in range(8)))

    assert {user.phone for user in users} == {"+84905123403"}
    assert client.transport.count("POST", REFRESH_PATH) == 1
    assert client.credentials.access_token not in (None, grant.access_token)
    assert client.credentials.refresh_token not in (None, grant.refresh_token)
    assert client.expired_calls == []
    assert await raw_get_me(backend, grant.access_token) == 401


async def test_a_reused_refresh_token_ends_the_session(
    backend: AccountsBackend, client: SignedClient
) -> None:
    grant = await sign_in(backend, client.api, "0905123404")
    await client.credentials.store(grant)
    # Someone else exchanges the same refresh token first (a stolen copy, say).
    thief = await client.api.auth.refresh(refresh_token=grant.refresh_token)
    backend.clock.advance(ACCESS_LIFETIME + 1)

    results = await asyncio.gather(*(client.api.me.get() for _ in range(4)), return_exceptions=True)

    assert all(isinstance(result, AuthenticationError) for result in results), results
    codes = sorted(str(getattr(result, "code", None)) for result in results)
    assert codes == ["not_authenticated"] * 3 + ["refresh_token_reused"]  # one refreshed
    assert client.transport.count("POST", REFRESH_PATH) == 2  # the thief's and ours, once
    assert client.expired_calls == ["expired"]
    assert client.credentials.access_token is None and client.credentials.refresh_token is None
    assert await raw_get_me(backend, thief.access_token) == 401  # the whole family is revoked


async def test_logout_revokes_the_tokens(backend: AccountsBackend, client: SignedClient) -> None:
    grant = await sign_in(backend, client.api, "0905123405")
    await client.credentials.store(grant)
    await client.api.auth.logout()
    assert await raw_get_me(backend, grant.access_token) == 401
    with pytest.raises(AuthenticationError):
        await client.api.me.get()  # its refresh is refused too: the session is over
    assert client.expired_calls == ["expired"]
    assert client.credentials.access_token is None


async def test_profile_update_and_ending_another_session(
    backend: AccountsBackend, client: SignedClient
) -> None:
    first = await sign_in(backend, client.api, "0905123406")
    second = await sign_in(backend, client.api, "0905123406")
    await client.credentials.store(second)
    updated = await client.api.me.update(changes=ProfileUpdate(display_name="Lê Thị Hoa"))
    assert updated.display_name == "Lê Thị Hoa"
    sessions = await client.api.me.sessions()
    other = next(s for s in sessions if not s.current)
    await client.api.me.end_session(session_id=other.id)
    assert await raw_get_me(backend, first.access_token) == 401
    await client.api.me.delete()
    assert await raw_get_me(backend, second.access_token) == 401


async def test_a_server_error_while_refreshing_keeps_the_tokens() -> None:
    credentials = Credentials()
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == REFRESH_PATH:
            return httpx.Response(503, json={"error": {"code": "unavailable", "message": "x"}})
        return httpx.Response(401, json={"error": {"code": "not_authenticated", "message": "x"}})

    async def expired() -> None:
        seen.append("expired")

    auth = SessionAuth(credentials, base_url=BASE_URL, on_session_expired=expired)
    await credentials.store(grant_for("a-1", "r-1"))
    async with HueClient(
        BASE_URL,
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(max_retries=0),
        auth=auth,
    ) as api:
        with pytest.raises(ServerError):
            await api.me.get()
    assert seen == ["/api/v1/me", REFRESH_PATH]
    assert (credentials.access_token, credentials.refresh_token) == ("a-1", "r-1")


async def test_public_endpoints_never_carry_the_token() -> None:
    credentials = Credentials()
    headers: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        headers.append(request.headers.get("Authorization"))
        return httpx.Response(202, json={"phone": "+84905123407", "expires_in": 300})

    await credentials.store(grant_for("a-2", "r-2"))
    auth = SessionAuth(credentials, base_url=BASE_URL)
    async with HueClient(BASE_URL, transport=httpx.MockTransport(handler), auth=auth) as api:
        await api.auth.request_code(phone="0905123407")
    assert headers == [None]
