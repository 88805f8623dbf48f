"""The real backend in-process for the alerts module's API tests: staff, citizens, fake weather."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.tokens import start_session
from hue_s.backend.accounts.users import save_staff
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.modules.alerts.app.api import AlertsResource
from hue_s.modules.alerts.backend.settings import AlertsSettings
from tests.modules.alerts.backend.helpers import FakeOpenMeteo

SECRET_KEY = b"alerts-app-tests-secret-key-0123456789"
BASE_URL = "http://backend.test"


@dataclass
class Backend:
    """The backend app and its fake upstream weather service."""

    app: FastAPI
    open_meteo: FakeOpenMeteo

    def token(self, phone: str, role: str, ward_code: str | None = None) -> str:
        """Create an account with a role and return an access token of it."""
        factory: Callable[[], Session] = self.app.state.session_factory
        settings: AccountsSettings = self.app.state.accounts_settings
        with factory() as session:
            user, _ = save_staff(
                session, phone=phone, role=role, now=datetime.now(UTC), ward_code=ward_code
            )
            return start_session(session, settings, user, "tests").access_token

    def client(self, token: str | None = None, *, base_url: str = BASE_URL) -> HueClient:
        """Return a typed client of the backend in-process (ASGI), signed in with `token`."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        transport = httpx.ASGITransport(app=self.app) if base_url == BASE_URL else None
        return HueClient(
            base_url, transport=transport, retry=RetryPolicy(max_retries=0), headers=headers
        )


def build_backend(data_dir: Path) -> Backend:
    """Build the backend on a fresh SQLite file, with a fake Open-Meteo and fast streams."""
    app = create_app(
        BackendSettings(data_dir=data_dir, database_url=sqlite_url_for(data_dir / "hue-s.db"))
    )
    open_meteo = FakeOpenMeteo()
    app.state.alerts_settings = AlertsSettings(
        cap_sources=[], stream_poll_seconds=0.2, forecast_url="http://meteo.test",
        flood_url="http://flood.test",
    )  # fmt: skip
    app.state.weather_client = httpx.AsyncClient(transport=httpx.MockTransport(open_meteo))
    app.state.accounts_settings = AccountsSettings(secret_key=SECRET_KEY)
    return Backend(app, open_meteo)


@asynccontextmanager
async def running(backend: Backend) -> AsyncIterator[Backend]:
    """Run the backend's lifespan (the alert hub) around a block."""
    async with backend.app.router.lifespan_context(backend.app):
        yield backend


def alerts_of(client: HueClient) -> AlertsResource:
    """Return the alerts resource of a client."""
    return client.resource(AlertsResource)
