"""Fixtures: a backend with appointments (and the services catalogue) on a fresh database, at a
moved clock, with two citizens and two officers signed in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.testing.backend import (
    MovableClock,
    asgi_client,
    backend_for_test,
    isolate_environment,
    sign_in,
)
from tests import databases
from tests.backend.conftest import postgres_admin_url, postgres_database_url  # noqa: F401

BOTH_DATABASES = databases.BOTH_DATABASES
database_url = databases.database_url  # SQLite, PostgreSQL where a test asks

THURSDAY_9 = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
"""Thursday 3 December 2026, 09:00 in Huế: the app's clock in these tests."""
WARD, OTHER_WARD = "19753", "19813"  # Phú Xuân (3 a slot, 36 a day), Thủy Xuân
COMMUNE = "19867"  # Quảng Điền (2 a slot, 24 a day)
PROCEDURE = "1.001193.000.00.00.H57"
PHONES = {
    "a": ("+84905000041", "citizen", None),
    "b": ("+84905000042", "citizen", None),
    "officer": ("+84905000043", "officer", WARD),
    "other_officer": ("+84905000044", "officer", OTHER_WARD),
}


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's HUE_S_* settings out of the tests."""
    isolate_environment(monkeypatch, tmp_path / "data")


@pytest.fixture
def clock() -> MovableClock:
    """The app's clock, Thursday 09:00 in Huế."""
    return MovableClock(THURSDAY_9)


@pytest.fixture
def app(tmp_path: Path, clock: MovableClock, database_url: str) -> Iterator[FastAPI]:
    """The backend with appointments and services on a fresh database, at the test clock."""
    with backend_for_test(
        tmp_path, modules=["services", "appointments"], clock=clock, database_url=database_url
    ) as application:
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process."""
    async with asgi_client(app) as http:
        yield http


@pytest.fixture
def people(app: FastAPI) -> dict[str, dict[str, str]]:
    """Citizens a and b, the ward's officer and another ward's: their Authorization headers."""
    return {name: sign_in(app, phone, role, ward) for name, (phone, role, ward) in PHONES.items()}
