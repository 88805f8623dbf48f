"""Store: the SQLite database (WAL) holding one device's settings, drafts, outbox and caches."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from hue_s.app.state.errors import SchemaTooNewError, StoreError
from hue_s.app.state.keyed import KeyedJsonTable
from hue_s.app.state.outbox import Outbox
from hue_s.app.state.schema import DEVICE_TABLES, MIGRATIONS, MigrationStep
from hue_s.environment import DATA_DIR_ENV, default_data_dir
from hue_s.private_files import private_directory, private_sqlite_file

STORE_FILE_NAME = "app-state.sqlite3"
CHECKPOINT_ATTEMPTS = 3


def default_store_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the store file in `data_dir`, `HUE_S_DATA_DIR` or the platform user-data dir."""
    directory = Path(data_dir) if data_dir else default_data_dir()
    try:
        private_directory(directory)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        raise StoreError(
            f"cannot write to the data directory {directory} ({exc.strerror or exc}); "
            f"set {DATA_DIR_ENV} to a writable directory"
        ) from exc
    return directory / STORE_FILE_NAME


class Store:
    """The local database; one per process, shared by every session (rows carry a device id)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        migrations: Sequence[MigrationStep] = MIGRATIONS,
        busy_timeout: float = 5.0,
    ) -> None:
        """Open (creating if needed) and migrate the database at `path`."""
        self.path = Path(path)
        self._lock = threading.RLock()
        self._connection = self._connect(busy_timeout)
        try:
            self._migrate(migrations)
        except BaseException:
            self._connection.close()
            raise
        self.device_settings = KeyedJsonTable(self, "device_settings")
        self.drafts = KeyedJsonTable(self, "drafts")
        self.cache = KeyedJsonTable(self, "cache")
        self.outbox = Outbox(self)

    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        """Open the connection and set the pragmas every connection needs."""
        try:
            private_directory(self.path.parent)
            private_sqlite_file(self.path)
            connection = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the local store at {self.path}: {exc}") from exc
        try:
            connection.row_factory = sqlite3.Row
            connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten, so a wiped kiosk visitor leaves nothing in the file.
            connection.execute("PRAGMA secure_delete = ON")
        except sqlite3.Error as exc:
            connection.close()
            raise StoreError(f"cannot open the local store at {self.path}: {exc}") from exc
        return connection

    @property
    def schema_version(self) -> int:
        """Return the schema version on disk (`PRAGMA user_version`)."""
        return int(self.query("PRAGMA user_version")[0][0])

    def _migrate(self, migrations: Sequence[MigrationStep]) -> None:
        """Apply the steps the database lacks, each in its own transaction."""
        known = len(migrations)
        on_disk = self.schema_version
        if on_disk > known:
            raise SchemaTooNewError(
                f"the local store {self.path} has schema version {on_disk}, but this Hue-S "
                f"knows versions up to {known}; update Hue-S or use another data directory"
            )
        for version in range(on_disk + 1, known + 1):
            with self.transaction() as connection:
                # Another process may have migrated while we waited for the write lock.
                if int(connection.execute("PRAGMA user_version").fetchone()[0]) >= version:
                    continue
                try:
                    migrations[version - 1](connection)
                except sqlite3.Error as exc:
                    raise StoreError(f"migration to version {version} failed: {exc}") from exc
                connection.execute(f"PRAGMA user_version = {int(version)}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction (BEGIN IMMEDIATE), rolled back on error."""
        with self._lock:
            connection = self._connection
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise StoreError(f"local store write failed: {exc}") from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        """Roll back the open transaction, unless SQLite already did."""
        if self._connection.in_transaction:
            self._connection.execute("ROLLBACK")

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run one read statement with bound parameters and return all its rows."""
        with self._lock:
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"local store read failed: {exc}") from exc

    def wipe_device(self, device_id: str) -> int:
        """Delete every row of one device (a kiosk visitor leaving); return how many went.

        The deleted content is zeroed (`secure_delete`) and the write-ahead log, which still
        holds earlier versions of the rows, is checkpointed and truncated (or StoreError).
        """
        return self._wipe("device_id = ?", (device_id,))

    def wipe_devices_with_prefix(self, prefix: str) -> int:
        """Delete every row of the devices whose id starts with `prefix`, as `wipe_device`."""
        return self._wipe("substr(device_id, 1, ?) = ?", (len(prefix), prefix))

    def _wipe(self, where: str, parameters: Sequence[Any]) -> int:
        """Delete the rows of every device table matching `where`, then empty the WAL."""
        deleted = 0
        with self.transaction() as connection:
            for table in DEVICE_TABLES:
                deleted += connection.execute(
                    f"DELETE FROM {table} WHERE {where}", parameters
                ).rowcount
        self.truncate_wal()
        return deleted

    def truncate_wal(self, attempts: int = CHECKPOINT_ATTEMPTS) -> None:
        """Copy the write-ahead log into the database and empty it, or raise StoreError.

        A reader in another process holding an older snapshot keeps the log from being
        emptied; each attempt waits up to the busy timeout for it to finish.
        """
        for _attempt in range(attempts):
            busy = self.query("PRAGMA wal_checkpoint(TRUNCATE)")[0][0]
            if not busy:
                return
        raise StoreError(
            f"the write-ahead log of {self.path} could not be emptied: "
            "another process keeps reading the local store"
        )

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Self:
        """Enter a `with` block that closes the store at its end."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()
