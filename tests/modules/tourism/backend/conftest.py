"""A backend with only the tourism module on, its clock movable, and signed-in callers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.testing.backend import MovableClock, asgi_client

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> MovableClock:
    """The app's clock, at NOW until a test moves it."""
    return MovableClock(NOW)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: MovableClock) -> Iterator[FastAPI]:
    """The backend with the tourism module only, on a fresh SQLite file."""
    monkeypatch.delenv("HUE_S_MODULES", raising=False)
    settings = BackendSettings(
        data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "tourism.db"), modules=["tourism"]
    )
    application = create_app(settings)
    application.state.clock = clock
    application.state.accounts_settings = AccountsSettings(
        secret_key=b"tourism-tests-secret-key-0123456789-abcdef"
    )
    yield application
    application.state.engine.dispose()


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process."""
    async with asgi_client(app) as http:
        yield http
