"""The `hue_s.modules` entry point: the app's manifest and the backend's hook implementations."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hue_s.hookspecs import MigrationBranch, hookimpl
from hue_s_heritage.app import manifest

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table

__all__ = ["manifest"]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve the sights."""
    from hue_s_heritage.backend import router

    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the heritage_sights table."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s_heritage import backend  # noqa: F401  (maps the table)

    return tables_of("hue_s_heritage")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `heritage` branch."""
    return (MigrationBranch("heritage", MIGRATIONS),)
