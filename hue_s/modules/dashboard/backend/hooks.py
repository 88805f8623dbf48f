"""The dashboard as a plugin: its router only (it owns no tables; its figures come from the
panels other modules give through `hue_s_dashboard_panels`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hue_s.hookspecs import hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve the dashboard API."""
    from hue_s.modules.dashboard.backend.routes import router

    return (router,)
