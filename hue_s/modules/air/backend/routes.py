"""GET /api/v1/air: VN_AQI now, today and the next hours, for a ward or a point (public)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

import anyio
import httpx
from fastapi import APIRouter, FastAPI, Query, Request, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse
from hue_s.modules.air.backend import upstream
from hue_s.modules.air.backend.reading import report_from
from hue_s.modules.air.wire import AirReport

logger = logging.getLogger(__name__)
HUE_CENTRE = (16.46, 107.59)
GRID = 1
"""Decimals of the grid point read: 0.1° (~11 km; Open-Meteo's finest is 0.1°, Huế's 0.4°)."""
MARGIN = 0.5
AS_OF_HEADER = "X-Air-As-Of"
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorResponse, "description": "Upstream down, nothing cached"}
}


@contextlib.asynccontextmanager
async def air_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Hold one HTTP client for upstream while the server runs (tests may set their own)."""
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=False) as client:
        own = getattr(app.state, "air_client", None) is None
        if own:
            app.state.air_client = client
        try:
            yield
        finally:
            if own:
                app.state.air_client = None


router = APIRouter(prefix="/api/v1", tags=["air"], responses=ERROR_RESPONSES, lifespan=air_lifespan)


def _point(session: Session, ward: str | None, lat: float | None, lon: float | None) -> Any:
    """Return (lat, lon, ward code) to read: a ward's centre, a point near the city, or Huế."""
    if ward is not None:
        found = session.get(Ward, ward)
        if found is None:
            raise APIError(404, "ward_not_found", "No such ward.")
        return found.centroid_lat, found.centroid_lon, ward
    if lat is None and lon is None:
        return HUE_CENTRE[0], HUE_CENTRE[1], None
    if lat is None or lon is None:
        raise APIError(422, "half_a_point", "Give both lat and lon, or neither.")
    box = session.execute(
        select(func.min(Ward.min_lat), func.min(Ward.min_lon), func.max(Ward.max_lat),
               func.max(Ward.max_lon))
    ).one()  # fmt: skip
    if box[0] is not None and not (
        box[0] - MARGIN <= lat <= box[2] + MARGIN and box[1] - MARGIN <= lon <= box[3] + MARGIN
    ):
        raise APIError(422, "outside_service_area", "Air quality is served for the city only.")
    return lat, lon, None


@router.get("/air", response_model=AirReport, responses=UNAVAILABLE)
async def read_air(
    request: Request,
    response: Response,
    ward: Annotated[str | None, Query(max_length=5, description="A ward's code.")] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
) -> AirReport:
    """Air quality (VN_AQI, Decision 1459/QĐ-TCMT) at a ward's centre or the nearest grid point.

    Open to everyone. `stale` is true when upstream failed and the last answer is served, or
    when its reading is over 3 hours old; `reading_at` says which hour it reads.
    """
    client = getattr(request.app.state, "air_client", None)
    if client is None:
        raise APIError(503, "air_unavailable", "Air quality is not running.")
    factory: sessionmaker[Session] = request.app.state.session_factory

    def locate() -> Any:
        with factory() as session:
            return _point(session, ward, lat, lon)

    at_lat, at_lon, ward_code = await anyio.to_thread.run_sync(locate)
    at_lat, at_lon = round(at_lat, GRID), round(at_lon, GRID)
    clock: Callable[[], datetime] = getattr(request.app.state, "clock", None) or (
        lambda: datetime.now(UTC)
    )
    answer = await _answer(factory, client, f"{at_lat},{at_lon}", at_lat, at_lon, clock())
    try:
        report = report_from(
            answer.body, lat=at_lat, lon=at_lon, ward_code=ward_code,
            fetched_at=answer.fetched_at, failed=answer.failed, now=clock(),
        )  # fmt: skip
    except ValueError:
        raise APIError(503, "air_unavailable", "The air-quality answer is malformed.") from None
    response.headers[AS_OF_HEADER] = report.reading_at.isoformat()
    return report


async def _answer(
    factory: sessionmaker[Session],
    client: httpx.AsyncClient,
    point: str,
    lat: float,
    lon: float,
    now: datetime,
) -> upstream.Answer:
    """Return a fresh cached answer, else a new one (cached), else the old one marked failed."""
    cached = await anyio.to_thread.run_sync(upstream.read_cache, factory, point)
    if cached is not None and now - cached.fetched_at < upstream.fresh_for():
        return cached
    try:
        body = await upstream.fetch(client, lat, lon)
        report = report_from(
            body, lat=lat, lon=lon, ward_code=None, fetched_at=now, failed=False, now=now
        )
    except (upstream.UpstreamFailed, ValueError) as failure:
        if cached is None:
            raise APIError(503, "air_unavailable", "No air-quality data right now.") from None
        logger.warning("Serving the air quality cached at %s: %s", cached.fetched_at, failure)
        return upstream.Answer(cached.body, cached.fetched_at, failed=True)
    await anyio.to_thread.run_sync(
        upstream.write_cache, factory, point, body, now, report.reading_at
    )
    return upstream.Answer(body, now, failed=False)
