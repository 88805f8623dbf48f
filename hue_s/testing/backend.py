"""The backend in a test: an ASGI client without sockets, signed-in callers, a movable clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.tokens import start_session
from hue_s.backend.accounts.users import save_staff

BASE_URL = "http://hue-s.test"


@dataclass
class MovableClock:
    """The app's clock (`app.state.clock`), which the test sets and moves."""

    now: datetime

    def __call__(self) -> datetime:
        """Return the time now."""
        return self.now


@asynccontextmanager
async def asgi_client(app: FastAPI, *, lifespan: bool = False) -> AsyncIterator[httpx.AsyncClient]:
    """Yield an HTTP client talking to `app` in-process (with its lifespan running if asked)."""
    async with AsyncExitStack() as stack:
        if lifespan:
            await stack.enter_async_context(app.router.lifespan_context(app))
        transport = httpx.ASGITransport(app=app)
        yield await stack.enter_async_context(
            httpx.AsyncClient(transport=transport, base_url=BASE_URL)
        )


def sign_in(
    app: FastAPI, phone: str, role: str = "citizen", ward_code: str | None = None
) -> dict[str, str]:
    """Create (or update) the account of a phone with a role and return its bearer headers."""
    settings: AccountsSettings = app.state.accounts_settings
    with app.state.session_factory() as session:
        user, _ = save_staff(
            session, phone=phone, role=role, now=datetime.now(UTC), ward_code=ward_code
        )
        tokens = start_session(session, settings, user, "tests")
    return {"Authorization": f"Bearer {tokens.access_token}"}
