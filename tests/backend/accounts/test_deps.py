"""Tests of the dependencies other domains use: deps.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from hue_s.backend.accounts.api_keys import issue_api_key
from hue_s.backend.accounts.deps import (
    SessionDependency,
    api_client,
    get_owned_or_404,
    optional_user,
    require_roles,
)
from hue_s.backend.accounts.models import ApiClient, AuthSession, User
from hue_s.backend.accounts.settings import utc_now
from hue_s.backend.accounts.sms import MemorySmsGateway
from hue_s.backend.accounts.users import save_staff

from .conftest import bearer, sign_in


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    """The app with routes standing for another domain's, using the dependencies."""

    @app.get("/test/who")
    def who(user: Annotated[User | None, Depends(optional_user)]) -> dict[str, int | None]:
        return {"id": user.id if user else None}

    @app.get("/test/staff")
    def staff(
        user: Annotated[User, Depends(require_roles("officer", "admin"))],
    ) -> dict[str, str]:
        return {"role": user.role}

    @app.get("/test/sessions/{session_id}")
    def owned(
        session_id: int,
        db: SessionDependency,
        user: Annotated[User, Depends(require_roles("citizen"))],
    ) -> dict[str, int]:
        return {"id": get_owned_or_404(db, AuthSession, session_id, user).id}

    @app.get("/test/open311")
    @app.post("/test/open311")
    def open311(client: Annotated[ApiClient, Depends(api_client)]) -> dict[str, str]:
        return {"client": client.name}

    return app


async def test_optional_user(client: httpx.AsyncClient, sms: MemorySmsGateway) -> None:
    assert (await client.get("/test/who")).json() == {"id": None}
    tokens = await sign_in(client, sms)
    signed_in = await client.get("/test/who", headers=bearer(tokens["access_token"]))
    assert signed_in.json() == {"id": tokens["user"]["id"]}
    stale = await client.get("/test/who", headers=bearer("expired-or-made-up"))
    assert stale.status_code == 401


async def test_require_roles(
    client: httpx.AsyncClient, sms: MemorySmsGateway, db_session: Callable[[], Session]
) -> None:
    assert (await client.get("/test/staff")).status_code == 401
    citizen = await sign_in(client, sms, "0912345678")
    refused = await client.get("/test/staff", headers=bearer(citizen["access_token"]))
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden")
    with db_session() as session:
        save_staff(session, phone="+84905123456", role="officer", ward_code="19753", now=utc_now())
    officer = await sign_in(client, sms, "0905123456")
    allowed = await client.get("/test/staff", headers=bearer(officer["access_token"]))
    assert allowed.json() == {"role": "officer"}


def test_require_roles_refuses_unknown_roles() -> None:
    with pytest.raises(ValueError, match="superuser"):
        require_roles("admin", "superuser")
    with pytest.raises(ValueError):
        require_roles()


async def test_get_owned_or_404(client: httpx.AsyncClient, sms: MemorySmsGateway) -> None:
    a = await sign_in(client, sms, "0905123456")
    b = await sign_in(client, sms, "0912345678")
    a_session = (await client.get("/api/v1/me/sessions", headers=bearer(a["access_token"]))).json()
    path = f"/test/sessions/{a_session[0]['id']}"
    assert (await client.get(path, headers=bearer(a["access_token"]))).status_code == 200
    not_mine = await client.get(path, headers=bearer(b["access_token"]))
    assert (not_mine.status_code, not_mine.json()["error"]["code"]) == (404, "not_found")
    missing = await client.get("/test/sessions/999999", headers=bearer(a["access_token"]))
    assert missing.json() == not_mine.json()


async def test_api_client_by_query_or_form(
    client: httpx.AsyncClient, db_session: Callable[[], Session]
) -> None:
    with db_session() as session:
        _client, key, created = issue_api_key(session, "Open311 demo", utc_now())
    assert created
    by_query = await client.get("/test/open311", params={"api_key": key})
    assert by_query.json() == {"client": "Open311 demo"}
    by_form = await client.post("/test/open311", data={"api_key": key})
    assert by_form.json() == {"client": "Open311 demo"}
    by_multipart = await client.post(
        "/test/open311", data={"api_key": key}, files={"media": ("a.jpg", b"\xff\xd8")}
    )
    assert by_multipart.json() == {"client": "Open311 demo"}

    for request, code in (
        (client.get("/test/open311"), "api_key_required"),
        (client.post("/test/open311", json={"api_key": key}), "api_key_required"),
        (client.get("/test/open311", params={"api_key": key + "x"}), "invalid_api_key"),
        (client.post("/test/open311", data={"api_key": "hues_nope"}), "invalid_api_key"),
    ):
        response = await request
        assert (response.status_code, response.json()["error"]["code"]) == (403, code)

    with db_session() as session:
        _client, new_key, created = issue_api_key(session, "Open311 demo", utc_now())
    assert not created and new_key != key
    old = await client.get("/test/open311", params={"api_key": key})
    assert old.status_code == 403
    assert (await client.get("/test/open311", params={"api_key": new_key})).status_code == 200
