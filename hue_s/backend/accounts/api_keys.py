"""API keys of third-party clients (e.g. Open311 apps), stored only as SHA-256 hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.credentials import new_token, token_hash
from hue_s.backend.accounts.models import ApiClient

API_KEY_PREFIX = "hues_"


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
    return client, key, created


def client_for_key(db: Session, key: str) -> ApiClient | None:
    """Return the client whose key this is, or None."""
    return db.scalars(select(ApiClient).where(ApiClient.key_hash == token_hash(key))).first()
