"""Health as a plugin: its router, its table of places, its branch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hue_s.hookspecs import MigrationBranch, hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve /api/v1/health (places: list, near, one)."""
    from hue_s.modules.health.backend.routes import router

    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the health places."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.health.backend import models  # noqa: F401  (maps the table)

    return tables_of("hue_s.modules.health")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `health` branch."""
    return (MigrationBranch("health", MIGRATIONS),)
