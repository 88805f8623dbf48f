"""Open-Meteo's air-quality API: where, what is asked, and its answers cached per grid point."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hue_s.modules.air.backend.models import CachedAir

logger = logging.getLogger(__name__)
DEFAULT_URL = "https://air-quality-api.open-meteo.com"
URL_VARIABLE = "HUE_S_AIR_QUALITY_URL"
FRESH_VARIABLE = "HUE_S_AIR_FRESH_SECONDS"
HOURLY = "pm10,pm2_5,carbon_monoxide,nitrogen_dioxide,sulphur_dioxide,ozone,european_aqi,us_aqi"
TIMEZONE = "Asia/Bangkok"
"""UTC+7, as the weather's."""


def air_url() -> str:
    """Return the air-quality endpoint: $HUE_S_AIR_QUALITY_URL (base) + /v1/air-quality."""
    return os.environ.get(URL_VARIABLE, DEFAULT_URL).rstrip("/") + "/v1/air-quality"


def fresh_for() -> timedelta:
    """Return how long a cached answer is served without asking upstream (default 30 min)."""
    try:
        return timedelta(seconds=float(os.environ.get(FRESH_VARIABLE, "1800")))
    except ValueError:
        return timedelta(minutes=30)


def parameters(lat: float, lon: float) -> dict[str, str | float | int]:
    """Return the query: 12 past hours for NowCast, 48 ahead, this hour as `current`."""
    return {
        "latitude": lat, "longitude": lon, "hourly": HOURLY, "current": HOURLY,
        "past_days": 1, "forecast_days": 3, "timezone": TIMEZONE,
    }  # fmt: skip


class UpstreamFailed(Exception):
    """The upstream API gave no usable answer; the message says why."""


@dataclass(frozen=True)
class Answer:
    """An upstream answer, when it was fetched, and whether upstream just failed."""

    body: Any
    fetched_at: datetime
    failed: bool


def as_utc(moment: datetime) -> datetime:
    """Return a stored time as aware UTC (SQLite gives it back naive)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def read_cache(factory: sessionmaker[Session], point: str) -> Answer | None:
    """Return the cached answer of a grid point, if any."""
    with factory() as session:
        row = session.get(CachedAir, point)
        if row is None:
            return None
        return Answer(json.loads(row.body), as_utc(row.fetched_at), failed=False)


def write_cache(
    factory: sessionmaker[Session],
    point: str,
    body: Any,
    fetched_at: datetime,
    reading_at: datetime,
) -> None:
    """Store an answer with its fetch and reading times (a concurrent equal write is fine)."""
    with factory() as session:
        row = session.get(CachedAir, point) or CachedAir(point=point)
        row.body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        row.fetched_at = fetched_at
        row.reading_at = reading_at
        session.add(row)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()


async def fetch(client: httpx.AsyncClient, lat: float, lon: float) -> Any:
    """GET the answer for a point; raise UpstreamFailed on any failure."""
    url = air_url()
    try:
        response = await client.get(url, params=parameters(lat, lon))
        body = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise UpstreamFailed(f"{url}: {error or type(error).__name__}") from None
    if response.status_code != 200 or not isinstance(body, dict) or body.get("error"):
        raise UpstreamFailed(f"{url}: HTTP {response.status_code}")
    return body
