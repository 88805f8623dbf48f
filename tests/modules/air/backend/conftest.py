"""A backend with only the air module on, and the Open-Meteo stand-in it reads from."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.testing.backend import MovableClock, asgi_client, backend_for_test, isolate_environment

from ..standin import StandIn, serve

NOW = datetime(2026, 3, 10, 5, 20, tzinfo=UTC)
"""12:20 in Huế."""


@pytest.fixture
def clock() -> MovableClock:
    """The app's clock, at NOW."""
    return MovableClock(NOW)


@pytest.fixture
def stand_in(clock: MovableClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    """The stand-in, named by HUE_S_AIR_QUALITY_URL; its data fixed at NOW."""
    with serve(lambda: NOW) as running:
        monkeypatch.setenv("HUE_S_AIR_QUALITY_URL", running.url)
        yield running


@pytest.fixture
def app(tmp_path: Path, clock: MovableClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The backend with the air module only, on a fresh SQLite file, its clock at NOW."""
    isolate_environment(monkeypatch, tmp_path / "data")
    with backend_for_test(tmp_path, modules=["air"], clock=clock) as application:
        yield application


@pytest.fixture
async def client(app: FastAPI, stand_in: StandIn) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process; the app reaches the stand-in over real HTTP."""
    async with httpx.AsyncClient(timeout=5.0) as upstream:
        app.state.air_client = upstream
        async with asgi_client(app) as http:
            yield http
