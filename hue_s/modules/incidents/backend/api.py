"""The routers of incident reporting, in the order the app must include them."""

from __future__ import annotations

from fastapi import APIRouter

from hue_s.modules.incidents.backend.routes import (
    cases,
    citizen,
    following,
    hotline,
    open311_fallback,
    open311_post,
    open311_requests,
    open311_services,
    tracking,
)

ROUTERS: tuple[APIRouter, ...] = (
    open311_services.router,
    open311_post.router,
    open311_requests.router,
    open311_fallback.router,
    cases.router,
    tracking.router,
    following.router,  # before citizen's /{incident_id}
    citizen.router,
    hotline.router,
)
"""The GeoReport fallback (404/405 for unknown paths) after the GeoReport routes."""
