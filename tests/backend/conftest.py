"""Fixtures: every database test runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hue_s.backend.app import create_app
from hue_s.backend.config import BUILT_IN_MODULES, BackendSettings, sqlite_url_for
from hue_s.plugins import plugin_manager
from hue_s.testing.backend import asgi_client

from .moto_s3 import (  # noqa: F401  (fixtures of every backend test)
    moto_endpoint,
    s3_bucket,
    s3_client,
    s3_environment,
)
from .postgres_cluster import PostgresCluster, PostgresUnavailable

DATABASE_KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
plugin_manager(BUILT_IN_MODULES).hook.hue_s_backend_tables()  # every module's models mapped:
# tests compare Base.metadata with what the migrations of all branches made


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's HUE_S_* settings and data dir out of the tests."""
    for name in (
        "HUE_S_DATABASE_URL",
        "HUE_S_DATABASE_LISTEN_URL",
        "HUE_S_MODULES",
        "HUE_S_PHOTO_STORE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUE_S_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """URL of a PostgreSQL superuser: $HUE_S_TEST_POSTGRES_URL or a throwaway local cluster."""
    configured = os.environ.get("HUE_S_TEST_POSTGRES_URL")
    if configured:
        yield configured
        return
    try:
        cluster = PostgresCluster.start()
    except PostgresUnavailable as reason:
        message = f"PostgreSQL not available ({reason}); set HUE_S_TEST_POSTGRES_URL"
        if os.environ.get("HUE_S_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{message} (HUE_S_REQUIRE_POSTGRES=1)")
        pytest.skip(message)
    try:
        yield cluster.admin_url
    finally:
        cluster.stop()


@pytest.fixture
def postgres_database_url(postgres_admin_url: str) -> Iterator[str]:
    """A new empty PostgreSQL database for one test, dropped afterwards."""
    name = f"hue_s_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(postgres_admin_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=DATABASE_KINDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database: a SQLite file, then a PostgreSQL database."""
    if request.param == "postgres":
        url: str = request.getfixturevalue("postgres_database_url")
        return url
    return sqlite_url_for(tmp_path / "hue-s-test.db")


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> BackendSettings:
    """Backend settings on the test database, with every built-in module."""
    return BackendSettings(
        data_dir=tmp_path, database_url=database_url, modules=list(BUILT_IN_MODULES)
    )


@pytest.fixture
def app(settings: BackendSettings) -> Iterator[FastAPI]:
    """The backend app on a migrated and seeded test database."""
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process (ASGI, no socket)."""
    async with asgi_client(app) as http:
        yield http
