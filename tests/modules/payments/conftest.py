"""Fixtures: a backend with the payments module on SQLite, two signed-in people, a test fee."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.modules.payments.backend.service import Quote, register_purpose
from hue_s.modules.payments.vnpay import SANDBOX_PAY_URL, VNPayGateway
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

SECRET = "PAYMENTSTESTSECRET0123456789ABCD"
GATEWAY = VNPayGateway(tmn_code="TESTCODE", hash_secret=SECRET, pay_page=SANDBOX_PAY_URL)
NOON = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
"""12:00 in Huế: the app's clock in these tests."""
FEE = 50_000
PHONES = {"a": "+84905000031", "b": "+84905000032"}


def quote_test_fee(_session: Session, _user: Any, reference: str) -> Quote | None:
    """A fee of 50,000 đồng for any reference but NOTYOURS."""
    return None if reference == "NOTYOURS" else Quote(FEE, f"Lệ phí thử {reference}")


register_purpose("test_fee", quote_test_fee)


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's HUE_S_* settings out of the tests."""
    isolate_environment(monkeypatch, tmp_path / "data", "HUE_S_VNPAY_HASH_SECRET")


@pytest.fixture
def clock() -> MovableClock:
    """The app's clock, at noon in Huế."""
    return MovableClock(NOON)


@pytest.fixture
def app(tmp_path: Path, clock: MovableClock, database_url: str) -> Iterator[FastAPI]:
    """The backend with payments on a fresh database, the test gateway and clock."""
    with backend_for_test(
        tmp_path, modules=["payments"], clock=clock, database_url=database_url
    ) as application:
        application.state.payments_gateway = GATEWAY
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process."""
    async with asgi_client(app) as http:
        yield http


@pytest.fixture
def people(app: FastAPI) -> dict[str, dict[str, str]]:
    """Citizens a and b, signed in: their Authorization headers."""
    return {name: sign_in(app, phone) for name, phone in PHONES.items()}
