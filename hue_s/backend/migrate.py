"""Run the Alembic migrations shipped in hue_s/backend/migrations, from code."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

SCRIPT_LOCATION = "hue_s.backend:migrations"


def migration_config(connection: Connection | None = None) -> Config:
    """Return an Alembic Config pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    """Apply every pending revision on an open connection (the caller commits)."""
    command.upgrade(migration_config(connection), "head")


def head_revision() -> str | None:
    """Return the newest revision id shipped with the package."""
    return ScriptDirectory.from_config(migration_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """Return the revision a database is at, or None if it was never migrated."""
    return MigrationContext.configure(connection).get_current_revision()
