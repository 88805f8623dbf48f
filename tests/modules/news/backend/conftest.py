"""A backend with only the news module on, and signed-in people of each role."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.tokens import start_session
from hue_s.testing.backend import asgi_client, backend_for_test, isolate_environment

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The backend with the news module only, on a fresh SQLite file, its clock at NOW."""
    isolate_environment(monkeypatch, tmp_path / "data", "HUE_S_NEWS_FEEDS")
    with backend_for_test(tmp_path, modules=["news"], clock=lambda: NOW) as application:
        yield application


def bearer_for(app: FastAPI, role: str, phone: str, ward: str | None = None) -> dict[str, str]:
    """Make a user of a role (of a ward) and return the headers of a session of theirs."""
    with app.state.session_factory() as session:
        user = User(phone=phone, role=role, ward_code=ward, created_at=NOW, updated_at=NOW)
        session.add(user)
        session.flush()
        issued = start_session(session, app.state.accounts_settings, user, "pytest")
        session.commit()
    return {"Authorization": f"Bearer {issued.access_token}"}


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process."""
    async with asgi_client(app) as http:
        yield http
