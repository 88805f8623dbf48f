"""A backend with only the health module on, on a fresh SQLite file, its clock set by the test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.testing.backend import MovableClock, asgi_client


@pytest.fixture
def clock() -> MovableClock:
    """The backend's clock: a Wednesday, 10:00 in Huế (03:00 UTC)."""
    return MovableClock(datetime(2026, 12, 2, 3, 0, tzinfo=UTC))


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: MovableClock) -> Iterator[FastAPI]:
    """The backend with the health module only."""
    monkeypatch.delenv("HUE_S_MODULES", raising=False)
    settings = BackendSettings(
        data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "health.db"), modules=["health"]
    )
    application = create_app(settings)
    application.state.clock = clock
    yield application
    application.state.engine.dispose()


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process."""
    async with asgi_client(app) as http:
        yield http
