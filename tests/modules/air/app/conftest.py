"""Fixtures: an app session (no one signed in) against the air backend and its stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import flet as ft
import httpx
import pytest
from fastapi import FastAPI

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from hue_s.testing.backend import MovableClock
from tests.modules.air.backend.conftest import app, client  # noqa: F401  (fixtures)
from tests.modules.air.standin import StandIn, serve

NOW = datetime.now(UTC)
"""The screens judge age by the wall clock: the backend and the stand-in read it once too."""


class Page:
    """Stands in for ft.Page."""

    web = True
    route = "/air"


@pytest.fixture
def clock() -> MovableClock:
    """The backend's clock, at NOW."""
    return MovableClock(NOW)


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    """The stand-in, its data at NOW."""
    with serve(lambda: NOW) as running:
        monkeypatch.setenv("HUE_S_AIR_QUALITY_URL", running.url)
        yield running


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """The device's store: one file, kept between the sessions of a test."""
    return tmp_path / "state.sqlite3"


@pytest.fixture
async def new_ctx(
    app: FastAPI,  # noqa: F811
    client: httpx.AsyncClient,  # noqa: F811  (points the backend at the stand-in)
    store_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Any]:
    """Open app sessions of one device (each a new AppContext on the same store), in Vietnamese."""
    monkeypatch.setattr(ft.Control, "update", lambda self: None)  # not on a page here
    transport = httpx.ASGITransport(app=app)
    async with HueClient("http://hue-s.test", transport=transport) as api:
        stores: list[Store] = []

        def session() -> AppContext:
            store = Store(store_path)
            stores.append(store)
            services = AppServices(
                AppConfig(kiosk=False, data_dir=store_path.parent), Registry(), store, "x"
            )
            return AppContext(
                page=Page(), services=services, device_id="phone-1",
                settings=load_settings(store, "phone-1", language="vi"), i18n=I18n("vi"),
                api=api, credentials=Credentials(),
            )  # fmt: skip

        yield session
        for store in stores:
            store.close()
