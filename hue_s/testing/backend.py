"""The backend in a test: built on a fresh database, an ASGI client without sockets,
signed-in callers, a movable clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from fastapi import FastAPI

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.tokens import start_session
from hue_s.backend.accounts.users import save_staff
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.environment import DATA_DIR_ENV

if TYPE_CHECKING:
    import pytest

BASE_URL = "http://hue-s.test"
TEST_SECRET_KEY = b"hue-s-tests-secret-key-0123456789"
"""The sign-in key of a backend built by `backend_for_test` unless the test names another."""


@dataclass
class MovableClock:
    """The app's clock (`app.state.clock`), which the test sets and moves."""

    now: datetime

    def __call__(self) -> datetime:
        """Return the time now."""
        return self.now


def isolate_environment(monkeypatch: pytest.MonkeyPatch, data_dir: Path, *also_unset: str) -> None:
    """Keep the developer's HUE_S_* settings (and `also_unset`) out of a test; data in data_dir."""
    for name in ("HUE_S_DATABASE_URL", "HUE_S_MODULES", *also_unset):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))


@contextmanager
def backend_for_test(
    data_dir: Path,
    *,
    modules: Sequence[str],
    clock: Callable[[], datetime],
    database_url: str | None = None,
    secret_key: bytes = TEST_SECRET_KEY,
) -> Iterator[FastAPI]:
    """Yield the backend with only `modules`, migrated, at `clock`; close its database after.

    The database is a fresh SQLite file in `data_dir` unless `database_url` names another.
    """
    url = database_url or sqlite_url_for(data_dir / "backend-test.db")
    app = create_app(BackendSettings(data_dir=data_dir, database_url=url, modules=list(modules)))
    app.state.clock = clock
    app.state.accounts_settings = AccountsSettings(secret_key=secret_key)
    try:
        yield app
    finally:
        app.state.engine.dispose()


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
