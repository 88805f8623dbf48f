"""Air quality as a plugin: its router, its table, its branch."""

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
    """Serve GET /api/v1/air."""
    from hue_s.modules.air.backend.routes import router

    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the cached air-quality answers."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.air.backend import models  # noqa: F401  (maps the table)

    return tables_of("hue_s.modules.air")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `air` branch."""
    return (MigrationBranch("air", MIGRATIONS),)
