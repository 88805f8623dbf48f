"""A backend with only the education module on, on a fresh SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.testing.backend import MovableClock, asgi_client, backend_for_test, isolate_environment


@pytest.fixture
def clock() -> MovableClock:
    """The backend's clock: a Wednesday, 10:00 in Huế (03:00 UTC)."""
    return MovableClock(datetime(2026, 12, 2, 3, 0, tzinfo=UTC))


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: MovableClock) -> Iterator[FastAPI]:
    """The backend with the education module only."""
    isolate_environment(monkeypatch, tmp_path / "data")
    with backend_for_test(tmp_path, modules=["education"], clock=clock) as application:
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process."""
    async with asgi_client(app) as http:
        yield http
