"""Database engines and sessions: a SQLite file (WAL) by default, PostgreSQL by URL."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio
from fastapi import Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool
from starlette.concurrency import run_in_threadpool

POSTGRES_CONNECT_TIMEOUT_SECONDS = 10
PREPARE_THRESHOLD = "prepare_threshold"
"""URL query flag: `?prepare_threshold=none` turns psycopg's server-side prepared statements
off, as a pooler in transaction mode (PgBouncer before 1.21) needs; a number sets it."""
Result = TypeVar("Result")


def is_sqlite(url: URL) -> bool:
    """Tell whether a URL points at SQLite."""
    return url.get_backend_name() == "sqlite"


def is_sqlite_memory(url: URL) -> bool:
    """Tell whether a URL is an in-memory SQLite database."""
    return is_sqlite(url) and url.database in (None, "", ":memory:")


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    """Turn on WAL, foreign keys and a busy timeout on each new SQLite connection."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def prepare_threshold_of(url: URL) -> int | None:
    """Return the URL's `prepare_threshold` for psycopg: None for `none`, else a number."""
    given = str(url.query[PREPARE_THRESHOLD]).strip().lower()
    if given in ("none", "off", ""):
        return None
    if not given.isdigit():
        raise ValueError(f"{PREPARE_THRESHOLD} must be none or a number, not {given!r}")
    return int(given)


def create_database_engine(database_url: str | URL) -> Engine:
    """Create an engine for a database URL, configured for SQLite or PostgreSQL."""
    url = make_url(database_url)
    options: dict[str, Any] = {}
    if is_sqlite_memory(url):
        # One shared connection, or each connection would see its own empty database.
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    elif url.get_backend_name() == "postgresql":
        connect_args: dict[str, Any] = {}
        if "connect_timeout" not in url.query:
            connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_SECONDS
        if PREPARE_THRESHOLD in url.query:
            connect_args[PREPARE_THRESHOLD] = prepare_threshold_of(url)
            url = url.difference_update_query([PREPARE_THRESHOLD])
        options = {"pool_pre_ping": True, "connect_args": connect_args}
    engine = create_engine(url, **options)
    if is_sqlite(url):
        event.listen(engine, "connect", _configure_sqlite_connection)
    return engine


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory the routers use."""
    return sessionmaker(bind=engine, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """FastAPI dependency: one session per request, closed afterwards."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    try:
        yield session
    finally:
        await close_session(session)


async def close_session(session: Session) -> None:
    """Close a session; off the event loop only if it still holds a connection to give back."""
    if session.in_transaction():
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(session.close)
    else:
        session.close()  # nothing to roll back or return: no I/O


def database_writer(engine: Engine) -> ThreadPoolExecutor | None:
    """Return the one thread that writes to a SQLite file, or None for PostgreSQL.

    SQLite lets one writer in at a time; writers in several threads wait for its lock in
    sleeps of milliseconds. Queued on one thread, writes follow each other at once.
    """
    if not is_sqlite(engine.url):
        return None
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="hue-s-sqlite-writer")


async def run_write(request: Request, work: Callable[..., Result], *args: Any) -> Result:
    """Run blocking work that writes: on the SQLite writer thread, else in the thread pool."""
    writer: ThreadPoolExecutor | None = request.app.state.writer
    if writer is None:
        return await run_in_threadpool(work, *args)
    return await asyncio.get_running_loop().run_in_executor(writer, functools.partial(work, *args))
