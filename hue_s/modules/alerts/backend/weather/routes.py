"""GET /api/v1/weather, /api/v1/rivers and /api/v1/gauges: forecasts and river levels."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.models import Ward
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse
from hue_s.modules.alerts.backend.settings import AlertsSettings, alerts_settings
from hue_s.modules.alerts.backend.weather.cache import CachedAnswer, UpstreamFailed, cached_fetch
from hue_s.modules.alerts.backend.weather.gauges import GaugeStatus, all_gauges
from hue_s.modules.alerts.backend.weather.upstream import (
    FORECAST_PARAMETERS,
    HUE_CENTRE,
    flood_parameters,
    rivers_body,
)

router = APIRouter(prefix="/api/v1", tags=["weather"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]
SettingsDependency = Annotated[AlertsSettings, Depends(alerts_settings)]
SERVICE_MARGIN_DEGREES = 0.5
AS_OF_HEADER = "X-Forecast-As-Of"
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorResponse, "description": "Upstream down, nothing cached"}
}


def _client(request: Request) -> Any:
    """Return the HTTP client for upstream APIs (tests may set app.state.weather_client)."""
    client = getattr(request.app.state, "weather_client", None)
    if client is None:
        raise APIError(503, "weather_unavailable", "Weather is not running.")
    return client


def _check_service_area(session: Session, lat: float, lon: float) -> None:
    """Refuse points far from the city (the cache is per point, so it must stay bounded)."""
    box = session.execute(
        select(
            func.min(Ward.min_lat),
            func.min(Ward.min_lon),
            func.max(Ward.max_lat),
            func.max(Ward.max_lon),
        )
    ).one()
    if box[0] is None:
        return
    margin = SERVICE_MARGIN_DEGREES
    if not (
        box[0] - margin <= lat <= box[2] + margin and box[1] - margin <= lon <= box[3] + margin
    ):
        raise APIError(
            422, "outside_service_area", "Weather is served for the city and its surroundings."
        )


def _answer(response: Response, answer: CachedAnswer, body: dict[str, Any]) -> dict[str, Any]:
    """Add the 'as of' time (field and header) and the stale flag to an answer."""
    as_of = answer.fetched_at.isoformat()
    response.headers[AS_OF_HEADER] = as_of
    return {**body, "as_of": as_of, "stale": answer.stale}


@router.get("/weather", responses=UNAVAILABLE)
async def read_weather(
    request: Request,
    response: Response,
    session: SessionDependency,
    settings: SettingsDependency,
    lat: Annotated[
        float, Query(ge=-90, le=90, description="Latitude; default central Huế.")
    ] = HUE_CENTRE[0],
    lon: Annotated[float, Query(ge=-180, le=180, description="Longitude.")] = HUE_CENTRE[1],
) -> dict[str, Any]:
    """Current weather, 48 hourly and 7 daily values, in the Open-Meteo forecast format.

    Adds `as_of` (when the forecast was fetched) and `stale` (true when upstream failed and
    the last forecast is served); the X-Forecast-As-Of header repeats `as_of`.
    """
    _check_service_area(session, lat, lon)
    point = (round(lat, 2), round(lon, 2))
    try:
        answer = await cached_fetch(
            request.app.state.session_factory, _client(request),
            kind="forecast", point=f"{point[0]:.2f},{point[1]:.2f}",
            url=f"{settings.forecast_url.rstrip('/')}/v1/forecast",
            params={"latitude": point[0], "longitude": point[1], **FORECAST_PARAMETERS},
            fresh_for=timedelta(seconds=settings.weather_fresh_seconds),
        )  # fmt: skip
    except UpstreamFailed:
        raise APIError(503, "weather_unavailable", "No forecast can be had right now.") from None
    return _answer(response, answer, answer.body)


@router.get("/rivers", responses=UNAVAILABLE)
async def read_rivers(
    request: Request, response: Response, settings: SettingsDependency
) -> dict[str, Any]:
    """Daily river discharge of Huế's main rivers, each in the Open-Meteo flood format."""
    try:
        answer = await cached_fetch(
            request.app.state.session_factory, _client(request),
            kind="flood", point="rivers",
            url=f"{settings.flood_url.rstrip('/')}/v1/flood",
            params=flood_parameters(),
            fresh_for=timedelta(seconds=settings.weather_fresh_seconds),
        )  # fmt: skip
    except UpstreamFailed:
        raise APIError(503, "rivers_unavailable", "No river forecast can be had now.") from None
    try:
        body = rivers_body(answer.body)
    except ValueError:
        raise APIError(503, "rivers_unavailable", "The river forecast is malformed.") from None
    return _answer(response, answer, body)


@router.get("/gauges", response_model=list[GaugeStatus])
def read_gauges(
    session: SessionDependency,
    hours: Annotated[
        int, Query(ge=0, le=24 * 14, description="Also return the readings of these hours.")
    ] = 0,
) -> list[GaugeStatus]:
    """River gauges (Kim Long, Phú Ốc) with the newest water level against alarm levels I-III."""
    return all_gauges(session, hours)
