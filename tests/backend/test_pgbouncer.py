"""Behind PgBouncer in transaction mode: prepared statements off, LISTEN straight to PostgreSQL.

docs/SCALING.md (Database connections) sends the pooled connections of many workers through
PgBouncer. Two things break there unless set: psycopg prepares a statement on the server after
5 executions, which a transaction-mode pooler (PgBouncer before 1.21) hands to another client;
and LISTEN needs a session of its own. `?prepare_threshold=none` on the database URL and
$HUE_S_DATABASE_LISTEN_URL are the two switches.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from hue_s.backend.config import LISTEN_URL_ENV, BackendSettings, sqlite_url_for
from hue_s.backend.kernel.db import create_database_engine
from hue_s.backend.startup import BackendStartError, prepare_database
from tests.modules.alerts.backend.routes.test_routes_stream import (
    assert_heard_by_another_worker,
)

from .pgbouncer import PgBouncer, PgBouncerUnavailable, pgbouncer_version

QUERY = text("SELECT count(*) FROM pg_class WHERE relname <> :name")
"""The same statement each time, with a parameter: what psycopg prepares after 5 runs."""


@pytest.fixture
def start_pgbouncer(postgres_admin_url: str) -> Iterator[Callable[[int], PgBouncer]]:
    """Start transaction-mode poolers in front of the test server; stop them afterwards."""
    started: list[PgBouncer] = []

    def start(pool_size: int) -> PgBouncer:
        """Start one pooler with pool_size server connections per database."""
        try:
            bouncer = PgBouncer.start(postgres_admin_url, pool_size)
        except PgBouncerUnavailable as reason:
            message = f"PgBouncer not available ({reason}); apt-get install pgbouncer"
            if os.environ.get("HUE_S_REQUIRE_PGBOUNCER") == "1":
                pytest.fail(f"{message} (HUE_S_REQUIRE_PGBOUNCER=1)")
            pytest.skip(message)
        started.append(bouncer)
        return bouncer

    yield start
    for bouncer in started:
        bouncer.stop()


def without_prepared_statements(url: str) -> str:
    """Return url with Hue-S's flag that turns server-side prepared statements off."""
    return make_url(url).update_query_dict({"prepare_threshold": "none"}).render_as_string(False)


def run_alternately(engine: Engine, times: int) -> list[int]:
    """Run QUERY `times` times on each of two connections in turn, a transaction each."""
    counts = []
    with engine.connect() as first, engine.connect() as second:
        for number in range(times):
            for connection in (first, second):
                counts.append(connection.execute(QUERY, {"name": f"x{number}"}).scalar_one())
                connection.commit()  # the pooler may now give the server to the other client
    return counts


def test_the_listen_url_is_read_and_defaults_to_the_database_url(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """$HUE_S_DATABASE_LISTEN_URL when set, else the database URL; an argument beats both."""
    pooled, direct = "postgresql+psycopg://hue@pooler/hue", "postgresql+psycopg://hue@db/hue"
    assert BackendSettings(database_url=pooled).listen_database_url == pooled
    sqlite = BackendSettings(data_dir=tmp_path)
    assert sqlite.listen_database_url == sqlite_url_for(tmp_path / "hue-s.db")
    monkeypatch.setenv(LISTEN_URL_ENV, direct)
    assert BackendSettings(database_url=pooled).listen_database_url == direct
    given = BackendSettings(database_url=pooled, listen_database_url=pooled)
    assert given.listen_database_url == pooled


def test_an_unreadable_prepare_threshold_stops_the_start_with_a_reason() -> None:
    """A typo in the flag is said in one line before anything connects."""
    with pytest.raises(BackendStartError, match="prepare_threshold must be none or a number"):
        prepare_database("postgresql+psycopg://hue@127.0.0.1:1/hue?prepare_threshold=never")


def test_the_listen_connection_drops_the_flag_libpq_does_not_know() -> None:
    """The LISTEN URL may be the pooled one copied: its flag is not passed on to libpq."""
    from hue_s.modules.alerts.backend.stream.pg_listener import libpq_conninfo

    url = make_url("postgresql+psycopg://hue@db/hue?prepare_threshold=none&sslmode=require")
    assert libpq_conninfo(url) == "postgresql://hue@db/hue?sslmode=require"


@pytest.mark.postgres
def test_the_flag_reaches_psycopg_and_plain_urls_keep_its_default(
    postgres_database_url: str,
) -> None:
    """`?prepare_threshold=none` turns preparing off; a URL without it keeps psycopg's 5."""
    for url, expected in ((without_prepared_statements(postgres_database_url), None),
                          (postgres_database_url, 5)):  # fmt: skip
        engine = create_database_engine(url)
        try:
            with engine.connect() as connection:
                assert connection.connection.driver_connection.prepare_threshold == expected
                assert "prepare_threshold" not in str(engine.url)
        finally:
            engine.dispose()


@pytest.mark.postgres
def test_identical_queries_through_pgbouncer_in_transaction_mode_need_the_flag(
    postgres_database_url: str, start_pgbouncer: Callable[[int], PgBouncer]
) -> None:
    """Two clients share one server connection: with the flag, 10 identical queries each run;
    without it (PgBouncer before 1.21) the second client's prepared statement collides."""
    bouncer = start_pgbouncer(1)
    pooled = bouncer.url_for(postgres_database_url)
    engine = create_database_engine(without_prepared_statements(pooled))
    try:
        counts = run_alternately(engine, 10)
    finally:
        engine.dispose()
    assert len(counts) == 20 and len(set(counts)) == 1
    if pgbouncer_version() >= (1, 21):
        return  # newer poolers can track prepared statements (max_prepared_statements)
    engine = create_database_engine(pooled)
    try:
        with pytest.raises(DBAPIError, match="prepared statement .* already exists"):
            run_alternately(engine, 10)
    finally:
        engine.dispose()


@pytest.mark.postgres
async def test_an_alert_through_pgbouncer_is_heard_by_a_listener_connected_directly(
    postgres_database_url: str, start_pgbouncer: Callable[[int], PgBouncer], tmp_path: Path
) -> None:
    """Two app instances (as two workers) whose queries and NOTIFY go through the pooler and
    whose LISTEN goes straight to PostgreSQL: an alert issued on one reaches the other's
    stream. The receiver polls only every 60 s, so only a NOTIFY can deliver in time."""
    bouncer = start_pgbouncer(4)
    settings = BackendSettings(
        data_dir=tmp_path,
        database_url=without_prepared_statements(bouncer.url_for(postgres_database_url)),
        listen_database_url=postgres_database_url,
    )
    await assert_heard_by_another_worker(settings, "+84905000019", "Qua PgBouncer")
