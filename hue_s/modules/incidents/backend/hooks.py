"""Incident reporting as a plugin: its routes, tables, branch, commands and account clean-up.
Hooks import what they return when called (the command line stays light)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hue_s.hookspecs import MigrationBranch, hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Connection, Table
    from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


@hookimpl(tryfirst=True)
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve Open311, cases, tracking, following and the hotline (first: the Open311 POST is
    the busiest route to match)."""
    from hue_s.modules.incidents.backend.api import ROUTERS

    return ROUTERS


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the services, incidents, their events, photos, followers, calls and idempotency keys."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.incidents.backend import models  # noqa: F401  (maps the tables)

    return tables_of("hue_s.modules.incidents.backend")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `incidents` branch."""
    return (MigrationBranch("incidents", MIGRATIONS),)


@hookimpl
def hue_s_backend_commands(commands: Any) -> None:
    """Add the incident commands."""
    from hue_s.modules.incidents.backend.commands import add_incidents_commands

    add_incidents_commands(commands)


@hookimpl
def hue_s_backend_body_limits() -> Mapping[Callable[..., Any], int]:
    """Let the photo uploads through: a report, an assisted report, a resolve."""
    from hue_s.modules.incidents.backend.cases.submission import MAX_FORM_BYTES
    from hue_s.modules.incidents.backend.routes.cases import RESOLVE_BODY_BYTES, resolve_case
    from hue_s.modules.incidents.backend.routes.open311_post import post_request
    from hue_s.modules.incidents.backend.routes.tracking import file_for_a_visitor

    return {
        post_request: MAX_FORM_BYTES,
        file_for_a_visitor: MAX_FORM_BYTES,
        resolve_case: RESOLVE_BODY_BYTES,
    }


@hookimpl
def hue_s_backend_database_ready(connection: Connection) -> None:
    """Fill the dashboard's roll-ups of cases stored before them (migration incidents_0004)."""
    from hue_s.modules.incidents.backend.dashboard.rollups import fill_if_missing

    fill_if_missing(connection)


@hookimpl
def hue_s_account_deleted(session: Session, user: Any) -> None:
    """Forget the person in reports; keep the reports."""
    from hue_s.modules.incidents.backend.cleanup import forget_user

    forget_user(session, user)


@hookimpl
def hue_s_dashboard_panels() -> Sequence[Any]:
    """Give the leaders' dashboard the case and hotline figures and the live map's cases."""
    from hue_s.modules.incidents.backend.dashboard.map import CaseMapProvider
    from hue_s.modules.incidents.backend.dashboard.panel import CasesPanelProvider

    return (CasesPanelProvider(), CaseMapProvider())
