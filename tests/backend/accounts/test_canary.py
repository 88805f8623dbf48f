"""Canary test: codes, tokens and keys never reach the logs or the database in plaintext."""

from __future__ import annotations

import logging
import secrets
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.engine import make_url

from hue_s.backend.accounts import otp
from hue_s.backend.accounts.api_keys import issue_api_key
from hue_s.backend.accounts.settings import AccountsSettings, utc_now
from hue_s.backend.accounts.sms import LogSmsGateway
from hue_s.backend.kernel.models import Base

from .conftest import CODE_IN_TEXT, FakeClock, bearer

PHONE = "+84905123456"
PHONE_NEVER_SIGNED_IN = "+84987654321"


def database_text(app: FastAPI) -> str:
    """Return every row of every table of the app's database as text."""
    parts = []
    with app.state.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            parts.append(repr(connection.execute(select(table)).all()))
    return "\n".join(parts)


def sqlite_bytes(app: FastAPI) -> bytes:
    """Return the bytes of the SQLite database files (main, -wal, -shm), after closing it."""
    app.state.engine.dispose()
    path = Path(make_url(str(app.state.engine.url)).database or "")
    return b"".join(file.read_bytes() for file in path.parent.glob(path.name + "*"))


def absent_code(haystack: str) -> str:
    """Return a 6-digit code that does not already occur in the database (e.g. in coordinates)."""
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if code not in haystack:
            return code


async def test_secrets_stay_out_of_logs_and_database(
    app: FastAPI,
    client: httpx.AsyncClient,
    clock: FakeClock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")  # SQL, parameters and rows included
    monkeypatch.delenv("HUE_S_SECRET_KEY", raising=False)
    app.state.accounts_settings = replace(AccountsSettings.from_environment(tmp_path), clock=clock)
    app.state.sms_gateway = LogSmsGateway()
    is_sqlite = app.state.engine.dialect.name == "sqlite"
    baseline = database_text(app) + (sqlite_bytes(app).decode("latin-1") if is_sqlite else "")
    await client.post("/api/v1/auth/otp", json={"phone": PHONE_NEVER_SIGNED_IN})
    code = absent_code(baseline + caplog.text)
    monkeypatch.setattr(otp, "new_otp_code", lambda: code)
    assert (await client.post("/api/v1/auth/otp", json={"phone": "0905123456"})).status_code == 202
    gateway_lines = [r for r in caplog.records if r.name == "hue_s.sms" and PHONE in r.getMessage()]
    assert len(gateway_lines) == 1
    found = CODE_IN_TEXT.search(gateway_lines[0].getMessage())
    assert found and found.group(1) == code

    wrong = f"{(int(code) + 1) % 10**6:06d}"
    await client.post("/api/v1/auth/token", json={"phone": PHONE, "code": wrong})
    signed_in = await client.post("/api/v1/auth/token", json={"phone": PHONE, "code": code})
    first = signed_in.json()
    second = (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()
    await client.get("/api/v1/me", headers=bearer(second["access_token"]))
    await client.get("/api/v1/me/sessions", headers=bearer(second["access_token"]))
    await client.get("/api/v1/me", headers=bearer(first["access_token"]))  # now invalid
    with app.state.session_factory() as session:
        _client, api_key, _created = issue_api_key(session, "canary", utc_now())
    secrets_ = [
        code,
        first["access_token"],
        first["refresh_token"],
        second["access_token"],
        second["refresh_token"],
        api_key,
    ]

    records = [(record, record.getMessage() + (record.exc_text or "")) for record in caplog.records]
    assert any(record.name.startswith("sqlalchemy") for record, _ in records)
    for record, text in records:
        if record is not gateway_lines[0]:
            assert code not in text, record.name
        assert all(secret not in text for secret in secrets_[1:]), record.name
        if record.name != "hue_s.sms" and not record.name.startswith("sqlalchemy"):
            assert PHONE not in text, record.name  # SQL echo shows parameters, nothing else may
        if record.name != "hue_s.sms":
            assert PHONE_NEVER_SIGNED_IN not in text, record.name

    stored = database_text(app)
    if is_sqlite:
        stored += sqlite_bytes(app).decode("latin-1")
    assert PHONE in stored  # the scan does see what is stored
    for secret in [*secrets_, PHONE_NEVER_SIGNED_IN]:
        assert secret not in stored
