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
    """Apply every pending revision of every branch on an open connection (the caller commits).

    Each domain (wards, accounts, incidents, alerts, ...) keeps its own branch of revisions,
    with `depends_on` where one needs another's tables, so the domains can grow independently.
    """
    command.upgrade(migration_config(connection), "heads")


def head_revisions() -> set[str]:
    """Return the newest revision of every branch shipped with the package."""
    return set(ScriptDirectory.from_config(migration_config()).get_heads())


def applied_revisions(connection: Connection) -> set[str]:
    """Return every revision a database has, including those its branch heads depend on."""
    script = ScriptDirectory.from_config(migration_config())
    heads = tuple(current_revisions(connection))
    return {revision.revision for revision in script.iterate_revisions(heads, "base")}


def current_revisions(connection: Connection) -> set[str]:
    """Return the revisions a database is at (one per branch); empty if never migrated."""
    return set(MigrationContext.configure(connection).get_current_heads())
