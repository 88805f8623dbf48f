"""A backend with only the tourism module on, its clock movable, and signed-in callers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.testing.backend import MovableClock, asgi_client, backend_for_test, isolate_environment

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> MovableClock:
    """The app's clock, at NOW until a test moves it."""
    return MovableClock(NOW)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: MovableClock) -> Iterator[FastAPI]:
    """The backend with the tourism module only, on a fresh SQLite file."""
    isolate_environment(monkeypatch, tmp_path / "data")
    with backend_for_test(tmp_path, modules=["tourism"], clock=clock) as application:
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process."""
    async with asgi_client(app) as http:
        yield http
