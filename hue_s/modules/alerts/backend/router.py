"""The one router of the alerts domain: JSON API, check-ins, SSE, CAP output and weather."""

from __future__ import annotations

from fastapi import APIRouter

from hue_s.modules.alerts.backend.routes import api as routes_api
from hue_s.modules.alerts.backend.routes import cap as routes_cap
from hue_s.modules.alerts.backend.routes import checkins as routes_checkins
from hue_s.modules.alerts.backend.routes import stream as routes_stream
from hue_s.modules.alerts.backend.runtime import alerts_lifespan
from hue_s.modules.alerts.backend.weather import routes as weather_routes

router = APIRouter(lifespan=alerts_lifespan)
for part in (
    routes_stream.router,
    routes_api.router,
    routes_checkins.router,
    routes_cap.router,
    weather_routes.router,
):
    router.include_router(part)
