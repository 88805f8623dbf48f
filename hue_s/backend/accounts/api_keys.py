"""API keys of third-party clients (e.g. Open311 apps), stored only as SHA-256 hashes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from hue_s.backend.accounts.credentials import new_token, token_hash
from hue_s.backend.accounts.models import ApiClient

API_KEY_PREFIX = "hues_"
KEY_CACHE_SECONDS = 5.0
"""How long a process trusts a key it has looked up: a key replaced by another process (the
`api-key` command) stops working within this time; in the same process, at once."""
KEY_CACHE_SIZE = 1024
CLIENT_ID_BY_KEY_HASH = select(ApiClient.id).where(ApiClient.key_hash == bindparam("key_hash"))


class ApiKeyCache:
    """Which client a key hash belongs to, per database, for a few seconds.

    The Open311 POST looked its key up on the database's one writer thread at every report:
    about a fifth of that thread's time. Only keys found are kept (a wrong key is looked up
    each time, as before), at most KEY_CACHE_SIZE of them.
    """

    def __init__(
        self, seconds: float = KEY_CACHE_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Prepare an empty cache whose entries last `seconds` of `clock`."""
        self.seconds = seconds
        self.clock = clock
        self._found: dict[tuple[URL, str], tuple[int, float]] = {}
        self._lock = threading.Lock()

    def client_id(self, db: Session, key: str) -> int | None:
        """Return the id of the client whose key this is, or None (blocking on a miss)."""
        key_hash = token_hash(key)
        entry = (db.get_bind().engine.url, key_hash)
        now = self.clock()
        found = self._found.get(entry)
        if found is not None and now < found[1]:
            return found[0]
        client_id: int | None = db.connection().scalar(
            CLIENT_ID_BY_KEY_HASH, {"key_hash": key_hash}
        )
        with self._lock:
            if client_id is None:
                self._found.pop(entry, None)
                return None
            if len(self._found) >= KEY_CACHE_SIZE:
                self._found.clear()
            self._found[entry] = (client_id, now + self.seconds)
        return client_id

    def forget(self) -> None:
        """Drop every entry (a key was replaced in this process)."""
        with self._lock:
            self._found.clear()


API_KEYS = ApiKeyCache()
"""This process's cache of keys."""


def issue_api_key(db: Session, name: str, now: datetime) -> tuple[ApiClient, str, bool]:
    """Give a client a new key (replacing its old one); return it, the key and if it is new."""
    key = API_KEY_PREFIX + new_token()
    client = db.scalars(select(ApiClient).where(ApiClient.name == name)).first()
    created = client is None
    if client is None:
        client = ApiClient(name=name, created_at=now)
        db.add(client)
    client.key_hash = token_hash(key)
    db.commit()
    API_KEYS.forget()
    return client, key, created


def client_for_key(db: Session, key: str) -> ApiClient | None:
    """Return the client whose key this is, or None."""
    return db.scalars(select(ApiClient).where(ApiClient.key_hash == token_hash(key))).first()
