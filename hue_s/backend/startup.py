"""Open the database on start: check it is reachable, migrate it, seed it if empty."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Collection
from pathlib import Path

import pluggy
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from hue_s.backend.kernel.db import create_database_engine, is_sqlite, is_sqlite_memory
from hue_s.backend.migrate import VERSIONS, upgrade_to_head
from hue_s.backend.seed import seed_if_empty
from hue_s.plugins import plugin_manager
from hue_s.private_files import private_directory, private_sqlite_file

logger = logging.getLogger(__name__)
MIGRATION_LOCK_ID = 4_611_046  # pg advisory lock: one process migrates and seeds at a time
URL_EXAMPLES = "sqlite:///path/to/hue-s.db or postgresql+psycopg://user:password@host/dbname"


class BackendStartError(RuntimeError):
    """The backend cannot start; the message is one line meant for the person starting it."""


def first_line(error: BaseException) -> str:
    """Return the first non-empty line of an exception's message (or of its DB driver's)."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def parse_database_url(database_url: str) -> URL:
    """Parse a database URL or explain what one looks like."""
    try:
        return make_url(database_url)
    except ArgumentError:
        raise BackendStartError(f"Invalid database URL; expected {URL_EXAMPLES}") from None


def ensure_private_database_file(path: Path) -> None:
    """Create a SQLite file's directory (0700) and the file (0600), or explain why not."""
    directory = path.parent
    try:
        private_directory(directory)
        with tempfile.TemporaryFile(dir=directory):
            pass
        private_sqlite_file(path)
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"Cannot write to the data directory {directory}: {reason}"
        raise BackendStartError(message) from None


def open_engine(url: URL) -> Engine:
    """Create the engine for a parsed URL, explaining a missing dialect or driver."""
    if is_sqlite(url) and not is_sqlite_memory(url):
        ensure_private_database_file(Path(url.database or "").expanduser().resolve())
    try:
        return create_database_engine(url)
    except NoSuchModuleError:
        raise BackendStartError(
            f"Unsupported database {url.drivername!r}; expected {URL_EXAMPLES}"
        ) from None
    except ImportError as error:
        hint = " (pip install 'hue-s[postgres]')" if url.get_backend_name() == "postgresql" else ""
        raise BackendStartError(f"Missing database driver {error.name or error}{hint}") from None
    except ValueError as error:  # a query flag it cannot read (`prepare_threshold`)
        raise BackendStartError(f"Invalid database URL: {error}") from None


def migrate_and_seed(
    connection: Connection,
    branches: Collection[str] | None = None,
    locations: Collection[Path] = (VERSIONS,),
) -> dict[str, int]:
    """Bring the given branches (default: all) to their newest revision and load seed data
    into empty tables."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
    upgrade_to_head(connection, branches, locations)
    with Session(bind=connection) as session:
        added = seed_if_empty(session)
        session.flush()
    return added


def prepare_database(database_url: str, plugins: pluggy.PluginManager | None = None) -> Engine:
    """Return a ready engine: reachable, migrated and seeded, or raise BackendStartError.

    Only the migration branches of the kernel and the enabled modules run (those of `plugins`;
    default: the modules HUE_S_MODULES allows).
    """
    plugins = plugins or plugin_manager()
    found = plugins.hook.hue_s_backend_migrations()
    branches = [branch for listed in found for branch in listed]
    labels = [branch.label for branch in branches]
    locations = [branch.versions for branch in branches]
    url = parse_database_url(database_url)
    shown_url = url.render_as_string(hide_password=True)
    engine = open_engine(url)
    try:
        with engine.begin() as connection:
            added = migrate_and_seed(connection, labels, locations)
            plugins.hook.hue_s_backend_database_ready(connection=connection)
    except DBAPIError as error:
        engine.dispose()
        message = f"Cannot use the database {shown_url}: {first_line(error)}"
        raise BackendStartError(message) from None
    except (CommandError, SQLAlchemyError) as error:
        engine.dispose()
        message = f"Cannot migrate the database {shown_url}: {first_line(error)}"
        raise BackendStartError(message) from None
    seeded = {table: count for table, count in added.items() if count}
    logger.info("Database %s is ready%s", shown_url, f"; seeded {seeded}" if seeded else "")
    return engine
