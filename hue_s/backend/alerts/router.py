"""The one router of the alerts domain: JSON API, check-ins, SSE, CAP output and weather."""

from __future__ import annotations

from fastapi import APIRouter

from hue_s.backend.alerts import routes_api, routes_cap, routes_checkins, routes_stream
from hue_s.backend.alerts.runtime import alerts_lifespan
from hue_s.backend.alerts.weather import routes as weather_routes

router = APIRouter(lifespan=alerts_lifespan)
for part in (
    routes_stream.router,
    routes_api.router,
    routes_checkins.router,
    routes_cap.router,
    weather_routes.router,
):
    router.include_router(part)
