"""Alembic environment: migrates the connection handed over in config.attributes["connection"].

hue_s.backend.migrate builds the Config in code and passes an open connection. A Config with
sqlalchemy.url set instead also works (e.g. `alembic.command.revision(..., autogenerate=True)`).
Autogenerate compares the tables of the kernel and the enabled modules (hue_s_backend_tables).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from alembic import context
from sqlalchemy import Connection

from hue_s.backend.kernel.db import create_database_engine
from hue_s.backend.kernel.models import Base
from hue_s.plugins import plugin_manager

config = context.config
target_metadata = Base.metadata


@cache
def enabled_tables() -> frozenset[str]:
    """Return the names of the tables of the kernel and the enabled modules (HUE_S_MODULES)."""
    found = plugin_manager().hook.hue_s_backend_tables()
    return frozenset(table.name for tables in found for table in tables)


def include_object(
    _object: Any, name: str | None, type_: str, reflected: bool, _other: Any
) -> bool:
    """Autogenerate compares the enabled modules' tables only (and leaves others' alone)."""
    return type_ != "table" or (name in enabled_tables())


def run_migrations_on(connection: Connection) -> None:
    """Run the pending revisions on one open connection."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit the SQL of the pending revisions without a database (`alembic upgrade --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        include_object=include_object,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the given connection, or one opened from sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations_on(connection)
        return
    engine = create_database_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as opened:
            run_migrations_on(opened)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
