"""Tests of the accounts migration branch: it matches the models and can be undone."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from hue_s.backend.kernel.db import create_database_engine
from hue_s.backend.kernel.models import Base
from hue_s.backend.migrate import migration_config

ACCOUNTS_TABLES = {
    "users",
    "auth_sessions",
    "auth_tokens",
    "otp_challenges",
    "rate_limit_hits",
    "api_clients",
}


def only_accounts_tables(item: Any, name: str | None, kind: str, *_args: Any) -> bool:
    """Compare the accounts tables (and the wards they refer to), not other domains'."""
    table_name = name if kind == "table" else getattr(getattr(item, "table", None), "name", None)
    return table_name is None or table_name in ACCOUNTS_TABLES | {"wards"}


def test_accounts_branch_matches_the_models_and_downgrades(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        with engine.begin() as connection:
            command.upgrade(migration_config(connection), "accounts@head")
            assert set(inspect(connection).get_table_names()) >= ACCOUNTS_TABLES
            context = MigrationContext.configure(
                connection, opts={"include_object": only_accounts_tables, "compare_type": True}
            )
            assert compare_metadata(context, Base.metadata) == []
        with engine.begin() as connection:
            command.downgrade(migration_config(connection), "accounts@base")
            remaining = set(inspect(connection).get_table_names())
            assert not ACCOUNTS_TABLES & remaining
            assert "wards" in remaining
    finally:
        engine.dispose()
