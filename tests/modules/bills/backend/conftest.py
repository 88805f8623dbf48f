"""Fixtures: a backend with bills and payments, the sandbox as its providers, two people."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.modules.bills.backend.provider import sandbox_providers
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
from tests.modules.bills.conftest import NOON

BOTH_DATABASES = databases.BOTH_DATABASES
database_url = databases.database_url  # SQLite, PostgreSQL where a test asks

GATEWAY = VNPayGateway(
    tmn_code="TESTCODE", hash_secret="BILLSTESTSECRET0123456789ABCDEFG", pay_page=SANDBOX_PAY_URL
)
PHONES = {"a": "+84905000041", "b": "+84905000042"}


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's HUE_S_* settings out of the tests."""
    isolate_environment(monkeypatch, tmp_path / "data", "HUE_S_BILLS_PROVIDER")


@pytest.fixture
def modules() -> list[str]:
    """The modules the backend serves."""
    return ["bills", "payments"]


@pytest.fixture
def app(tmp_path: Path, modules: list[str], database_url: str) -> Iterator[FastAPI]:
    """The backend on a fresh database at NOON, paying through the test gateway."""
    with backend_for_test(
        tmp_path, modules=modules, clock=MovableClock(NOON), database_url=database_url
    ) as application:
        application.state.payments_gateway = GATEWAY
        yield application


@pytest.fixture
async def client(app: FastAPI, sandbox_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client to the app in-process; the app's providers are the sandbox."""
    async with httpx.AsyncClient(timeout=10.0) as outward:
        app.state.bills_providers = sandbox_providers(sandbox_url, outward)
        async with asgi_client(app) as http:
            yield http


@pytest.fixture
def people(app: FastAPI) -> dict[str, dict[str, str]]:
    """Citizens a and b, signed in: their Authorization headers."""
    return {name: sign_in(app, phone) for name, phone in PHONES.items()}
