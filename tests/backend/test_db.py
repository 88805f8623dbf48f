"""Tests of hue_s/backend/kernel/db.py: engines for SQLite (WAL, foreign keys) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from hue_s.backend.config import sqlite_url_for
from hue_s.backend.kernel.db import create_database_engine, create_session_factory


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = create_database_engine(sqlite_url_for(tmp_path / "pragma.db"))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_in_memory_sqlite_keeps_one_database_across_sessions() -> None:
    engine = create_database_engine("sqlite://")
    factory = create_session_factory(engine)
    try:
        with factory() as session:
            session.execute(text("CREATE TABLE notes (body TEXT)"))
            session.execute(text("INSERT INTO notes VALUES ('xin chào')"))
            session.commit()
        with factory() as session:
            assert session.execute(text("SELECT body FROM notes")).scalar() == "xin chào"
    finally:
        engine.dispose()


def test_engine_matches_the_database(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        with create_session_factory(engine)() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
        assert engine.dialect.name == make_url(database_url).get_backend_name()
    finally:
        engine.dispose()
