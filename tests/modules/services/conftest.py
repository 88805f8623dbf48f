"""Fixtures: a backend with public services (SQLite; PostgreSQL where a test asks),
signed-in citizens and ward officers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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

WARD, OTHER_WARD = "19753", "19813"  # Phú Xuân, Thủy Xuân
BIRTH = "1.001193.000.00.00.H57"
FRIDAY_NOON = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
"""Friday 4 December 2026, 12:00 in Huế: the app's clock in these tests."""
PEOPLE = {
    "citizen_a": ("+84905000041", "citizen", None),
    "citizen_b": ("+84905000042", "citizen", None),
    "officer_x": ("+84905000043", "officer", WARD),
    "officer_y": ("+84905000044", "officer", OTHER_WARD),
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BIRTH_ANSWERS: dict[str, Any] = {
    "child_full_name": "Nguyễn Minh An",
    "child_birth_date": "2026-11-20",
    "child_sex": "female",
    "birth_place_kind": "health_facility",
    "birth_place": "Bệnh viện Trung ương Huế",
    "birth_notice_number": "CS-0412/2026",
    "parents": [{"role": "mother", "full_name": "Trần Thị Hoa", "birth_year": "1996"}],
    "relationship": "mother",
}


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's HUE_S_* settings out of the tests."""
    isolate_environment(monkeypatch, tmp_path / "data")


@pytest.fixture
def clock() -> MovableClock:
    """The app's clock, Friday noon in Huế."""
    return MovableClock(FRIDAY_NOON)


database_url = databases.database_url  # SQLite, PostgreSQL where a test asks
BOTH_DATABASES = databases.BOTH_DATABASES


@pytest.fixture
def app(tmp_path: Path, clock: MovableClock, database_url: str) -> Iterator[FastAPI]:
    """The backend with public services only, on a fresh database."""
    with backend_for_test(
        tmp_path, modules=["services"], clock=clock, database_url=database_url
    ) as application:
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process."""
    async with asgi_client(app) as http:
        yield http


@pytest.fixture
def people(app: FastAPI) -> dict[str, dict[str, str]]:
    """Two citizens and an officer of each of two wards, signed in: their headers."""
    return {name: sign_in(app, phone, role, ward) for name, (phone, role, ward) in PEOPLE.items()}


async def file_birth(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    key: str | None = None,
    answers: dict[str, Any] | None = None,
    files: list[Any] | None = None,
) -> httpx.Response:
    """File a birth registration in ward X with a birth notice PDF."""
    data = {
        "procedure_code": BIRTH,
        "ward_code": WARD,
        "answers": json.dumps(BIRTH_ANSWERS if answers is None else answers),
    }
    if files is None:
        files = [("document:giay-chung-sinh", ("chung-sinh.pdf", PDF, "application/pdf"))]
    extra = {"Idempotency-Key": key} if key else {}
    return await client.post(
        "/api/v1/services/dossiers", data=data, files=files, headers=headers | extra
    )
