"""The store's schema: one migration step per `PRAGMA user_version`, in order."""

import sqlite3
from collections.abc import Callable, Sequence

MigrationStep = Callable[[sqlite3.Connection], None]

VERSION_1 = (
    """CREATE TABLE device_settings (
        device_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (device_id, key)
    )""",
    """CREATE TABLE drafts (
        device_id TEXT NOT NULL,
        key TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (device_id, key)
    )""",
    """CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        last_error TEXT,
        server_ref TEXT
    )""",
    "CREATE INDEX outbox_by_device_state ON outbox (device_id, state, next_attempt_at)",
    """CREATE TABLE cache (
        device_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (device_id, key)
    )""",
)


def create_version_1(connection: sqlite3.Connection) -> None:
    """Create settings, drafts, outbox and cache tables, all keyed by device id."""
    for statement in VERSION_1:
        connection.execute(statement)


def add_outbox_server(connection: sqlite3.Connection) -> None:
    """Remember, per outbox item, the server an attempt may have reached (NULL: none may have)."""
    connection.execute("ALTER TABLE outbox ADD COLUMN server TEXT")


MIGRATIONS: Sequence[MigrationStep] = (create_version_1, add_outbox_server)

# Key/JSON-value tables: table name -> (value column, time column).
KEYED_TABLES = {
    "device_settings": ("value_json", "updated_at"),
    "drafts": ("payload_json", "updated_at"),
    "cache": ("value_json", "fetched_at"),
}

DEVICE_TABLES = ("device_settings", "drafts", "outbox", "cache")
