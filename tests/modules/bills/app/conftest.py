"""Fixtures: citizen a's app session against the bills backend (the sandbox as provider)."""

from __future__ import annotations

from collections.abc import AsyncIterator
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
from hue_s.app.state.session import UserSession
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from tests.modules.bills.backend.conftest import (  # noqa: F401  (fixtures, re-exported)
    app,
    client,
    database_url,
    isolated_environment,
    modules,
    people,
)


class Page:
    """Stands in for ft.Page: records the routes pushed."""

    web = True
    route = "/"

    def __init__(self) -> None:
        """Start with no navigation."""
        self.routes: list[str] = []

    async def push_route(self, route: str) -> None:
        """Record a navigation."""
        self.routes.append(route)


@pytest.fixture(params=["vi"])
def language(request: pytest.FixtureRequest) -> str:
    """The session's language."""
    return str(request.param)


@pytest.fixture
async def ctx(
    app: FastAPI,  # noqa: F811
    client: httpx.AsyncClient,  # noqa: F811  (sets the sandbox as the app's providers)
    people: Any,  # noqa: F811
    tmp_path: Path,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[AppContext]:
    """Citizen a's signed-in app session, talking to the test backend in-process."""
    monkeypatch.setattr(ft.Control, "update", lambda self: None)  # not on a page here
    transport = httpx.ASGITransport(app=app)
    async with HueClient("http://hue-s.test", transport=transport, headers=people["a"]) as api:
        with Store(tmp_path / "state.sqlite3") as store:
            config = AppConfig(kiosk=False, data_dir=tmp_path)
            services = AppServices(config, Registry(), store, "http://hue-s.test")
            settings = load_settings(store, "phone-1", language=language)
            page: Any = Page()
            context = AppContext(
                page=page, services=services, device_id="phone-1", settings=settings,
                i18n=I18n(language), api=api, credentials=Credentials(),
            )  # fmt: skip
            context.session = UserSession(role="citizen", user_id="a")
            yield context
