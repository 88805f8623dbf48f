"""Fixtures of the accounts tests: a settable clock, a recording SMS gateway, signed-in users."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.sms import MemorySmsGateway

TEST_SECRET_KEY = b"accounts-tests-secret-key-0123456789abcdef"
CODE_IN_TEXT = re.compile(r"\b(\d{6})\b")


@dataclass
class FakeClock:
    """A clock the tests move by hand."""

    now: datetime = field(default_factory=lambda: datetime(2025, 7, 1, 8, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        """Return the current fake time."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    """The clock the accounts code reads."""
    return FakeClock()


@pytest.fixture
def sms() -> MemorySmsGateway:
    """The SMS gateway of the app: records messages."""
    return MemorySmsGateway()


@pytest.fixture
def app(app: FastAPI, clock: FakeClock, sms: MemorySmsGateway) -> FastAPI:
    """The backend app with the fake clock, a fixed secret and the recording gateway."""
    app.state.accounts_settings = AccountsSettings(secret_key=TEST_SECRET_KEY, clock=clock)
    app.state.sms_gateway = sms
    return app


@pytest.fixture
def db_session(app: FastAPI) -> Callable[[], Session]:
    """Open a database session on the app's database."""
    factory: Callable[[], Session] = app.state.session_factory
    return factory


def last_code(sms: MemorySmsGateway, phone: str) -> str:
    """Return the code in the newest SMS sent to a phone (E.164)."""
    texts = [text for to, text in sms.sent if to == phone]
    assert texts, f"no SMS was sent to {phone}"
    match = CODE_IN_TEXT.search(texts[-1])
    assert match, texts[-1]
    return match.group(1)


def bearer(token: str) -> dict[str, str]:
    """Return the Authorization header of an access token."""
    return {"Authorization": f"Bearer {token}"}


async def sign_in(
    client: httpx.AsyncClient,
    sms: MemorySmsGateway,
    phone: str = "0905123456",
    user_agent: str = "pytest",
) -> dict[str, Any]:
    """Request a code for a phone, then exchange it; return the token response JSON."""
    sent = await client.post("/api/v1/auth/otp", json={"phone": phone})
    assert sent.status_code == 202, sent.text
    code = last_code(sms, sent.json()["phone"])
    response = await client.post(
        "/api/v1/auth/token",
        json={"phone": phone, "code": code},
        headers={"User-Agent": user_agent},
    )
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens
