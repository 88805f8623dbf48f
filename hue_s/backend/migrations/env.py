"""Alembic environment: migrates the connection handed over in config.attributes["connection"].

hue_s.backend.migrate builds the Config in code and passes an open connection. A Config with
sqlalchemy.url set instead also works (e.g. `alembic.command.revision(..., autogenerate=True)`).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from hue_s.backend.db import create_database_engine
from hue_s.backend.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_on(connection: Connection) -> None:
    """Run the pending revisions on one open connection."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit the SQL of the pending revisions without a database (`alembic upgrade --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
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
