"""The routers of incident reporting, in the order the app must include them."""

from __future__ import annotations

from fastapi import APIRouter

from hue_s.modules.incidents.backend import (
    cases_api,
    citizen_api,
    following_api,
    hotline_api,
    open311_fallback_api,
    open311_post_api,
    open311_requests_api,
    open311_services_api,
    tracking_api,
)

ROUTERS: tuple[APIRouter, ...] = (
    open311_services_api.router,
    open311_post_api.router,
    open311_requests_api.router,
    open311_fallback_api.router,
    cases_api.router,
    tracking_api.router,
    following_api.router,  # before citizen_api's /{incident_id}
    citizen_api.router,
    hotline_api.router,
)
"""The GeoReport fallback (404/405 for unknown paths) after the GeoReport routes."""
