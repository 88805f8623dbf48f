"""Tourism as a plugin: its router, its tables, its branch."""

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
    """Serve /api/v1/tourism."""
    from hue_s.modules.tourism.backend.routes import router

    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the places and the events."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.tourism.backend import models  # noqa: F401  (maps the tables)

    return tables_of("hue_s.modules.tourism")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `tourism` branch."""
    return (MigrationBranch("tourism", MIGRATIONS),)
