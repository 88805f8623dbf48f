"""The database a module's backend tests run on: SQLite, and PostgreSQL where a test asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from hue_s.backend.config import sqlite_url_for

BOTH_DATABASES = pytest.mark.parametrize(
    "database_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
"""For the tests whose point is concurrency: SQLite queues writes, PostgreSQL runs them at once."""


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A SQLite file; a fresh PostgreSQL database where a test asks for "postgres"."""
    if getattr(request, "param", "sqlite") == "postgres":
        url: str = request.getfixturevalue("postgres_database_url")
        return url
    return sqlite_url_for(tmp_path / "backend-test.db")
