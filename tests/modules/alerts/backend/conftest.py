"""Fixtures of the alerts tests: the running app, a fake Open-Meteo, signed-in staff."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.modules.alerts.backend.settings import AlertsSettings
from hue_s.testing.backend import asgi_client, sign_in
from tests.backend.conftest import (  # noqa: F401  (the backend tests' fixtures, re-exported)
    app,
    client,
    database_url,
    isolated_environment,
    postgres_admin_url,
    postgres_database_url,
    settings,
)

from .helpers import FakeOpenMeteo

TEST_SECRET_KEY = b"alerts-tests-secret-key-0123456789abcdef"
FLOOD_WARNING = {
    "event": "Lũ trên sông Hương",
    "severity": "Severe",
    "urgency": "Immediate",
    "certainty": "Observed",
    "headline": "Lũ trên sông Hương vượt báo động III tại Kim Long",
    "description": "Mực nước tại Kim Long 3,6 m, trên báo động III 0,1 m.",
    "instruction": "Di chuyển người và tài sản đến nơi cao ráo.",
    "category": "Met",
    "response_type": "Evacuate",
    "ward_codes": ["19753"],
}


def draft(**changes: Any) -> dict[str, Any]:
    """Return the JSON of an operator's flood warning expiring in a day, with changes."""
    expires = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    return {**FLOOD_WARNING, "expires": expires, **changes}


@pytest.fixture
def open_meteo() -> FakeOpenMeteo:
    """The fake upstream weather API."""
    return FakeOpenMeteo()


@pytest.fixture
def alerts_app(app: FastAPI, open_meteo: FakeOpenMeteo) -> FastAPI:  # noqa: F811
    """The backend app with a fake upstream, fast stream polling and a fixed accounts secret."""
    app.state.alerts_settings = AlertsSettings(
        cap_sources=[], stream_poll_seconds=0.2, forecast_url="http://meteo.test",
        flood_url="http://flood.test",
    )  # fmt: skip
    app.state.weather_client = httpx.AsyncClient(transport=httpx.MockTransport(open_meteo))
    app.state.accounts_settings = AccountsSettings(secret_key=TEST_SECRET_KEY)
    return app


@pytest.fixture
async def api(alerts_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process, with its lifespan (hub, LISTEN) running."""
    async with asgi_client(alerts_app, lifespan=True) as http:
        yield http


@pytest.fixture
def db(alerts_app: FastAPI) -> Callable[[], Session]:
    """Open a session on the app's database."""
    factory: Callable[[], Session] = alerts_app.state.session_factory
    return factory


@pytest.fixture
def operator(alerts_app: FastAPI) -> dict[str, str]:
    """Headers of a signed-in operator."""
    return sign_in(alerts_app, "+84905000001", "operator")


@pytest.fixture
def citizen(alerts_app: FastAPI) -> dict[str, str]:
    """Headers of a signed-in citizen."""
    return sign_in(alerts_app, "+84905000002", "citizen")
