"""Tests of GET/PATCH/DELETE /api/v1/me."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import AuthSession, AuthToken, User
from hue_s.backend.accounts.settings import utc_now
from hue_s.backend.accounts.sms import MemorySmsGateway
from hue_s.backend.accounts.users import save_staff
from hue_s.hookspecs import hookimpl

from .conftest import bearer, sign_in


def make_user(db_session: Callable[[], Session], phone: str, role: str, **fields: str) -> None:
    """Create an account with a role directly in the database."""
    with db_session() as session:
        save_staff(session, phone=phone, role=role, now=utc_now(), **fields)


async def patch_me(client: httpx.AsyncClient, token: str, **changes: object) -> httpx.Response:
    """Send PATCH /api/v1/me."""
    return await client.patch("/api/v1/me", headers=bearer(token), json=changes)


async def test_citizen_edits_their_profile(
    client: httpx.AsyncClient, sms: MemorySmsGateway
) -> None:
    token = (await sign_in(client, sms))["access_token"]
    response = await patch_me(
        client, token, display_name="  Nguyễn Văn A ", address="12 Lê Lợi", ward_code="19753"
    )
    assert response.status_code == 200
    changed = response.json()
    assert (changed["display_name"], changed["address"], changed["ward_code"]) == (
        "Nguyễn Văn A",
        "12 Lê Lợi",
        "19753",
    )
    assert (await client.get("/api/v1/me", headers=bearer(token))).json() == changed

    only_address = (await patch_me(client, token, address=None)).json()
    assert (only_address["display_name"], only_address["address"]) == ("Nguyễn Văn A", None)


async def test_profile_refusals(client: httpx.AsyncClient, sms: MemorySmsGateway) -> None:
    token = (await sign_in(client, sms))["access_token"]
    cases = [
        ({"ward_code": "99999"}, 422, "unknown_ward"),
        ({"tax_code": "0101234567"}, 403, "tax_code_for_business_only"),
        ({"role": "admin"}, 422, "validation_error"),
        ({"display_name": "x" * 101}, 422, "validation_error"),
    ]
    for changes, status, code in cases:
        response = await patch_me(client, token, **changes)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    me = (await client.get("/api/v1/me", headers=bearer(token))).json()
    assert (me["role"], me["ward_code"], me["tax_code"]) == ("citizen", None, None)


async def test_business_sets_its_tax_code(
    client: httpx.AsyncClient, sms: MemorySmsGateway, db_session: Callable[[], Session]
) -> None:
    make_user(db_session, "+84905123456", "business")
    token = (await sign_in(client, sms))["access_token"]
    branch = await patch_me(client, token, tax_code="0101234567-001")
    assert branch.json()["tax_code"] == "0101234567001"
    assert (await patch_me(client, token, tax_code="0101234567")).json()["tax_code"] == "0101234567"
    bad = await patch_me(client, token, tax_code="12345")
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "invalid_tax_code")


async def test_officer_cannot_move_to_another_ward(
    client: httpx.AsyncClient, sms: MemorySmsGateway, db_session: Callable[[], Session]
) -> None:
    make_user(db_session, "+84905123456", "officer", ward_code="19753")
    token = (await sign_in(client, sms))["access_token"]
    moved = await patch_me(client, token, ward_code="19885")
    assert (moved.status_code, moved.json()["error"]["code"]) == (403, "officer_ward_fixed")
    same = await patch_me(client, token, ward_code="19753", display_name="Cán bộ")
    assert same.status_code == 200
    assert (same.json()["role"], same.json()["ward_code"]) == ("officer", "19753")


@pytest.fixture
def deleted_users(app: FastAPI) -> Iterator[list[int]]:
    """Register a plugin on the app seeing account deletions; yield the ids it saw."""
    seen: list[int] = []

    class Remember:
        """A module's hue_s_account_deleted hook."""

        @hookimpl
        def hue_s_account_deleted(self, session: Session, user: User) -> None:
            """Check the user is still there, and remember their id."""
            assert session.get(User, user.id) is not None  # called before the row goes
            seen.append(user.id)

    app.state.plugins.register(Remember(), name="remember")
    yield seen


async def test_deleting_my_account_removes_it_and_my_sessions(
    client: httpx.AsyncClient,
    sms: MemorySmsGateway,
    db_session: Callable[[], Session],
    deleted_users: list[int],
) -> None:
    tokens = await sign_in(client, sms)
    await sign_in(client, sms)
    bystander = await sign_in(client, sms, "0912345678")
    user_id = tokens["user"]["id"]

    response = await client.delete("/api/v1/me", headers=bearer(tokens["access_token"]))
    assert response.status_code == 204
    assert deleted_users == [user_id]
    assert (
        await client.get("/api/v1/me", headers=bearer(tokens["access_token"]))
    ).status_code == 401
    with db_session() as session:
        assert session.get(User, user_id) is None
        assert session.scalar(select(func.count()).where(AuthSession.user_id == user_id)) == 0
        assert session.scalar(select(func.count()).select_from(AuthToken)) == 2  # bystander's
    assert (
        await client.get("/api/v1/me", headers=bearer(bystander["access_token"]))
    ).status_code == 200

    again = await sign_in(client, sms)
    assert again["user"]["id"] != user_id
    assert again["user"]["display_name"] is None
