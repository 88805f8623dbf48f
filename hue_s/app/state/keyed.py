"""Tables of JSON values by (device id, key): device settings, drafts and caches."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hue_s.app.state.schema import KEYED_TABLES
from hue_s.app.state.timestamps import from_db_time, to_db_time, utc_now

if TYPE_CHECKING:
    from hue_s.app.state.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredValue:
    """A value read back from the store, with when it was stored (or fetched, for caches)."""

    key: str
    value: Any
    stored_at: datetime


class KeyedJsonTable:
    """One of the store's key/JSON tables; a row that is not valid JSON reads as missing."""

    def __init__(self, store: Store, table: str) -> None:
        """Bind to one of the tables listed in `KEYED_TABLES`."""
        value_column, time_column = KEYED_TABLES[table]
        self._store = store
        self._select = f"SELECT key, {value_column}, {time_column} FROM {table} WHERE device_id = ?"
        self._upsert = (
            f"INSERT INTO {table} (device_id, key, {value_column}, {time_column}) "
            f"VALUES (?, ?, ?, ?) ON CONFLICT (device_id, key) DO UPDATE SET "
            f"{value_column} = excluded.{value_column}, {time_column} = excluded.{time_column}"
        )
        self._delete = f"DELETE FROM {table} WHERE device_id = ? AND key = ?"
        self._table = table

    def put(self, device_id: str, key: str, value: Any) -> None:
        """Store a JSON-serialisable value under a key, replacing any previous one."""
        self.put_many(device_id, {key: value})

    def put_many(self, device_id: str, values: Mapping[str, Any]) -> None:
        """Store several values at once, in one transaction."""
        now = to_db_time(utc_now())
        rows = [
            (device_id, key, json.dumps(value, ensure_ascii=False), now)
            for key, value in values.items()
        ]
        with self._store.transaction() as connection:
            connection.executemany(self._upsert, rows)

    def get(self, device_id: str, key: str) -> StoredValue | None:
        """Return the value stored under a key, or None."""
        rows = self._store.query(f"{self._select} AND key = ?", (device_id, key))
        return self._decode(rows[0]) if rows else None

    def entries(self, device_id: str) -> list[StoredValue]:
        """Return every value of a device, ordered by key."""
        rows = self._store.query(f"{self._select} ORDER BY key", (device_id,))
        return [value for value in map(self._decode, rows) if value is not None]

    def values(self, device_id: str) -> dict[str, Any]:
        """Return every value of a device as a key -> value mapping."""
        return {entry.key: entry.value for entry in self.entries(device_id)}

    def delete(self, device_id: str, key: str) -> bool:
        """Delete the value under a key; return whether there was one."""
        with self._store.transaction() as connection:
            return connection.execute(self._delete, (device_id, key)).rowcount > 0

    def _decode(self, row: Any) -> StoredValue | None:
        """Turn a row into a StoredValue; log and skip a row that cannot be read."""
        key, value_json, stored_at = row
        try:
            return StoredValue(key, json.loads(value_json), from_db_time(stored_at))
        except (TypeError, ValueError):
            logger.warning("ignoring unreadable row %r in %s", key, self._table)
            return None
