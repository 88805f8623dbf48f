"""The per-process cache of api_keys: a key replaced elsewhere stops working within its bound."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update
from sqlalchemy.orm import Session

from hue_s.backend.accounts.api_keys import ApiKeyCache, issue_api_key
from hue_s.backend.accounts.credentials import token_hash
from hue_s.backend.accounts.models import ApiClient
from hue_s.backend.kernel.clock import utc_now


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        """Start at 100 s."""
        self.now = 100.0

    def __call__(self) -> float:
        """Return the current time."""
        return self.now


def replace_key_elsewhere(session: Session, client_id: int, new_key: str) -> None:
    """Replace a client's key as another process would: without telling this one's cache."""
    session.execute(
        update(ApiClient).where(ApiClient.id == client_id).values(key_hash=token_hash(new_key))
    )
    session.commit()


def test_a_replaced_key_works_only_until_the_cache_bound(db_session: Callable[[], Session]) -> None:
    ticks = Ticks()
    cache = ApiKeyCache(seconds=5, clock=ticks)
    with db_session() as session:
        client, key, _ = issue_api_key(session, "Open311 cached", utc_now())
        assert cache.client_id(session, key) == client.id
        replace_key_elsewhere(session, client.id, "hues_replaced")
        ticks.now += 4.9
        assert cache.client_id(session, key) == client.id  # still trusted: within the bound
        ticks.now += 0.2
        assert cache.client_id(session, key) is None  # past it: looked up again, gone
        assert cache.client_id(session, "hues_replaced") == client.id


def test_an_unknown_key_is_not_remembered(db_session: Callable[[], Session]) -> None:
    ticks = Ticks()
    cache = ApiKeyCache(seconds=5, clock=ticks)
    with db_session() as session:
        client, _, _ = issue_api_key(session, "Open311 later", utc_now())
        assert cache.client_id(session, "hues_not_yet") is None
        replace_key_elsewhere(session, client.id, "hues_not_yet")
        assert cache.client_id(session, "hues_not_yet") == client.id  # at once, same tick


def test_forget_drops_every_key(db_session: Callable[[], Session]) -> None:
    ticks = Ticks()
    cache = ApiKeyCache(seconds=5, clock=ticks)
    with db_session() as session:
        client, key, _ = issue_api_key(session, "Open311 forgotten", utc_now())
        assert cache.client_id(session, key) == client.id
        replace_key_elsewhere(session, client.id, "hues_other")
        cache.forget()
        assert cache.client_id(session, key) is None
