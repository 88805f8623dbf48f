"""Alerts as a plugin: its router, tables, branch, commands, drawn-area bodies, clean-up.
Hooks import what they return when called (the command line stays light)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hue_s.hookspecs import MigrationBranch, hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
ALERT_DRAFT_BYTES = 256 * 1024
"""An alert: 2,000 polygon points and 10,000-character texts, JSON-escaped."""


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve the alerts API, check-ins, the stream, CAP and the weather."""
    from hue_s.modules.alerts.backend.router import router

    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the alerts, their parts, check-ins, sources, forecasts and river gauges."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.alerts.backend import models  # noqa: F401  (maps the tables)

    return tables_of("hue_s.modules.alerts.backend")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `alerts` branch."""
    return (MigrationBranch("alerts", MIGRATIONS),)


@hookimpl
def hue_s_backend_commands(commands: Any) -> None:
    """Add the alert commands."""
    from hue_s.modules.alerts.backend.commands import add_alerts_commands

    add_alerts_commands(commands)


@hookimpl
def hue_s_backend_body_limits() -> Mapping[Callable[..., Any], int]:
    """Let drawn alerts through."""
    from hue_s.modules.alerts.backend.routes.api import create_alert, read_area_wards, update_alert

    return {
        create_alert: ALERT_DRAFT_BYTES,
        update_alert: ALERT_DRAFT_BYTES,
        read_area_wards: ALERT_DRAFT_BYTES,
    }


@hookimpl
def hue_s_account_deleted(session: Session, user: Any) -> None:
    """Delete the person's check-ins."""
    from hue_s.modules.alerts.backend.checkins.checkins import forget_checkins

    forget_checkins(session, user)


@hookimpl
def hue_s_dashboard_panels() -> Sequence[Any]:
    """Give the dashboard's live map the active alerts' areas."""
    from hue_s.modules.alerts.backend.dashboard_map import AlertAreasProvider

    return (AlertAreasProvider(),)
