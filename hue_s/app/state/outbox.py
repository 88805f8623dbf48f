"""The outbox: writes that must reach the server, kept until they are sent."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, cast

from hue_s.app.state.errors import OutboxStateError
from hue_s.app.state.timestamps import from_db_time, to_db_time, utc_now

if TYPE_CHECKING:
    import sqlite3

    from hue_s.app.state.store import Store

OutboxState = Literal["pending", "sending", "sent", "failed"]

COLUMNS = (
    "id, device_id, kind, payload_json, created_at, attempts, next_attempt_at, state, "
    "last_error, server_ref, server"
)


@dataclass(frozen=True)
class OutboxItem:
    """One queued write; its id is also the idempotency key sent with it."""

    id: str
    device_id: str
    kind: str
    payload: Any
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    state: OutboxState
    last_error: str | None
    server_ref: str | None
    server: str | None = None
    """The server an earlier attempt may have reached (it may have the item), None if none."""

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> OutboxItem:
        """Build an item from an outbox row."""
        next_attempt_at = row["next_attempt_at"]
        return cls(
            id=row["id"],
            device_id=row["device_id"],
            kind=row["kind"],
            payload=json.loads(row["payload_json"]),
            created_at=from_db_time(row["created_at"]),
            attempts=row["attempts"],
            next_attempt_at=from_db_time(next_attempt_at) if next_attempt_at else None,
            state=cast(OutboxState, row["state"]),
            last_error=row["last_error"],
            server_ref=row["server_ref"],
            server=row["server"],
        )


class Outbox:
    """Queued writes of every device: pending -> sending -> sent, or -> failed and retried."""

    def __init__(self, store: Store) -> None:
        """Bind to the store's outbox table."""
        self._store = store

    def enqueue(
        self, device_id: str, *, kind: str, payload: Any, item_id: str | None = None
    ) -> OutboxItem:
        """Queue a write, due now; `item_id` (a new UUID by default) is its idempotency key."""
        item_id = item_id or str(uuid.uuid4())
        now = to_db_time(utc_now())
        with self._store.transaction() as connection:
            connection.execute(
                "INSERT INTO outbox (id, device_id, kind, payload_json, created_at, "
                "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, device_id, kind, json.dumps(payload, ensure_ascii=False), now, now),
            )
        return self._require(device_id, item_id)

    def get(self, device_id: str, item_id: str) -> OutboxItem | None:
        """Return one item of a device, or None."""
        rows = self._store.query(
            f"SELECT {COLUMNS} FROM outbox WHERE device_id = ? AND id = ?", (device_id, item_id)
        )
        return OutboxItem.from_row(rows[0]) if rows else None

    def entries(
        self, device_id: str, *, states: Collection[OutboxState] | None = None
    ) -> list[OutboxItem]:
        """Return a device's items, oldest first, optionally only those in some states."""
        sql = f"SELECT {COLUMNS} FROM outbox WHERE device_id = ?"
        parameters: list[str] = [device_id]
        if states is not None:
            sql += f" AND state IN ({', '.join('?' * len(states))})"
            parameters.extend(states)
        rows = self._store.query(sql + " ORDER BY created_at, rowid", parameters)
        return [OutboxItem.from_row(row) for row in rows]

    def due(self, device_id: str, *, now: datetime | None = None) -> list[OutboxItem]:
        """Return the pending or failed items whose next attempt is due, oldest first."""
        rows = self._store.query(
            f"SELECT {COLUMNS} FROM outbox WHERE device_id = ? AND state IN ('pending', 'failed') "
            "AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY created_at, rowid",
            (device_id, to_db_time(now or utc_now())),
        )
        return [OutboxItem.from_row(row) for row in rows]

    def mark_sending(self, device_id: str, item_id: str) -> bool:
        """Claim a pending or failed item for sending; False if it is not claimable."""
        with self._store.transaction() as connection:
            cursor = connection.execute(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1 "
                "WHERE device_id = ? AND id = ? AND state IN ('pending', 'failed')",
                (device_id, item_id),
            )
            return cursor.rowcount == 1

    def mark_sent(
        self,
        device_id: str,
        item_id: str,
        *,
        server_ref: str | None = None,
        receipt: dict[str, Any] | None = None,
    ) -> None:
        """Record that the server accepted a sending item, with its id on the server.

        `receipt` (what the server answered: a token, a notice, an answer that could not be
        read) is kept in the item's payload under "receipt".
        """
        assignments = "state = 'sent', next_attempt_at = NULL, last_error = NULL, server_ref = ?"
        values: tuple[Any, ...] = (server_ref,)
        if receipt is not None:
            assignments += ", payload_json = json_set(payload_json, '$.receipt', json(?))"
            values += (json.dumps(receipt, ensure_ascii=False),)
        self._update_sending(device_id, item_id, assignments, values)

    def learn_server_ref(self, device_id: str, item_id: str, server_ref: str) -> bool:
        """Record the server id of a sent item that had none yet (given a token first)."""
        with self._store.transaction() as connection:
            cursor = connection.execute(
                "UPDATE outbox SET server_ref = ? WHERE device_id = ? AND id = ? "
                "AND state = 'sent' AND server_ref IS NULL",
                (server_ref, device_id, item_id),
            )
            return cursor.rowcount == 1

    def mark_failed(
        self,
        device_id: str,
        item_id: str,
        *,
        error: str,
        next_attempt_at: datetime | None,
        reached: str | None = None,
    ) -> None:
        """Record a failed send; retry at `next_attempt_at`, or never when it is None.

        `reached`: the server this attempt may have left the item on though no answer said so
        (a lost answer); the item stays bound to it. None: the attempt surely reached none.
        """
        when = to_db_time(next_attempt_at) if next_attempt_at is not None else None
        self._update_sending(
            device_id,
            item_id,
            "state = 'failed', last_error = ?, next_attempt_at = ?, server = COALESCE(?, server)",
            (error, when, reached),
        )

    def replace(
        self, device_id: str, item_id: str, *, payload: Any, new_id: str | None = None
    ) -> str | None:
        """Change what a pending or failed item sends, due now; return its id (None: too late).

        With `new_id` the item is queued again under that id, a new idempotency key, for when
        the old key is bound to a body the server refused. None when the item is being sent,
        was sent, or is gone: the caller must not assume the change was made.
        """
        payload_json = json.dumps(payload, ensure_ascii=False)
        now = to_db_time(utc_now())
        with self._store.transaction() as connection:
            if new_id is None:
                cursor = connection.execute(
                    "UPDATE outbox SET payload_json = ?, state = 'pending', next_attempt_at = ? "
                    "WHERE device_id = ? AND id = ? AND state IN ('pending', 'failed')",
                    (payload_json, now, device_id, item_id),
                )
                return item_id if cursor.rowcount == 1 else None
            cursor = connection.execute(
                "INSERT INTO outbox (id, device_id, kind, payload_json, created_at, "
                "next_attempt_at) SELECT ?, device_id, kind, ?, ?, ? FROM outbox "
                "WHERE device_id = ? AND id = ? AND state IN ('pending', 'failed')",
                (new_id, payload_json, now, now, device_id, item_id),
            )
            if cursor.rowcount != 1:
                return None
            connection.execute(
                "DELETE FROM outbox WHERE device_id = ? AND id = ?", (device_id, item_id)
            )
            return new_id

    def delete(self, device_id: str, item_id: str) -> bool:
        """Drop an item that is pending or failed (the user gave up); False otherwise."""
        with self._store.transaction() as connection:
            cursor = connection.execute(
                "DELETE FROM outbox WHERE device_id = ? AND id = ? "
                "AND state IN ('pending', 'failed')",
                (device_id, item_id),
            )
            return cursor.rowcount == 1

    def requeue_interrupted(self, device_id: str, *, kinds: Collection[str]) -> int:
        """Put items of `kinds` left 'sending' by a crash back to 'pending'; return how many."""
        with self._store.transaction() as connection:
            cursor = connection.execute(
                "UPDATE outbox SET state = 'pending' WHERE device_id = ? AND state = 'sending' "
                f"AND kind IN ({', '.join('?' * len(kinds))})",
                (device_id, *kinds),
            )
            return cursor.rowcount

    def _update_sending(
        self, device_id: str, item_id: str, assignments: str, values: tuple[Any, ...]
    ) -> None:
        """Apply an update to an item that must be 'sending', or raise OutboxStateError."""
        with self._store.transaction() as connection:
            cursor = connection.execute(
                f"UPDATE outbox SET {assignments} "
                "WHERE device_id = ? AND id = ? AND state = 'sending'",
                (*values, device_id, item_id),
            )
            changed = cursor.rowcount == 1
        if not changed:
            current = self.get(device_id, item_id)
            found = f"it is {current.state}" if current else "there is no such item"
            raise OutboxStateError(f"outbox item {item_id} is not being sent: {found}")

    def _require(self, device_id: str, item_id: str) -> OutboxItem:
        """Return an item that must exist."""
        item = self.get(device_id, item_id)
        if item is None:
            raise OutboxStateError(f"outbox item {item_id} vanished")
        return item
