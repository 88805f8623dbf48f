"""The real backend in-process, with a recording SMS gateway and a clock that tests move on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI

from hue_s.app.api.auth import SessionAuth
from hue_s.app.api.client import HueClient
from hue_s.app.api.models.accounts import TokenGrant, User
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.state.credentials import Credentials
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.accounts.sms import MemorySmsGateway
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for

BASE_URL = "http://backend.test"
GENEROUS = RateLimit(1000, 600)
CODE = re.compile(r"\b(\d{6})\b")


@dataclass
class MovableClock:
    """A UTC clock that stands still until a test moves it on."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 26, 8, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        """Return the current (fake) time."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock on."""
        self.now += timedelta(seconds=seconds)


@dataclass
class AccountsBackend:
    """The backend app, its SMS outbox and its clock."""

    app: FastAPI
    sms: MemorySmsGateway
    clock: MovableClock

    def last_code(self, e164_phone: str) -> str:
        """Return the code of the last text sent to a phone."""
        text = next(text for phone, text in reversed(self.sms.sent) if phone == e164_phone)
        found = CODE.search(text)
        assert found, text
        return found.group(1)


def accounts_backend(data_dir: Path) -> AccountsBackend:
    """Build the backend over a fresh SQLite file, with recorded texts and a movable clock."""
    app = create_app(
        BackendSettings(data_dir=data_dir, database_url=sqlite_url_for(data_dir / "hue-s.db"))
    )
    sms, clock = MemorySmsGateway(), MovableClock()
    app.state.sms_gateway = sms
    app.state.accounts_settings = AccountsSettings(
        secret_key=b"t" * 32,
        clock=clock,
        otp_per_phone=GENEROUS,
        otp_per_address=GENEROUS,
        token_per_phone=GENEROUS,
        token_per_address=GENEROUS,
    )
    return AccountsBackend(app, sms, clock)


class CountingTransport(httpx.AsyncBaseTransport):
    """An ASGI transport that records the method and path of every request."""

    def __init__(self, app: FastAPI) -> None:
        """Send to `app` in-process."""
        self._inner = httpx.ASGITransport(app=app)
        self.requests: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Record, then send."""
        self.requests.append((request.method, request.url.path))
        return await self._inner.handle_async_request(request)

    def count(self, method: str, path: str) -> int:
        """Return how many requests went to `method path`."""
        return self.requests.count((method, path))


@dataclass
class SignedClient:
    """A client with the session auth flow, its tokens and what it reported."""

    api: HueClient
    credentials: Credentials
    transport: CountingTransport
    expired_calls: list[str] = field(default_factory=list)


def signed_client(backend: AccountsBackend, credentials: Credentials | None = None) -> SignedClient:
    """Return a client whose auth flow keeps tokens (in memory by default) and records expiry."""
    credentials = credentials or Credentials()
    transport = CountingTransport(backend.app)
    auth = SessionAuth(credentials, base_url=BASE_URL)
    api = HueClient(BASE_URL, transport=transport, retry=RetryPolicy(max_retries=0), auth=auth)
    client = SignedClient(api, credentials, transport)

    async def on_expired() -> None:
        client.expired_calls.append("expired")

    auth.on_session_expired = on_expired
    return client


async def sign_in(backend: AccountsBackend, api: HueClient, phone: str) -> TokenGrant:
    """Ask for a code, read it from the recorded text, and trade it for tokens."""
    sent = await api.auth.request_code(phone=phone)
    assert sent.phone is not None
    return await api.auth.sign_in(phone=phone, code=backend.last_code(sent.phone))


def grant_for(access_token: str, refresh_token: str, role: str = "citizen") -> TokenGrant:
    """Return a token grant made up for tests that need no server."""
    user = User(id=1, phone="+84905123400", role=role)
    return TokenGrant(
        access_token=access_token, expires_in=900, refresh_token=refresh_token, user=user
    )
