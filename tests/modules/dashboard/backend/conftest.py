"""A backend with incidents and the dashboard on, on SQLite and on PostgreSQL, its clock fixed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings
from hue_s.testing.backend import asgi_client
from tests.backend import conftest as backend
from tests.backend.conftest import postgres_admin_url, postgres_database_url  # noqa: F401

from .cases import NOW

database_url = backend.database_url  # a SQLite file, then a PostgreSQL database


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The backend with incidents and the dashboard, migrated and seeded, its clock at NOW."""
    for name in ("HUE_S_DATABASE_URL", "HUE_S_MODULES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUE_S_DATA_DIR", str(tmp_path / "data"))
    settings = BackendSettings(
        data_dir=tmp_path, database_url=database_url, modules=["incidents", "dashboard"]
    )
    application = create_app(settings)
    application.state.clock = lambda: NOW
    yield application
    application.state.engine.dispose()


@pytest.fixture
def db(app: FastAPI) -> Callable[[], Session]:
    """Open a session on the app's database."""
    factory: Callable[[], Session] = app.state.session_factory
    return factory


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app in-process."""
    async with asgi_client(app) as http:
        yield http
