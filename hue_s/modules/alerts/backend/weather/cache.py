"""Answers of Open-Meteo-compatible APIs, cached in the database; stale ones served on failure."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import anyio
import httpx
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hue_s.modules.alerts.backend.columns import utc_now
from hue_s.modules.alerts.backend.weather.models import CachedForecast

logger = logging.getLogger(__name__)


class UpstreamFailed(Exception):
    """The upstream API did not give a usable answer; the message says why."""


@dataclass(frozen=True)
class CachedAnswer:
    """An upstream answer, when it was fetched, and whether it is a fallback after a failure."""

    body: Any
    fetched_at: datetime
    stale: bool


def _read_cache(factory: sessionmaker[Session], kind: str, point: str) -> CachedAnswer | None:
    """Return the cached answer of a query, if any."""
    with factory() as session:
        row = session.get(CachedForecast, (kind, point))
        if row is None:
            return None
        return CachedAnswer(json.loads(row.body), row.fetched_at, stale=False)


def _write_cache(
    factory: sessionmaker[Session], kind: str, point: str, body: Any, fetched_at: datetime
) -> None:
    """Store an answer (another worker storing the same one at once is fine)."""
    with factory() as session:
        row = session.get(CachedForecast, (kind, point)) or CachedForecast(kind=kind, point=point)
        row.body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        row.fetched_at = fetched_at
        session.add(row)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()


async def fetch_json(
    client: httpx.AsyncClient, url: str, params: dict[str, str | float | int]
) -> Any:
    """GET an Open-Meteo-style JSON answer; raise UpstreamFailed on any failure."""
    try:
        response = await client.get(url, params=params)
    except httpx.HTTPError as error:
        raise UpstreamFailed(f"{url}: {error or type(error).__name__}") from None
    try:
        body = response.json()
    except ValueError:
        raise UpstreamFailed(f"{url}: HTTP {response.status_code}, not JSON") from None
    if response.status_code != 200 or (isinstance(body, dict) and body.get("error")):
        reason = body.get("reason") if isinstance(body, dict) else None
        raise UpstreamFailed(f"{url}: HTTP {response.status_code} {reason or ''}".strip())
    if not isinstance(body, dict | list):
        raise UpstreamFailed(f"{url}: unexpected JSON")
    return body


async def cached_fetch(
    factory: sessionmaker[Session],
    client: httpx.AsyncClient,
    *,
    kind: str,
    point: str,
    url: str,
    params: dict[str, str | float | int],
    fresh_for: timedelta,
) -> CachedAnswer:
    """Return a fresh cached answer, else fetch and cache one, else the stale cached one.

    Raises UpstreamFailed only when upstream fails and nothing was ever cached.
    """
    cached = await anyio.to_thread.run_sync(_read_cache, factory, kind, point)
    now = utc_now()
    if cached is not None and now - cached.fetched_at < fresh_for:
        return cached
    try:
        body = await fetch_json(client, url, params)
    except UpstreamFailed as failure:
        if cached is None:
            raise
        logger.warning("Serving the %s cached at %s: %s", kind, cached.fetched_at, failure)
        return CachedAnswer(cached.body, cached.fetched_at, stale=True)
    await anyio.to_thread.run_sync(_write_cache, factory, kind, point, body, now)
    return CachedAnswer(body, now, stale=False)
